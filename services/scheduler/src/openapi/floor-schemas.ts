import { floorInputSchema, MAX_FLOOR_ROOMS, MAX_FLOOR_TILES, roomInputSchema } from '@ceiling-grid/core';
import { z } from 'zod';
import { runLinksSchema, runListItemViewSchema } from './run-schemas.js';

/**
 * Floors (RULES §2 "Floors") as the API takes and returns them. As with runs, the queue
 * defines the types and the tests check that every real answer fits these schemas.
 */

/** `POST /api/floors` body: the core's floor schema with each room described as a Room. */
export const floorRequestSchema = floorInputSchema
  .extend({
    rooms: z
      .array(roomInputSchema)
      .min(1)
      .max(MAX_FLOOR_ROOMS)
      .describe(
        `The rooms, each in the room format of \`POST /api/runs\`: at most ${MAX_FLOOR_ROOMS}, ` +
          `${MAX_FLOOR_TILES.toLocaleString('en')} tiles in all, unique roomIds, one unit.`,
      ),
  })
  .describe('A floor: its id, a name, and its rooms. Rejected whole when any room is invalid.');

export const floorLinksSchema = z.object({ self: z.string(), schedule: z.string() });

export const floorTriggerResponseSchema = z
  .object({
    floorRunId: z.uuid().describe('The id of this floor run: `GET /api/floors/{floorRunId}`.'),
    floorId: z.string(),
    status: z.literal('queued'),
    created: z.boolean().describe('False when an Idempotency-Key replayed an earlier floor run.'),
    rooms: z.int().min(0).describe('Rooms queued, one run each.'),
    links: floorLinksSchema,
  })
  .describe('The floor that was queued (or replayed).');

const deviceTotalSchema = z
  .object({
    count: z.int().min(0).describe('New devices placed in the completed rooms.'),
    lowerBound: z
      .number()
      .nullable()
      .describe('Sum of the rooms’ proven lower bounds; null when a counted room has none.'),
  })
  .describe('A device count over the completed rooms, with its proven lower bound.');

export const floorTotalsSchema = z
  .object({
    completedRooms: z.int().min(0).describe('Rooms whose run completed; every figure sums over them.'),
    compliantRooms: z.int().min(0).describe('Completed rooms whose every check passes.'),
    lights: deviceTotalSchema,
    watts: z.number().describe('Power of every light of the counted rooms, new and existing.'),
    area: z.number().describe('Ceiling area of the counted rooms.'),
    lightingPowerDensity: z.number().describe('`watts / area`; 0 with no area.'),
    diffusers: deviceTotalSchema,
    detectors: deviceTotalSchema,
    units: z
      .object({ watts: z.string(), area: z.string(), lightingPowerDensity: z.string() })
      .describe('The unit of each figure (`W`, `ft²`, `W/ft²`).'),
  })
  .describe('What the completed rooms of a floor add up to.');

const floorProgressSchema = z
  .object({
    total: z.int().min(0),
    finished: z.int().min(0).describe('Completed plus failed.'),
    completed: z.int().min(0),
    failed: z.int().min(0),
    fraction: z.number().min(0).max(1).describe('`finished / total`.'),
  })
  .describe('Rooms finished out of all.');

const floorBasics = {
  floorRunId: z.uuid(),
  floorId: z.string(),
  name: z.string(),
  status: z
    .enum(['queued', 'running', 'completed'])
    .describe('`completed` once every room finished, failed or not.'),
  source: z.string(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  progress: floorProgressSchema,
};

/** One room of a floor as the queue reads it: the run's list row under the room's id. */
export const floorRoomViewSchema = runListItemViewSchema;

export const floorRoomSchema = floorRoomViewSchema
  .extend({ links: runLinksSchema })
  .describe('One room of a floor: its run’s state, counts and compliance. The run is `links.self`.');

/** A floor as the queue reads it, before the API adds its links. */
export const floorViewSchema = z.object({
  ...floorBasics,
  rooms: z.array(floorRoomViewSchema),
  totals: floorTotalsSchema,
});

export const floorSchema = z
  .object({
    ...floorBasics,
    rooms: z.array(floorRoomSchema),
    totals: floorTotalsSchema,
    links: floorLinksSchema,
  })
  .describe('A floor: every room’s state, the progress, and the totals of its completed rooms.');

export const floorBasicsViewSchema = z.object(floorBasics);

export const floorListItemSchema = z
  .object({ ...floorBasics, links: floorLinksSchema })
  .describe('A floor in a list, without its rooms.');

export const floorListSchema = z
  .object({ floors: z.array(floorListItemSchema) })
  .describe('Recent floors, newest first.');

/** The floor components of the document: answers (`io: output`). */
export const FLOOR_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  FloorTriggerResponse: floorTriggerResponseSchema,
  Floor: floorSchema,
  FloorRoom: floorRoomSchema,
  FloorTotals: floorTotalsSchema,
  FloorList: floorListSchema,
  FloorListItem: floorListItemSchema,
  FloorLinks: floorLinksSchema,
};

/** The floor components of the document: request bodies (`io: input`). */
export const FLOOR_REQUEST_SCHEMAS: Record<string, z.ZodType> = { FloorInput: floorRequestSchema };

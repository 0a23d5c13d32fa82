import * as z from 'zod';
import { LIGHT_LAYOUTS, REQUIREMENT_KEYS } from './requirements.js';
import { LENGTH_UNITS, ROOM_TYPES } from './room-type.js';

/** Largest number of tiles a room may have (RULES §2). */
export const MAX_TILES = 250_000;
/** Largest number of rows, and of columns. */
export const MAX_SIDE = 500;

// zod 4 numbers are finite already: NaN and ±Infinity are rejected as "must be a number".
const positiveLength = z.number({ error: 'must be a number' }).positive('must be > 0');

const roomIdSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 . _ -');

const nonNegativeNumber = z.number({ error: 'must be a number' }).nonnegative('must be ≥ 0 (0 turns it off)');

/** Overrides of RULES §4; each key optional, unknown keys rejected. */
export const requirementsSchema = z.strictObject(
  {
    ...(Object.fromEntries(
      REQUIREMENT_KEYS.filter((key) => key !== 'spacingCriterion').map((key) => [
        key,
        positiveLength.optional(),
      ]),
    ) as Record<
      Exclude<(typeof REQUIREMENT_KEYS)[number], 'spacingCriterion'>,
      z.ZodOptional<typeof positiveLength>
    >),
    spacingCriterion: nonNegativeNumber.optional(),
    lightLayout: z.enum(LIGHT_LAYOUTS, { error: `must be one of ${LIGHT_LAYOUTS.join(', ')}` }).optional(),
  },
  { error: 'must be an object' },
);

/**
 * The input room of RULES §2, as JSON arrives: either `layout` (strings) or the legacy
 * integer `matrix`. Cross-field rules (row lengths, tile legend, limits that depend on units)
 * are checked by `parseRoom`, which turns this shape into a {@link Room}.
 */
export const roomInputSchema = z
  .strictObject(
    {
      roomId: roomIdSchema.optional(),
      name: z.string({ error: 'must be a string' }).max(200, 'must be at most 200 characters').optional(),
      units: z.enum(LENGTH_UNITS, { error: 'must be "ft" or "m"' }).optional(),
      cellSize: positiveLength.optional(),
      ceilingHeight: positiveLength.optional(),
      roomType: z.enum(ROOM_TYPES, { error: `must be one of ${ROOM_TYPES.join(', ')}` }).optional(),
      layout: z
        .array(z.string({ error: 'must be a string of tile characters' }), {
          error: 'must be an array of strings',
        })
        .min(1, 'must have at least one row')
        .max(MAX_SIDE, `must have at most ${MAX_SIDE} rows`)
        .optional(),
      requirements: requirementsSchema.optional(),
      // Legacy prototype format (RULES §2, compatibility).
      room_id: roomIdSchema.optional(),
      matrix: z
        .array(z.array(z.unknown(), { error: 'each row must be an array of tile codes' }), {
          error: 'must be an array of rows',
        })
        .min(1, 'must have at least one row')
        .max(MAX_SIDE, `must have at most ${MAX_SIDE} rows`)
        .optional(),
      width: positiveLength.optional(),
      height: positiveLength.optional(),
      cell_size: positiveLength.optional(),
    },
    { error: 'room must be a JSON object' },
  )
  .meta({
    id: 'CeilingGrid',
    description: 'A room: the reflected ceiling plan as a grid of tiles (RULES §2).',
  });

/** The input room as JSON arrives, before cross-field checks. */
export type RoomInput = z.input<typeof roomInputSchema>;

import {
  DEVICE_TYPES,
  LENGTH_UNITS,
  LIGHT_LAYOUTS,
  REQUIREMENT_KEYS,
  ROOM_TYPES,
  STAGE_NAMES,
  VIOLATED_RULES,
} from '@ceiling-grid/core';
import { z } from 'zod';

/**
 * The run and its result (RULES §5) as the API returns them. The core and the queue define
 * these as TypeScript types; the scheduler's tests check that every real answer fits these
 * schemas, which have no room for undocumented fields, and the types fit them at compile time.
 */

const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
const STAGE_STATES = [
  'waiting',
  'waiting-children',
  'active',
  'retrying',
  'completed',
  'failed',
  'removed',
] as const;

const figures = {
  metrics: z.record(z.string(), z.number()).describe('The figures behind the verdict, by name.'),
  units: z
    .record(z.string(), z.string())
    .optional()
    .describe('The unit of each metric (`lx`, `ft`, `W/ft²`, `cfm`, `1` for ratios).'),
};

const proof = {
  lowerBound: z.number().describe('Proven lower bound on the new devices any compliant layout needs.'),
  optimal: z.boolean().describe('True when the layout is compliant and its count meets `lowerBound`.'),
  gap: z.number().describe('`(count − lowerBound) / lowerBound`; 0 when optimal.'),
};

export const requirementsSchema = z
  .object({
    ...(Object.fromEntries(REQUIREMENT_KEYS.map((key) => [key, z.number()])) as Record<
      (typeof REQUIREMENT_KEYS)[number],
      z.ZodNumber
    >),
    lightLayout: z.enum(LIGHT_LAYOUTS),
  })
  .describe("The RULES §4 values the room is held to: the room type's defaults with its overrides.");

export const roomSummarySchema = z
  .object({
    roomId: z.string(),
    name: z.string().optional(),
    units: z.enum(LENGTH_UNITS),
    cellSize: z.number(),
    ceilingHeight: z.number(),
    roomType: z.enum(ROOM_TYPES),
    rows: z.int(),
    cols: z.int(),
    requirements: requirementsSchema,
    requirementUnits: z
      .record(z.string(), z.string())
      .optional()
      .describe('The unit of each requirement figure (cfm or L/s, ft or m, lx, W).'),
  })
  .describe('The room beside the layout: everything but the tiles.');

export const placementSchema = z
  .object({
    type: z.enum(DEVICE_TYPES),
    row: z.int().min(0),
    col: z.int().min(0),
    x: z.number().describe('Tile centre, room units, origin at the bottom-left corner.'),
    y: z.number().describe('Tile centre, room units, y up (CAD convention).'),
    stage: z.enum(STAGE_NAMES),
    model: z.string(),
  })
  .describe('One device the run placed; existing devices are not listed.');

const planPointSchema = z.object({ x: z.number(), y: z.number() });

export const ruleViolationSchema = z
  .object({
    rule: z.enum(VIOLATED_RULES),
    limit: z.number().describe("The rule's limit, room units."),
    count: z.int().min(0).describe('How many points or pairs fail, in all.'),
    points: z.array(planPointSchema).optional().describe('The failing points, at most 1000, CAD convention.'),
    areas: z
      .array(z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }))
      .optional()
      .describe('The tiles holding them, merged into rectangles (bottom-left corner, room units).'),
    pairs: z
      .array(z.object({ a: planPointSchema, b: planPointSchema, distance: z.number() }))
      .optional()
      .describe('Devices that stand too close, at most 1000.'),
  })
  .describe('Where on the plan a rule fails (docs/CAD.md draws them).');

export const complianceCheckSchema = z
  .object({
    pass: z.boolean(),
    confidence: z.number().min(0).max(1),
    ...figures,
    reasons: z.array(z.string()).describe('One sentence per failed rule; empty when `pass`.'),
    violations: z.array(ruleViolationSchema).optional().describe('Absent when nothing with a place fails.'),
  })
  .describe("One rule family's verdict on the finished ceiling.");

export const lightCandidateSchema = z
  .object({
    model: z.string(),
    status: z.enum(['completed', 'failed']),
    confidence: z.number(),
    count: z.int().describe('New lights placed.'),
    durationMs: z.number(),
    ...figures,
    pass: z.boolean(),
    reasons: z.array(z.string()),
    error: z.string().optional(),
    lowerBound: proof.lowerBound,
    optimal: proof.optimal,
    aligned: z.boolean().optional(),
  })
  .describe("One light model's outcome.");

export const stageReportSchema = z
  .object({
    model: z.string(),
    confidence: z.number(),
    count: z.int(),
    durationMs: z.number(),
    ...figures,
    ...proof,
  })
  .describe('The report of a single-model stage (air supply, smoke detectors).');

export const runResultSchema = z
  .object({
    runId: z.string(),
    roomId: z.string(),
    status: z.enum(['completed', 'failed']),
    error: z.string().optional(),
    room: roomSummarySchema,
    layout: z.array(z.string()).describe('The placed layout, one string per row: the whole answer.'),
    placements: z.array(placementSchema),
    stages: z.object({
      lights: z.object({
        selected: z.string().nullable(),
        candidates: z.array(lightCandidateSchema),
        lowerBound: proof.lowerBound.optional(),
        optimal: proof.optimal.optional(),
        gap: proof.gap.optional(),
      }),
      airSupply: stageReportSchema.optional(),
      smokeDetectors: stageReportSchema.optional(),
    }),
    compliance: z.object({
      lighting: complianceCheckSchema.optional(),
      airSupply: complianceCheckSchema.optional(),
      smokeDetection: complianceCheckSchema.optional(),
    }),
    durationMs: z.number().describe('Trigger to result, ms.'),
    workers: z
      .object({
        lights: z.record(z.string(), z.string()).describe('Worker (`host:pid`) of each light model.'),
        airSupply: z.string(),
        smokeDetectors: z.string(),
      })
      .describe('Which worker computed each stage.'),
  })
  .describe('The result of a run (RULES §5).');

export const runLinksSchema = z.object({
  self: z.string(),
  plan: z.string().describe('The placed plan (SVG), once the run completes.'),
  reviewSheet: z.string().describe('The review sheet (SVG): grid labels, title block, failures drawn.'),
  drawing: z.string().describe('The drawing as DXF for CAD (docs/CAD.md).'),
  schedule: z.string().describe('The device schedule as CSV (RFC 4180).'),
  result: z.string(),
});

export const stageSchema = z
  .object({
    stage: z.enum(STAGE_NAMES),
    model: z.string().optional().describe('The light model, for a light job.'),
    queue: z.string(),
    jobId: z.string(),
    state: z.enum(STAGE_STATES),
    attemptsMade: z.int(),
    startedAt: z.iso.datetime().optional(),
    finishedAt: z.iso.datetime().optional(),
    durationMs: z.number().optional(),
    worker: z.string().optional(),
    failedReason: z.string().optional(),
    confidence: z.number().optional(),
    count: z.int().optional(),
    selected: z.boolean().optional().describe('For a light job: whether its layout was selected.'),
  })
  .describe('One job of the run.');

const runBasics = {
  runId: z.uuid(),
  status: z.enum(RUN_STATUSES),
  roomId: z.string(),
  roomName: z.string().optional(),
  source: z.string().describe('`api`, `daily`, `dashboard` or `bench`.'),
  requestId: z.string().optional().describe('`X-Request-Id` of the request that triggered the run.'),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  durationMs: z.number().optional(),
  error: z.string().optional(),
};

/** A run as the queue reads it, before the API adds its links. */
export const runViewSchema = z.object({
  ...runBasics,
  stages: z.array(stageSchema),
  result: runResultSchema.optional(),
});

export const runSchema = runViewSchema
  .extend({ links: runLinksSchema })
  .describe('A run: its state, each stage, and its result once completed.');

/** A run in a list, as the queue reads it. */
export const runListItemViewSchema = z.object({
  ...runBasics,
  selectedLightModel: z.string().nullable().optional(),
  placed: z.object({ light: z.int(), airSupply: z.int(), smokeDetector: z.int() }).optional(),
  compliant: z.boolean().optional(),
});

export const runListItemSchema = runListItemViewSchema
  .extend({ links: runLinksSchema })
  .describe('A run in a list.');

export const runListSchema = z
  .object({ runs: z.array(runListItemSchema) })
  .describe('Recent runs, newest first.');

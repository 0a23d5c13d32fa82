import { z } from 'zod';
import { runLinksSchema } from './run-schemas.js';

/** `POST /api/runs` body: a room, or `{ "sample": true }` for the sample room. */
export const sampleRequestSchema = z
  .strictObject({ sample: z.literal(true) })
  .describe('Runs the sample room the scheduler was started with (SAMPLE_GRID_PATH).');

const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;

/** `GET /api/runs` query. */
export const listRunsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20).describe('How many runs, at most (1–200).'),
  status: z.enum(RUN_STATUSES).optional().describe('Only runs in this status.'),
});

/** `GET /api/floors` query. */
export const listFloorsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20).describe('How many floors, at most (1–200).'),
});

/** `Idempotency-Key` header. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .describe(
    'Same key, same run: a repeated trigger returns the first run and adds nothing (kept RESULT_TTL_DAYS).',
  );

export const triggerResponseSchema = z
  .object({
    runId: z.uuid(),
    status: z.enum(RUN_STATUSES),
    created: z.boolean().describe('False when an Idempotency-Key replayed an earlier run.'),
    links: runLinksSchema,
  })
  .describe('The run that was queued (or replayed).');

export const fieldErrorSchema = z.object({
  path: z
    .string()
    .describe(
      'Where: `layout[2]`, `requirements.uniformity`, a header or query parameter name, `""` for the body.',
    ),
  message: z.string().describe('Why, in words.'),
  roomId: z
    .string()
    .optional()
    .describe('For a floor: the `roomId` the room at `rooms[i]` of the path was submitted with.'),
});

const problemFields = {
  type: z.string().describe('URI reference of the problem type; `GET` it for its description.'),
  title: z.string().describe('The same for every problem of this type.'),
  status: z.int().min(400).max(599),
  detail: z.string().describe('This occurrence, in a sentence a person can act on.'),
  requestId: z.string().optional().describe('The request id (`X-Request-Id`), to find the log lines.'),
};

export const problemSchema = z
  .object(problemFields)
  .describe('RFC 9457 problem details: the body of every error answer.');

export const validationProblemSchema = z
  .object({ ...problemFields, errors: z.array(fieldErrorSchema).min(1).describe('Every bad field.') })
  .describe('A problem with the request, naming every bad field.');

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    ok: z.boolean(),
    redis: z.string().describe('`ready`, or why not (`connecting`, `not answering`, …).'),
  })
  .describe('Whether the scheduler can serve: Redis answers.');

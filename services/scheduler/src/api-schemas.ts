import { roomInputSchema } from '@ceiling-grid/core';
import { z } from 'zod';

/** `POST /api/runs` body: a room, or `{ "sample": true }` for the sample room. */
export const sampleRequestSchema = z.strictObject({ sample: z.literal(true) }).meta({ id: 'SampleRequest' });

/** `GET /api/runs` query. */
export const listRunsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(['queued', 'running', 'completed', 'failed']).optional(),
});

/** `Idempotency-Key` header. */
export const idempotencyKeySchema = z.string().min(1).max(200);

const linksSchema = z.object({ self: z.string(), plan: z.string(), result: z.string() });

export const triggerResponseSchema = z
  .object({
    runId: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    /** False when an Idempotency-Key replayed an earlier run. */
    created: z.boolean(),
    links: linksSchema,
  })
  .meta({ id: 'TriggerResponse' });

export const errorResponseSchema = z
  .object({
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

const stageSchema = z.object({
  stage: z.enum(['lights', 'airSupply', 'smokeDetectors']),
  model: z.string().optional(),
  queue: z.string(),
  jobId: z.string(),
  state: z.enum(['waiting', 'waiting-children', 'active', 'retrying', 'completed', 'failed', 'removed']),
  attemptsMade: z.number(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
  worker: z.string().optional(),
  failedReason: z.string().optional(),
  confidence: z.number().optional(),
  count: z.number().optional(),
  selected: z.boolean().optional(),
});

export const runViewSchema = z
  .object({
    runId: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    roomId: z.string(),
    roomName: z.string().optional(),
    source: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    durationMs: z.number().optional(),
    error: z.string().optional(),
    stages: z.array(stageSchema),
    result: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('The run result of RULES §5, once completed.'),
    links: linksSchema,
  })
  .meta({ id: 'Run' });

/** The OpenAPI 3.0 document of the scheduler API, generated from the schemas above. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') =>
    z.toJSONSchema(s, { target: 'openapi-3.0', unrepresentable: 'any', io, reused: 'inline' });
  const json = (s: z.ZodType, io?: 'input' | 'output') => ({
    'application/json': { schema: strip(schema(s, io)) },
  });
  const error = (description: string) => ({ description, content: json(errorResponseSchema) });
  const runId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  return {
    openapi: '3.0.3',
    info: {
      title: 'ceiling-grid scheduler API',
      version: '0.1.0',
      description:
        'Trigger placement runs (lights, air supply, smoke detectors) on a room and read them back.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/api/runs': {
        post: {
          summary: 'Trigger a run on a room',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: strip(schema(idempotencyKeySchema)),
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [strip(schema(roomInputSchema, 'input')), strip(schema(sampleRequestSchema))],
                },
              },
            },
          },
          responses: {
            '202': {
              description: 'Run accepted (or replayed by Idempotency-Key)',
              content: json(triggerResponseSchema),
            },
            '400': error('Invalid room: every issue names the field and the reason'),
            '401': error('Missing or wrong bearer token'),
            '409': error('Idempotency-Key already used with another room'),
            '413': error('Body larger than MAX_BODY_BYTES'),
            '415': error('Body is not application/json'),
            '429': error('Too many triggers; see Retry-After'),
            '503': error('Queue store (Redis) unavailable'),
          },
        },
        get: {
          summary: 'Recent runs, newest first',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
            },
            {
              name: 'status',
              in: 'query',
              schema: { type: 'string', enum: ['queued', 'running', 'completed', 'failed'] },
            },
          ],
          responses: {
            '200': { description: 'Runs', content: { 'application/json': { schema: { type: 'object' } } } },
            '400': error('Invalid query'),
          },
        },
      },
      '/api/runs/{id}': {
        get: {
          summary: 'A run: its state, each stage, the result once done',
          parameters: [runId],
          responses: {
            '200': { description: 'The run', content: json(runViewSchema) },
            '404': error('No such run'),
          },
        },
      },
      '/api/runs/{id}/plan.svg': {
        get: {
          summary: 'The placed ceiling plan of a finished run',
          parameters: [runId, { name: 'coverage', in: 'query', schema: { type: 'boolean' } }],
          responses: {
            '200': { description: 'SVG plan', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
            '404': error('No such run'),
            '409': error('Run not finished'),
          },
        },
      },
    },
  };
}

/** Drops the JSON Schema dialect marker, which OpenAPI 3.0 schema objects do not take. */
function strip(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

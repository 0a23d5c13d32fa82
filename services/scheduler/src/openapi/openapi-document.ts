import { PROBLEM_TYPES } from '@ceiling-grid/http-kit';
import { SCHEDULER_PROBLEMS } from '../scheduler-problems.js';
import { listRunsQuerySchema } from './api-schemas.js';
import { floorPaths } from './floor-paths.js';
import {
  componentSchemas,
  inlineSchema,
  jsonResponse,
  problemResponse,
  problemTypeList,
  schemaRef,
  sharedComponents,
} from './openapi-components.js';
import { roomsFromDxfPaths } from './rooms-from-dxf-paths.js';

const ref = (kind: 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** What every operation of the API answers besides its own statuses. */
const COMMON_RESPONSES = {
  '401': ref('responses', 'Unauthorized'),
  '500': ref('responses', 'InternalError'),
  '503': ref('responses', 'StoreUnavailable'),
};

const validationProblem = (description: string) =>
  problemResponse(
    description,
    [PROBLEM_TYPES.invalidRequest, PROBLEM_TYPES.malformedBody],
    {},
    { anyOf: [schemaRef('ValidationProblem'), schemaRef('Problem')] },
  );

const EXAMPLE_ROOM = {
  roomId: 'store-room',
  name: 'Store room',
  units: 'ft',
  cellSize: 2,
  roomType: 'office',
  layout: ['........', '..#.....', '........', '........'],
};

function triggerRun() {
  return {
    operationId: 'triggerRun',
    tags: ['runs'],
    summary: 'Trigger a run on a room',
    description:
      'Validates the room and queues its run: the light models, then air supply, then smoke detectors. ' +
      'Nothing is queued for an invalid room.',
    parameters: [ref('parameters', 'IdempotencyKey'), ref('parameters', 'RequestId')],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { anyOf: [schemaRef('Room'), schemaRef('SampleRequest')] },
          examples: {
            room: { summary: 'A room: 8 × 4 tiles of 2 ft with a column', value: EXAMPLE_ROOM },
            sample: { summary: 'The sample room of the scheduler', value: { sample: true } },
          },
        },
      },
    },
    responses: {
      '202': jsonResponse('Run queued (or replayed by its Idempotency-Key)', schemaRef('TriggerResponse'), {
        Location: { description: 'The run: `/api/runs/{id}`.', schema: { type: 'string' } },
        'Idempotent-Replayed': {
          description: '`true` when an Idempotency-Key returned an earlier run.',
          schema: { type: 'string', enum: ['true'] },
        },
      }),
      '400': validationProblem('Invalid room, Idempotency-Key, or JSON: every issue names its field'),
      '409': problemResponse('Idempotency-Key already used with another room', [
        SCHEDULER_PROBLEMS.idempotencyKeyReused,
      ]),
      '413': problemResponse('Body larger than MAX_BODY_BYTES', [PROBLEM_TYPES.payloadTooLarge]),
      '415': problemResponse('Body not application/json, or an encoding or charset not read', [
        PROBLEM_TYPES.unsupportedMediaType,
      ]),
      '429': problemResponse(
        'Too many triggers from this client (TRIGGER_RATE_LIMIT_PER_MINUTE)',
        [PROBLEM_TYPES.tooManyRequests],
        { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
      ),
      ...COMMON_RESPONSES,
    },
  };
}

function listRuns() {
  const query = listRunsQuerySchema.shape;
  return {
    operationId: 'listRuns',
    tags: ['runs'],
    summary: 'Recent runs, newest first',
    parameters: [
      { name: 'limit', in: 'query', schema: inlineSchema(query.limit) },
      {
        name: 'status',
        in: 'query',
        description: 'Only runs in this status.',
        schema: inlineSchema(query.status.unwrap()),
      },
      ref('parameters', 'RequestId'),
    ],
    responses: {
      '200': jsonResponse('The runs', schemaRef('RunList')),
      '400': validationProblem('Invalid query parameter'),
      ...COMMON_RESPONSES,
    },
  };
}

function runPaths() {
  return {
    '/api/runs/{id}': {
      get: {
        operationId: 'getRun',
        tags: ['runs'],
        summary: 'A run: its state, each stage, the result once done',
        parameters: [ref('parameters', 'RunId'), ref('parameters', 'RequestId')],
        responses: {
          '200': jsonResponse('The run', schemaRef('Run')),
          '404': ref('responses', 'NotFound'),
          ...COMMON_RESPONSES,
        },
      },
    },
    '/api/runs/{id}/plan.svg': {
      get: {
        operationId: 'getRunPlan',
        tags: ['runs'],
        summary: 'The placed ceiling plan of a finished run',
        parameters: [
          ref('parameters', 'RunId'),
          {
            name: 'coverage',
            in: 'query',
            description: "Draw the detectors' 0.7·S circles.",
            schema: { type: 'boolean' },
          },
          ref('parameters', 'RequestId'),
        ],
        responses: {
          '200': {
            description: 'The plan, a standalone SVG document',
            headers: { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
            content: { 'image/svg+xml': { schema: { type: 'string' } } },
          },
          '404': ref('responses', 'NotFound'),
          '409': problemResponse('The run has not completed yet', [SCHEDULER_PROBLEMS.runNotFinished]),
          ...COMMON_RESPONSES,
        },
      },
    },
    ...runFilePaths(),
  };
}

/** A run's other files: the review sheet to look at, the DXF and the CSV to download. */
function runFilePaths() {
  const file = (
    operationId: string,
    summary: string,
    type: string,
    description: string,
    download: boolean,
  ) => ({
    get: {
      operationId,
      tags: ['runs'],
      summary,
      parameters: [ref('parameters', 'RunId'), ref('parameters', 'RequestId')],
      responses: {
        '200': {
          description,
          headers: {
            'X-Request-Id': { $ref: '#/components/headers/RequestId' },
            'Content-Disposition': {
              description: download
                ? '`attachment; filename="<roomId>-<run>-…"`: saved, not shown'
                : '`inline; filename="<roomId>-<run>-…"`',
              schema: { type: 'string' },
            },
          },
          content: { [type]: { schema: { type: 'string' } } },
        },
        '404': ref('responses', 'NotFound'),
        '409': problemResponse('The run has not completed, or it failed', [
          SCHEDULER_PROBLEMS.runNotFinished,
        ]),
        ...COMMON_RESPONSES,
      },
    },
  });
  return {
    '/api/runs/{id}/review-sheet.svg': file(
      'getRunReviewSheet',
      'The review sheet of a finished run',
      'image/svg+xml',
      'The plan with row and column numbers, the title block and what fails drawn where it fails (SVG)',
      false,
    ),
    '/api/runs/{id}/plan.dxf': file(
      'getRunDrawing',
      'The drawing of a finished run, as DXF for CAD',
      'image/vnd.dxf',
      'ASCII DXF (AutoCAD 2007 or later) in the room units, with the layers, blocks and title block of docs/CAD.md',
      true,
    ),
    '/api/runs/{id}/schedule.csv': file(
      'getRunDeviceSchedule',
      'The device schedule of a finished run, as CSV',
      'text/csv',
      'RFC 4180 CSV, UTF-8: tag, type, x, y, units, row, col, status, stage, model, description',
      true,
    ),
  };
}

/** Routes without the token: the description itself, the docs, probes and scrapes. */
function openPaths() {
  const open = (operationId: string, summary: string, type: string, description: string) => ({
    get: {
      operationId,
      tags: ['operations'],
      summary,
      security: [],
      responses: { '200': { description, content: { [type]: { schema: { type: 'string' } } } } },
    },
  });
  const health = jsonResponse('Redis answers', schemaRef('Health'));
  return {
    '/api/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        tags: ['operations'],
        summary: 'This document',
        security: [],
        responses: {
          '200': jsonResponse('The OpenAPI 3.1 document', { type: 'object', additionalProperties: true }),
        },
      },
    },
    '/api/docs': open('getApiDocs', 'This document, readable (Swagger UI)', 'text/html', 'An HTML page'),
    '/healthz': {
      get: {
        operationId: 'getHealth',
        tags: ['operations'],
        summary: 'Readiness and liveness',
        security: [],
        responses: { '200': health, '503': { ...health, description: 'Redis does not answer' } },
      },
    },
    '/metrics': open('getMetrics', 'Prometheus metrics', 'text/plain', 'The text exposition format'),
    '/problems/{slug}': {
      get: {
        operationId: 'getProblemType',
        tags: ['operations'],
        summary: 'What a problem type means (the `type` of a problem is this address)',
        security: [],
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The description',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          '404': problemResponse('No such problem type', [PROBLEM_TYPES.notFound]),
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document of the scheduler API, its schemas generated from the zod schemas. */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'ceiling-grid scheduler API',
      version: '0.2.0',
      description:
        'Trigger placement runs (lights, air supply, smoke detectors) on a room and read them back.\n\n' +
        'Every error is an RFC 9457 problem (`application/problem+json`); its `type` is one of:\n\n' +
        problemTypeList(),
    },
    tags: [
      { name: 'runs', description: 'Placement runs' },
      { name: 'floors', description: 'Floors: many rooms in one request, one run per room' },
      { name: 'rooms', description: 'Rooms from CAD drawings' },
      { name: 'operations', description: 'The document, health and metrics' },
    ],
    security: [{ bearer: [] }],
    paths: {
      '/api/runs': { post: triggerRun(), get: listRuns() },
      ...runPaths(),
      ...floorPaths(),
      ...roomsFromDxfPaths(),
      ...openPaths(),
    },
    components: { schemas: componentSchemas(), ...sharedComponents() },
  };
}

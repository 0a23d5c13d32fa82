import { MAX_FLOOR_ROOMS } from '@ceiling-grid/core';
import { PROBLEM_TYPES } from '@ceiling-grid/http-kit';
import { SCHEDULER_PROBLEMS } from '../scheduler-problems.js';
import { listFloorsQuerySchema } from './api-schemas.js';
import { inlineSchema, jsonResponse, problemResponse, schemaRef } from './openapi-components.js';

const ref = (kind: 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });

const COMMON_RESPONSES = {
  '401': ref('responses', 'Unauthorized'),
  '500': ref('responses', 'InternalError'),
  '503': ref('responses', 'StoreUnavailable'),
};

const FLOOR_ID = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The floor run id (`floorRunId` of the trigger answer).',
  schema: { type: 'string' },
};

const noSuchFloor = problemResponse('No such floor (it may have expired)', [PROBLEM_TYPES.notFound]);

const EXAMPLE_FLOOR = {
  floorId: 'level-2',
  name: 'Level 2',
  rooms: [
    { roomId: 'r-201', name: 'Office 201', cellSize: 2, layout: ['........', '..#.....', '........'] },
    { roomId: 'r-202', name: 'Store 202', cellSize: 2, layout: ['......', '......'] },
  ],
};

function triggerFloor() {
  return {
    operationId: 'triggerFloor',
    tags: ['floors'],
    summary: 'Trigger a floor: one run per room, as one flow',
    description:
      `Validates the whole floor (at most ${MAX_FLOOR_ROOMS} rooms, FLOOR_MAX_BODY_BYTES of JSON) and ` +
      'queues one flow: a floor job whose children are the runs of the rooms, spread over every worker. ' +
      'A room that fails does not sink the floor. An invalid floor is rejected whole, every bad room and ' +
      'field named, and nothing is queued.',
    parameters: [ref('parameters', 'IdempotencyKey'), ref('parameters', 'RequestId')],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: schemaRef('FloorInput'),
          examples: { floor: { summary: 'Two rooms of 2 ft tiles', value: EXAMPLE_FLOOR } },
        },
      },
    },
    responses: {
      '202': jsonResponse(
        'Floor queued (or replayed by its Idempotency-Key)',
        schemaRef('FloorTriggerResponse'),
        {
          Location: { description: 'The floor: `/api/floors/{id}`.', schema: { type: 'string' } },
          'Idempotent-Replayed': {
            description: '`true` when an Idempotency-Key returned an earlier floor run.',
            schema: { type: 'string', enum: ['true'] },
          },
        },
      ),
      '400': problemResponse(
        'Invalid floor, Idempotency-Key, or JSON: every issue names its room (`rooms[i]…`, `roomId`) and field',
        [PROBLEM_TYPES.invalidRequest, PROBLEM_TYPES.malformedBody],
        {},
        { anyOf: [schemaRef('ValidationProblem'), schemaRef('Problem')] },
      ),
      '409': problemResponse('Idempotency-Key already used with another floor', [
        SCHEDULER_PROBLEMS.idempotencyKeyReused,
      ]),
      '413': problemResponse('Body larger than FLOOR_MAX_BODY_BYTES', [PROBLEM_TYPES.payloadTooLarge]),
      '415': problemResponse('Body not application/json', [PROBLEM_TYPES.unsupportedMediaType]),
      '429': problemResponse(
        'Too many triggers from this client (TRIGGER_RATE_LIMIT_PER_MINUTE)',
        [PROBLEM_TYPES.tooManyRequests],
        { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
      ),
      ...COMMON_RESPONSES,
    },
  };
}

function listFloors() {
  return {
    operationId: 'listFloors',
    tags: ['floors'],
    summary: 'Recent floors, newest first, with their progress',
    parameters: [
      { name: 'limit', in: 'query', schema: inlineSchema(listFloorsQuerySchema.shape.limit) },
      ref('parameters', 'RequestId'),
    ],
    responses: {
      '200': jsonResponse('The floors', schemaRef('FloorList')),
      '400': problemResponse(
        'Invalid query parameter',
        [PROBLEM_TYPES.invalidRequest],
        {},
        schemaRef('ValidationProblem'),
      ),
      ...COMMON_RESPONSES,
    },
  };
}

/** The floor operations of the OpenAPI document. */
export function floorPaths() {
  return {
    '/api/floors': { post: triggerFloor(), get: listFloors() },
    '/api/floors/{id}': {
      get: {
        operationId: 'getFloor',
        tags: ['floors'],
        summary: 'A floor: each room’s state and run, the progress, and the totals',
        parameters: [FLOOR_ID, ref('parameters', 'RequestId')],
        responses: {
          '200': jsonResponse('The floor', schemaRef('Floor')),
          '404': noSuchFloor,
          ...COMMON_RESPONSES,
        },
      },
    },
    '/api/floors/{id}/schedule.csv': {
      get: {
        operationId: 'getFloorSchedule',
        tags: ['floors'],
        summary: 'Every device of every completed room of a floor, as CSV',
        description:
          'RFC 4180 CSV: `roomId`, `runId`, then the columns of a room’s device schedule (docs/CAD.md). ' +
          'Rooms not completed yet are not listed; the floor’s `progress` says how many are.',
        parameters: [FLOOR_ID, ref('parameters', 'RequestId')],
        responses: {
          '200': {
            description: 'The schedule',
            headers: { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          '404': noSuchFloor,
          ...COMMON_RESPONSES,
        },
      },
    },
  };
}

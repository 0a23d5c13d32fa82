import { MAX_DXF_ENTITIES } from '@ceiling-grid/core';
import { PROBLEM_TYPES } from '@ceiling-grid/http-kit';
import {
  DXF_TEXT_MEDIA_TYPES,
  dxfImportBodySchema,
  dxfImportQuerySchema,
  MAX_DXF_BODY_BYTES,
} from './dxf-import-schemas.js';
import { inlineSchema, jsonResponse, problemResponse, schemaRef } from './openapi-components.js';

/** A small drawing: a 12 × 8 ft room on A-WALL, in feet ($INSUNITS 2). */
const EXAMPLE_DXF = [
  '0 SECTION 2 HEADER 9 $INSUNITS 70 2 0 ENDSEC',
  '0 SECTION 2 ENTITIES 0 LWPOLYLINE 8 A-WALL 90 4 70 1',
  '10 0 20 0 10 12 20 0 10 12 20 8 10 0 20 8',
  '0 ENDSEC 0 EOF',
]
  .join(' ')
  .replaceAll(' ', '\n');

/** The OpenAPI path of `POST /api/rooms/from-dxf` (services/scheduler/src/routes/rooms-from-dxf-route.ts). */
export function roomsFromDxfPaths() {
  const query = dxfImportQuerySchema.shape;
  const drawing = { schema: { type: 'string', description: 'The ASCII DXF drawing.' } };
  return {
    '/api/rooms/from-dxf': {
      post: {
        operationId: 'importRoomFromDxf',
        tags: ['rooms'],
        summary: 'A room from a DXF drawing',
        description:
          'Reads the room outline (closed polylines on `outlineLayer`, default `A-WALL`; a tile belongs to ' +
          'the room when its centre is inside) and the obstructions (closed polylines and circles on ' +
          '`obstructionLayer`, default `S-COLS`; a tile is blocked when they cover any part of it) of an ASCII ' +
          'DXF and answers the room JSON, ready for `POST /api/runs`. Nothing is created. The body is the ' +
          `drawing itself (${DXF_TEXT_MEDIA_TYPES.map((t) => `\`${t}\``).join(', ')}) with the options as ` +
          'query parameters, or JSON `{dxf, options}`. The units come from `$INSUNITS`; without it `units` ' +
          `is required. At most ${MAX_DXF_BODY_BYTES.toLocaleString('en-US')} bytes and ` +
          `${MAX_DXF_ENTITIES.toLocaleString('en-US')} entities. A DXF written by this service is read back ` +
          'with `obstructionLayer=A-CLNG-BLKD&originX=0&originY=0&tileSize=<cellSize>` (docs/CAD.md).',
        parameters: [
          ...Object.entries(query).map(([name, schema]) => ({
            name,
            in: 'query',
            description: `${schema.description ?? name} (a DXF body only; JSON bodies give it in \`options\`).`,
            schema: inlineSchema(schema),
          })),
          { $ref: '#/components/parameters/RequestId' },
        ],
        requestBody: {
          required: true,
          content: {
            ...Object.fromEntries(DXF_TEXT_MEDIA_TYPES.map((type) => [type, drawing])),
            'application/json': {
              schema: inlineSchema(dxfImportBodySchema),
              example: { dxf: EXAMPLE_DXF, options: { tileSize: 2, roomId: 'store-room' } },
            },
          },
        },
        responses: {
          '200': jsonResponse('The room (RULES §2), valid for POST /api/runs', schemaRef('Room')),
          '400': problemResponse(
            'The drawing or an option is refused (no closed outline on the layer, an open polyline, no units, too many entities or tiles, not a DXF): `errors` names the field and the detail the layer',
            [PROBLEM_TYPES.invalidRequest, PROBLEM_TYPES.malformedBody],
            {},
            { anyOf: [schemaRef('ValidationProblem'), schemaRef('Problem')] },
          ),
          '413': problemResponse(`Body larger than ${MAX_DXF_BODY_BYTES.toLocaleString('en-US')} bytes`, [
            PROBLEM_TYPES.payloadTooLarge,
          ]),
          '415': problemResponse('Body neither a DXF media type nor application/json', [
            PROBLEM_TYPES.unsupportedMediaType,
          ]),
          '401': { $ref: '#/components/responses/Unauthorized' },
          '500': { $ref: '#/components/responses/InternalError' },
        },
      },
    },
  };
}

import { dxfRoomOptionsSchema, MAX_DXF_CHARS } from '@ceiling-grid/core';
import { z } from 'zod';

/** Largest body of `POST /api/rooms/from-dxf`, in bytes: the core's limit on the drawing. */
export const MAX_DXF_BODY_BYTES = MAX_DXF_CHARS;
/** Room a JSON body has beside its drawing: the quotes, escapes and options of `{dxf, options}`. */
export const DXF_JSON_ALLOWANCE_BYTES = 1024 * 1024;

/** Media types read as the drawing itself (options then come as query parameters). */
export const DXF_TEXT_MEDIA_TYPES = [
  'application/dxf',
  'image/vnd.dxf',
  'image/x-dxf',
  'text/plain',
] as const;

const number = z.coerce.number({ error: 'must be a number' });
const options = dxfRoomOptionsSchema.shape;

/**
 * `POST /api/rooms/from-dxf` query: the import options, for a body that is the drawing. Numbers
 * arrive as text and are read as numbers; the same rules as the JSON options apply.
 */
export const dxfImportQuerySchema = z.strictObject({
  outlineLayer: options.outlineLayer,
  obstructionLayer: options.obstructionLayer,
  tileSize: number
    .positive('must be > 0')
    .optional()
    .describe(options.tileSize.description ?? ''),
  originX: number.optional().describe(options.originX.description ?? ''),
  originY: number.optional().describe(options.originY.description ?? ''),
  units: options.units,
  roomId: options.roomId,
  name: options.name,
  roomType: options.roomType,
  ceilingHeight: number.positive('must be > 0').optional(),
  devices: options.devices,
});

/** `POST /api/rooms/from-dxf` JSON body: the drawing's text and the options. */
export const dxfImportBodySchema = z
  .strictObject(
    {
      dxf: z
        .string({ error: 'must be the text of an ASCII DXF drawing' })
        .describe('The ASCII DXF drawing, as text.'),
      options: dxfRoomOptionsSchema.optional(),
    },
    { error: 'body must be a JSON object {dxf, options}' },
  )
  .describe('A DXF drawing and how to read it (docs/CAD.md "Importing a room").');

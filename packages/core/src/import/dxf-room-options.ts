import { z } from 'zod';
import { MAX_TILES } from '../room/room-schema.js';
import { LENGTH_UNITS, ROOM_TYPES } from '../room/room-type.js';

/** Largest DXF text accepted, in characters (16 MiB): the API's body cap says the same. */
export const MAX_DXF_CHARS = 16 * 1024 * 1024;
/**
 * Most entities a drawing may hold (model space and blocks together). Counted before the drawing
 * is parsed, so a drawing of 10⁶ entities is refused in one quick pass over the text.
 */
export const MAX_DXF_ENTITIES = 250_000;
/**
 * Most tile visits the rasteriser may make (each outline and obstruction edge visits the tiles it
 * crosses): a bound on the time a hostile drawing can take, far above any real floor plan.
 */
export const MAX_RASTER_VISITS = 20_000_000;
/** Largest room, in tiles: the room schema's limit (RULES §2). */
export const MAX_IMPORT_TILES = MAX_TILES;

/** What existing devices an import reads back from the device blocks of a DXF written here. */
export const DXF_DEVICE_MODES = ['existing', 'all', 'none'] as const;
export type DxfDeviceMode = (typeof DXF_DEVICE_MODES)[number];

const positive = z.number({ error: 'must be a number' }).positive('must be > 0');
const layerName = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters');

/**
 * The options of a DXF room import (docs/CAD.md "Importing a room"), as the API's JSON body or
 * query and the CLI's flags give them. Every field is optional; the defaults are documented.
 */
export const dxfRoomOptionsSchema = z
  .strictObject(
    {
      outlineLayer: layerName.optional().describe('layer of the room outline; default A-WALL'),
      obstructionLayer: layerName
        .optional()
        .describe('layer of columns and obstructions; default S-COLS (A-CLNG-BLKD for a DXF written here)'),
      tileSize: positive.optional().describe('tile edge in room units; default 2 ft or 0.6 m'),
      originX: z
        .number({ error: 'must be a number' })
        .optional()
        .describe("x of the grid's bottom-left corner, drawing units; default the outline's left"),
      originY: z
        .number({ error: 'must be a number' })
        .optional()
        .describe("y of the grid's bottom-left corner, drawing units; default the outline's bottom"),
      units: z
        .enum(LENGTH_UNITS, { error: 'must be "ft" or "m"' })
        .optional()
        .describe('room units; required when the drawing has no $INSUNITS'),
      roomId: z.string({ error: 'must be a string' }).optional(),
      name: z.string({ error: 'must be a string' }).optional(),
      roomType: z.enum(ROOM_TYPES, { error: `must be one of ${ROOM_TYPES.join(', ')}` }).optional(),
      ceilingHeight: positive.optional(),
      devices: z
        .enum(DXF_DEVICE_MODES, { error: `must be one of ${DXF_DEVICE_MODES.join(', ')}` })
        .optional()
        .describe('device blocks read back as existing devices; default existing'),
    },
    { error: 'options must be an object' },
  )
  .describe('How a DXF drawing becomes a room (docs/CAD.md "Importing a room").');

/** Options of `importRoomFromDxf`; see {@link dxfRoomOptionsSchema} for each one's default. */
export type DxfRoomOptions = z.input<typeof dxfRoomOptionsSchema>;

/** The default layers: the US National CAD Standard's walls and structural columns. */
export const DEFAULT_OUTLINE_LAYER = 'A-WALL';
export const DEFAULT_OBSTRUCTION_LAYER = 'S-COLS';

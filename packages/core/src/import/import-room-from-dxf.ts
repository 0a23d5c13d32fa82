import { type ParsedDxf, type ParsedDxfEntity, parseString } from 'dxf';
import { parseRoom, toRoomIssue } from '../room/parse-room.js';
import type { RoomInput } from '../room/room-schema.js';
import type { LengthUnit, RoomType } from '../room/room-type.js';
import { formatRoomIssue, RoomValidationError } from '../room/room-validation-error.js';
import { placeDeviceInserts } from './device-tiles.js';
import { drawingUnits } from './drawing-units.js';
import { readLayerShapes } from './dxf-entities.js';
import { DxfImportError } from './dxf-import-error.js';
import { type DxfSections, prescanDxf } from './dxf-prescan.js';
import {
  DEFAULT_OBSTRUCTION_LAYER,
  DEFAULT_OUTLINE_LAYER,
  type DxfRoomOptions,
  dxfRoomOptionsSchema,
} from './dxf-room-options.js';
import { rasteriseRoom } from './rasterise-room.js';

/** A room read from a drawing: a `CeilingGrid` (RULES §2) that `parseRoom` accepts as it is. */
export interface ImportedRoom extends RoomInput {
  readonly roomId: string;
  readonly units: LengthUnit;
  readonly cellSize: number;
  readonly ceilingHeight: number;
  readonly roomType: RoomType;
  readonly layout: string[];
}

/** Default tile edge by units: the 2 ft and 600 mm ceiling modules. */
const DEFAULT_TILE: Record<LengthUnit, number> = { ft: 2, m: 0.6 };

/**
 * A room from an ASCII DXF drawing (docs/CAD.md "Importing a room", RULES §2): the closed
 * polylines (and circles) on the outline layer bound the room, even-odd (a loop inside another is
 * a hole), and a tile belongs to the room when its centre lies inside; closed polylines and
 * circles on the obstruction layer block every room tile they cover any part of; the device
 * blocks of a DXF written by `renderResultDxf` come back as existing devices. Pure; throws
 * {@link DxfImportError} naming the layer or option and the reason, never returns a part room.
 */
export function importRoomFromDxf(dxfText: string, options: DxfRoomOptions = {}): ImportedRoom {
  const parsedOptions = dxfRoomOptionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    const issue = toRoomIssue(parsedOptions.error.issues[0]);
    throw new DxfImportError(issue.path || 'options', `${issue.path || 'options'}: ${issue.message}`);
  }
  const opts = parsedOptions.data;
  const { drawing, leftOut } = readDrawing(dxfText);
  const { units, scale } = drawingUnits(drawing.header.insUnits, opts.units);
  const tileSize = opts.tileSize ?? DEFAULT_TILE[units];
  // Chords of flattened arcs stray at most a thousandth of a tile from the arc.
  const tolerance = (tileSize / scale) * 1e-3;
  const outlineLayer = opts.outlineLayer ?? DEFAULT_OUTLINE_LAYER;
  const outline = readLayerShapes(drawing.entities, outlineLayer, tolerance, true, 'outlineLayer');
  if (outline.rings.length === 0) {
    const ignored = new Map<string, number>([
      ...outline.ignored,
      ...(leftOut.get(outlineLayer.toUpperCase()) ?? []),
    ]);
    throw noOutline(outlineLayer, ignored, drawing.entities);
  }
  const obstructions = readLayerShapes(
    drawing.entities,
    opts.obstructionLayer ?? DEFAULT_OBSTRUCTION_LAYER,
    tolerance,
    false,
    'obstructionLayer',
  );
  const grid = rasteriseRoom(outline, obstructions, {
    scale,
    units,
    tileSize,
    originX: opts.originX,
    originY: opts.originY,
  });
  const mode = opts.devices ?? 'existing';
  if (mode !== 'none') placeDeviceInserts(drawing.entities, grid, mode);

  const room = {
    ...(opts.roomId !== undefined ? { roomId: opts.roomId } : {}),
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    units,
    cellSize: tileSize,
    ...(opts.ceilingHeight !== undefined ? { ceilingHeight: opts.ceilingHeight } : {}),
    ...(opts.roomType !== undefined ? { roomType: opts.roomType } : {}),
    layout: grid.layout(),
  };
  try {
    const valid = parseRoom(room);
    return {
      ...room,
      roomId: valid.roomId,
      ceilingHeight: valid.ceilingHeight,
      roomType: valid.roomType,
    };
  } catch (error) {
    if (error instanceof RoomValidationError) {
      // The options' names, where they differ from the room's fields.
      const issues = error.issues.map((i) => (i.path === 'cellSize' ? { ...i, path: 'tileSize' } : i));
      throw new DxfImportError(
        issues[0]?.path || 'room',
        `the imported room is not valid: ${issues.map(formatRoomIssue).join('; ')}`,
      );
    }
    throw error;
  }
}

/** The HEADER and ENTITIES of the drawing, read with the `dxf` package after the pre-scan. */
function readDrawing(dxfText: string): { drawing: ParsedDxf; leftOut: DxfSections['leftOut'] } {
  if (typeof dxfText !== 'string')
    throw new DxfImportError('dxf', 'must be the text of an ASCII DXF drawing');
  const { text, leftOut } = prescanDxf(dxfText.replace(/^\uFEFF/, ''));
  try {
    const parsed = parseString(text);
    const entities = Array.isArray(parsed.entities) ? parsed.entities : [];
    return { drawing: { header: parsed.header ?? {}, entities }, leftOut };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DxfImportError(
      'dxf',
      `is not a well-formed ASCII DXF: the reader stopped (${reason.slice(0, 200)})`,
    );
  }
}

/** The error for an outline layer without a closed shape: what the layer does hold, and where closed shapes are. */
function noOutline(
  layer: string,
  ignored: ReadonlyMap<string, number>,
  entities: readonly ParsedDxfEntity[],
): DxfImportError {
  const held = [...ignored].map(([type, n]) => `${n} ${type}`).join(', ');
  const closedLayers = new Set<string>();
  for (const e of entities) {
    if (
      (e.type === 'LWPOLYLINE' || e.type === 'POLYLINE' || e.type === 'CIRCLE') &&
      typeof e.layer === 'string'
    )
      closedLayers.add(e.layer);
  }
  const elsewhere = [...closedLayers].slice(0, 10).join(', ');
  return new DxfImportError(
    'outlineLayer',
    `no closed outline on layer ${layer}: the layer ${held ? `holds only ${held}` : 'is empty or missing'}; draw the room outline there as closed polylines${elsewhere ? `, or name the layer that has them (polylines and circles are on ${elsewhere})` : ''}`,
    layer,
  );
}

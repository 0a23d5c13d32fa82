import {
  LENGTH_UNITS,
  type LengthUnit,
  MAX_SIDE,
  MAX_TILES,
  ROOM_TYPES,
  type RoomType,
  TILE_CHARS,
  TILE_KIND_BY_LEGACY_CODE,
} from '@ceiling-grid/core/portable-room';
import { blankRoom, type EditorRoom, PAINT_TILES } from './editor-room.js';

/** A room JSON opened in the editor, with what had to change to show it on the grid. */
export interface LoadedRoom {
  readonly room: EditorRoom;
  /** What the editor changed or left out, one sentence each (empty for a room of RULES §2 as is). */
  readonly notices: readonly string[];
}

/** Why a JSON value cannot be opened in the editor at all. */
export interface LoadFailure {
  readonly error: string;
}

/** Stands in for a legacy matrix code outside the legend, so the tile still fails the check. */
const UNKNOWN_TILE = '?';
const KNOWN_FIELDS = new Set([
  'roomId',
  'name',
  'units',
  'cellSize',
  'ceilingHeight',
  'roomType',
  'layout',
  'requirements',
  'room_id',
  'matrix',
  'width',
  'height',
  'cell_size',
]);

/**
 * Opens any room JSON (RULES §2 `layout`, or the legacy `matrix`) in the editor. Lenient on
 * purpose: a room the rules refuse still opens, so its errors can be shown on its tiles; only
 * a value with no grid at all fails. Short rows are filled with outside tiles, and every such
 * change is named in `notices`. The one call that puts a room in the editor: a file, a run's
 * room, the sample, or a room imported from a drawing all come through here.
 */
export function loadRoomJson(input: unknown): LoadedRoom | LoadFailure {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { error: 'a room must be a JSON object' };
  }
  const body = input as Record<string, unknown>;
  const notices: string[] = [];
  const grid = readGrid(body, notices);
  if ('error' in grid) return grid;
  const units = pick(
    body.units,
    (v): v is LengthUnit => LENGTH_UNITS.includes(v as LengthUnit),
    'units',
    notices,
  );
  const defaults = blankRoom({ units: units ?? 'ft', rows: 1, cols: 1 });
  const legacy = body.matrix !== undefined && body.layout === undefined;
  const room: EditorRoom = {
    ...defaults,
    roomId: pick(legacy ? (body.room_id ?? body.roomId) : body.roomId, isString, 'roomId', notices) ?? '',
    name: pick(body.name, isString, 'name', notices) ?? '',
    cellSize:
      pick(legacy ? (body.cell_size ?? body.cellSize) : body.cellSize, isNumber, 'cellSize', notices) ??
      defaults.cellSize,
    ceilingHeight: pick(body.ceilingHeight, isNumber, 'ceilingHeight', notices) ?? defaults.ceilingHeight,
    roomType:
      pick(body.roomType, (v): v is RoomType => ROOM_TYPES.includes(v as RoomType), 'roomType', notices) ??
      defaults.roomType,
    rows: grid.rows,
    cols: grid.cols,
    tiles: grid.tiles,
  };
  const requirements = body.requirements;
  if (requirements !== undefined) {
    if (typeof requirements === 'object' && requirements !== null && !Array.isArray(requirements)) {
      Object.assign(room, { requirements: requirements as Record<string, unknown> });
    } else notices.push('requirements is not an object and was left out');
  }
  const dropped = Object.keys(body).filter((key) => !KNOWN_FIELDS.has(key));
  if (dropped.length > 0)
    notices.push(`unknown ${dropped.length > 1 ? 'fields' : 'field'} ${dropped.join(', ')} left out`);
  return { room, notices };
}

interface Grid {
  readonly rows: number;
  readonly cols: number;
  readonly tiles: string;
}

function readGrid(body: Record<string, unknown>, notices: string[]): Grid | LoadFailure {
  if (Array.isArray(body.layout)) {
    const rows = body.layout.map((row) => (typeof row === 'string' ? row : ''));
    body.layout.forEach((row, i) => {
      if (typeof row !== 'string') notices.push(`row ${i + 1} is not a string; shown as outside tiles`);
    });
    return squareUp(rows, notices);
  }
  if (Array.isArray(body.matrix)) {
    notices.push('converted from the legacy matrix format to layout rows');
    const rows = body.matrix.map((row) =>
      Array.isArray(row) ? row.map((code) => legacyChar(code)).join('') : '',
    );
    return squareUp(rows, notices);
  }
  return { error: 'the room has no layout (an array of strings, one per row) and no legacy matrix' };
}

/** Rows of equal length: short rows are padded with outside tiles, each named in `notices`. */
function squareUp(rows: string[], notices: string[]): Grid | LoadFailure {
  if (rows.length === 0) return { error: 'the layout has no rows' };
  const cols = Math.max(...rows.map((row) => row.length));
  if (cols === 0) return { error: 'every row of the layout is empty' };
  if (rows.length > MAX_SIDE || cols > MAX_SIDE || rows.length * cols > MAX_TILES) {
    return {
      error: `the grid is ${rows.length} × ${cols} tiles; the editor opens at most ${MAX_SIDE} × ${MAX_SIDE} and ${MAX_TILES.toLocaleString('en-US')} tiles`,
    };
  }
  let tiles = '';
  rows.forEach((row, i) => {
    if (row.length < cols) {
      notices.push(`row ${i + 1} had ${row.length} tiles, filled to ${cols} with outside tiles (-)`);
    }
    tiles += row + PAINT_TILES.outside.repeat(cols - row.length);
  });
  return { rows: rows.length, cols, tiles };
}

function legacyChar(code: unknown): string {
  const kind = Number.isInteger(code) ? TILE_KIND_BY_LEGACY_CODE[code as number] : undefined;
  return kind === undefined ? UNKNOWN_TILE : TILE_CHARS[kind];
}

/** The value when it has the right type; otherwise a notice and `undefined` (the default stands). */
function pick<T>(
  value: unknown,
  accept: (value: unknown) => value is T,
  field: string,
  notices: string[],
): T | undefined {
  if (value === undefined) return undefined;
  if (accept(value)) return value;
  notices.push(`${field} ${JSON.stringify(value)?.slice(0, 40)} is not valid; the editor uses its default`);
  return undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

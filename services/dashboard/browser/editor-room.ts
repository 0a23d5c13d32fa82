import {
  type LengthUnit,
  MAX_SIDE,
  MAX_TILES,
  type RoomInput,
  type RoomType,
} from '@ceiling-grid/core/portable-room';

/**
 * The room the ceiling editor holds: the RULES §2 fields as the form shows them, and the grid as
 * one string of layout characters, row-major (`tiles[row * cols + col]`). A string is immutable
 * and one byte a tile, so every undo step is a cheap snapshot. Characters outside the legend,
 * kept from a loaded file, stay where they were so their errors show on their tiles.
 */
export interface EditorRoom {
  /** `''` leaves the id to the server (derived from the room's content). */
  readonly roomId: string;
  /** `''` for no name. */
  readonly name: string;
  readonly units: LengthUnit;
  readonly cellSize: number;
  readonly ceilingHeight: number;
  readonly roomType: RoomType;
  readonly rows: number;
  readonly cols: number;
  readonly tiles: string;
  /** The `requirements` of a loaded room, carried through unchanged (the editor does not edit them). */
  readonly requirements?: Readonly<Record<string, unknown>>;
}

/** A tile by its 0-based row and column. */
export interface TilePoint {
  readonly row: number;
  readonly col: number;
}

/** What the editor paints: a tile of the RULES §2 legend. */
export const PAINT_TILES = {
  free: '.',
  blocked: '#',
  outside: '-',
  light: 'L',
  airSupply: 'S',
  returnGrille: 'R',
  smokeDetector: 'D',
} as const;

export type PaintTile = (typeof PAINT_TILES)[keyof typeof PAINT_TILES];

/** Options of {@link blankRoom}; every field has the default a new room starts with. */
export interface BlankRoomOptions {
  /** Default 12. */
  readonly rows?: number;
  /** Default 16. */
  readonly cols?: number;
  /** Default `ft`. */
  readonly units?: LengthUnit;
  /** Default 2 (ft) or 0.6 (m): the common lay-in tile. */
  readonly cellSize?: number;
  /** Default 9 ft or 2.75 m (RULES §2). */
  readonly ceilingHeight?: number;
  /** Default `office`. */
  readonly roomType?: RoomType;
}

/** A room of free tiles only. */
export function blankRoom(options: BlankRoomOptions = {}): EditorRoom {
  const units = options.units ?? 'ft';
  const rows = clampSide(options.rows ?? 12);
  const cols = clampSide(options.cols ?? 16);
  return {
    roomId: '',
    name: '',
    units,
    cellSize: options.cellSize ?? (units === 'ft' ? 2 : 0.6),
    ceilingHeight: options.ceilingHeight ?? (units === 'ft' ? 9 : 2.75),
    roomType: options.roomType ?? 'office',
    rows,
    cols,
    tiles: PAINT_TILES.free.repeat(rows * cols),
  };
}

/** The character of one tile. */
export function tileAt(room: EditorRoom, point: TilePoint): string {
  return room.tiles[point.row * room.cols + point.col];
}

/**
 * Paints every tile of the rectangle spanned by two corners (in any order, clamped to the grid)
 * with `tile`. Returns the same room object when nothing changes, so such a click is no edit.
 */
export function paintRectangle(
  room: EditorRoom,
  from: TilePoint,
  to: TilePoint,
  tile: PaintTile,
): EditorRoom {
  const top = clamp(Math.min(from.row, to.row), 0, room.rows - 1);
  const bottom = clamp(Math.max(from.row, to.row), 0, room.rows - 1);
  const left = clamp(Math.min(from.col, to.col), 0, room.cols - 1);
  const right = clamp(Math.max(from.col, to.col), 0, room.cols - 1);
  const width = right - left + 1;
  const run = tile.repeat(width);
  let changed = false;
  let tiles = '';
  let copied = 0;
  for (let row = top; row <= bottom; row++) {
    const start = row * room.cols + left;
    if (room.tiles.slice(start, start + width) === run) continue;
    changed = true;
    tiles += room.tiles.slice(copied, start) + run;
    copied = start + width;
  }
  if (!changed) return room;
  return { ...room, tiles: tiles + room.tiles.slice(copied) };
}

/**
 * The room with `rows × cols` tiles: what fits stays where it was (anchored top left), new
 * tiles are free. Sides are clamped to 1…500 and the total to 250,000 tiles (RULES §2).
 */
export function resizeRoom(room: EditorRoom, rows: number, cols: number): EditorRoom {
  let newRows = clampSide(rows);
  const newCols = clampSide(cols);
  if (newRows * newCols > MAX_TILES) newRows = Math.floor(MAX_TILES / newCols);
  if (newRows === room.rows && newCols === room.cols) return room;
  let tiles = '';
  for (let row = 0; row < newRows; row++) {
    const kept =
      row < room.rows
        ? room.tiles.slice(row * room.cols, row * room.cols + Math.min(room.cols, newCols))
        : '';
    tiles += kept + PAINT_TILES.free.repeat(newCols - kept.length);
  }
  return { ...room, rows: newRows, cols: newCols, tiles };
}

/** Fields of the form the editor sets one at a time. */
export type RoomFields = Pick<
  EditorRoom,
  'roomId' | 'name' | 'units' | 'cellSize' | 'ceilingHeight' | 'roomType'
>;

/** The room with some fields changed; the same object when none differs (no empty undo step). */
export function withFields(room: EditorRoom, fields: Partial<RoomFields>): EditorRoom {
  const changed = (Object.keys(fields) as (keyof RoomFields)[]).some(
    (key) => fields[key] !== undefined && !Object.is(fields[key], room[key]),
  );
  return changed ? { ...room, ...fields } : room;
}

/**
 * The room in other units. A tile size or ceiling height still at the old unit's default takes
 * the new unit's (2 ft → 0.6 m, 9 ft → 2.75 m), so a metric room started from a new grid needs
 * no retyping; a value someone typed is kept as typed.
 */
export function withUnits(room: EditorRoom, units: LengthUnit): EditorRoom {
  if (units === room.units) return room;
  const before = blankRoom({ units: room.units, rows: 1, cols: 1 });
  const after = blankRoom({ units, rows: 1, cols: 1 });
  return {
    ...room,
    units,
    cellSize: room.cellSize === before.cellSize ? after.cellSize : room.cellSize,
    ceilingHeight: room.ceilingHeight === before.ceilingHeight ? after.ceilingHeight : room.ceilingHeight,
  };
}

/** Layout rows, top row first (RULES §2 `layout`). */
export function layoutRows(room: EditorRoom): string[] {
  const rows: string[] = [];
  for (let row = 0; row < room.rows; row++)
    rows.push(room.tiles.slice(row * room.cols, (row + 1) * room.cols));
  return rows;
}

/** The room as RULES §2 JSON: what is downloaded, submitted, and checked with the core's rules. */
export function toRoomJson(room: EditorRoom): RoomInput {
  return {
    ...(room.roomId !== '' ? { roomId: room.roomId } : {}),
    ...(room.name !== '' ? { name: room.name } : {}),
    units: room.units,
    cellSize: room.cellSize,
    ceilingHeight: room.ceilingHeight,
    roomType: room.roomType,
    layout: layoutRows(room),
    ...(room.requirements !== undefined
      ? { requirements: room.requirements as RoomInput['requirements'] }
      : {}),
  };
}

/** How many tiles of each character the room has. */
export function countTiles(room: EditorRoom): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < room.tiles.length; i++) counts.set(room.tiles[i], (counts.get(room.tiles[i]) ?? 0) + 1);
  return counts;
}

function clampSide(value: number): number {
  return clamp(Number.isFinite(value) ? Math.round(value) : 1, 1, MAX_SIDE);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

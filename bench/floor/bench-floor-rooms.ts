import type { RoomType } from '@ceiling-grid/core';

/** A room of the bench floor, as the floor input carries it (RULES §2). */
export interface BenchRoomInput {
  readonly roomId: string;
  readonly name: string;
  readonly units: 'ft';
  readonly cellSize: number;
  readonly ceilingHeight: number;
  readonly roomType: RoomType;
  readonly layout: readonly string[];
}

/** The bench floor, as `POST /api/floors` and the CLI read it. */
export interface BenchFloorInput {
  readonly floorId: string;
  readonly name: string;
  readonly rooms: readonly BenchRoomInput[];
}

/** How often each kind of room occurs on the floor and its size range in tiles (2 ft tiles). */
interface RoomKind {
  readonly type: RoomType;
  readonly share: number;
  readonly rows: readonly [number, number];
  readonly cols: readonly [number, number];
}

/**
 * An office floor's mix: many small offices and meeting rooms, a few classrooms (training),
 * corridors, a lobby, shops on the ground floor, and the odd store room or warehouse bay.
 */
const MIX: readonly RoomKind[] = [
  { type: 'office', share: 0.42, rows: [5, 10], cols: [6, 12] },
  { type: 'conference', share: 0.16, rows: [6, 10], cols: [8, 14] },
  { type: 'corridor', share: 0.14, rows: [3, 4], cols: [15, 40] },
  { type: 'classroom', share: 0.08, rows: [12, 16], cols: [14, 18] },
  { type: 'office', share: 0.08, rows: [16, 26], cols: [20, 32] }, // open-plan
  { type: 'retail', share: 0.06, rows: [12, 20], cols: [14, 24] },
  { type: 'lobby', share: 0.04, rows: [10, 16], cols: [12, 20] },
  { type: 'warehouse', share: 0.02, rows: [24, 36], cols: [30, 48] },
];

/** mulberry32: a small seeded generator, so the same seed gives the same floor everywhere. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A seeded floor of `rooms` rooms of mixed types and sizes (`MIX`): some L-shaped (a corner
 * cut away with `-`), columns (`#`) in the larger rooms, and now and then an existing light or
 * detector. The same seed always gives the same floor.
 */
export function benchFloor(rooms: number, seed: number, floorId = `bench-floor-${seed}`): BenchFloorInput {
  const random = seededRandom(seed);
  const between = ([low, high]: readonly [number, number]) => low + Math.floor(random() * (high - low + 1));
  const pick = (): RoomKind => {
    let left = random();
    for (const kind of MIX) {
      left -= kind.share;
      if (left < 0) return kind;
    }
    return MIX[0];
  };
  const out: BenchRoomInput[] = [];
  for (let i = 0; i < rooms; i++) {
    const kind = pick();
    const rows = between(kind.rows);
    const cols = between(kind.cols);
    out.push({
      roomId: `r${String(i + 1).padStart(3, '0')}-${kind.type}`,
      name: `${kind.type} ${i + 1}`,
      units: 'ft',
      cellSize: 2,
      ceilingHeight: kind.type === 'warehouse' ? 20 : kind.type === 'lobby' ? 12 : 9,
      roomType: kind.type,
      layout: roomLayout(rows, cols, kind.type, random),
    });
  }
  return { floorId, name: `Bench floor (seed ${seed}, ${rooms} rooms)`, rooms: out };
}

function roomLayout(rows: number, cols: number, type: RoomType, random: () => number): string[] {
  const grid = Array.from({ length: rows }, () => Array<string>(cols).fill('.'));
  // One room in four is L-shaped: a corner of up to a third of each side is not part of it.
  if (type !== 'corridor' && random() < 0.25 && rows >= 6 && cols >= 6) {
    const cutRows = 1 + Math.floor(random() * (rows / 3));
    const cutCols = 1 + Math.floor(random() * (cols / 3));
    for (let r = 0; r < cutRows; r++) for (let c = cols - cutCols; c < cols; c++) grid[r][c] = '-';
  }
  // Columns on a 10-tile (20 ft) grid in the larger rooms.
  if (rows >= 12 && cols >= 12)
    for (let r = 9; r < rows - 1; r += 10)
      for (let c = 9; c < cols - 1; c += 10) if (grid[r][c] === '.') grid[r][c] = '#';
  // Now and then an existing device the rules must count (RULES §2 "Tiles").
  if (random() < 0.1) {
    const r = Math.floor(rows / 2);
    const c = Math.floor(cols / 2);
    if (grid[r][c] === '.') grid[r][c] = random() < 0.5 ? 'L' : 'D';
  }
  return grid.map((row) => row.join(''));
}

/** Tiles of every room of a floor. */
export function floorTiles(floor: BenchFloorInput): number {
  return floor.rooms.reduce((sum, room) => sum + room.layout.length * room.layout[0].length, 0);
}

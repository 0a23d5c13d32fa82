import type { CoveringProgramme, LinearRow } from '../exact/covering-programme.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import { checkPointGrid, coverageRadiusHalfTiles, halfDisk } from './check-points.js';

const SMOKE_DETECTOR: number = TileKind.SmokeDetector;

/** The smoke rules of a room as a 0/1 programme, with its candidate tiles. */
export interface SmokeDetectionProgramme {
  readonly programme: CoveringProgramme;
  /** Tile of each variable. */
  readonly candidates: readonly number[];
}

/**
 * RULES §4 smoke detection as a {@link CoveringProgramme}: one variable per tile a detector
 * may take (`allowed`: free and clear of every diffuser); one row per check point (tile centre
 * or corner) no existing detector covers: some detector within 0.7·S. Rows come only for the
 * points a solution leaves uncovered, a spread-out handful per round, so even large rooms
 * start small. `repair` completes an integral solution that misses points.
 */
export function smokeDetectionProgramme(
  room: Room,
  allowed: Uint8Array,
  warm: readonly number[],
  repair: (tiles: number[]) => number[] | undefined,
): SmokeDetectionProgramme {
  const { rows, cols, tiles } = room;
  const grid = checkPointGrid(room);
  const { width, mask } = grid;
  const { limit } = halfDisk(coverageRadiusHalfTiles(room));
  const tileReach = Math.floor(Math.sqrt(limit) / 2) + 1;
  const candidates: number[] = [];
  const position = new Int32Array(rows * cols).fill(-1);
  for (let t = 0; t < tiles.length; t++) {
    if (allowed[t]) {
      position[t] = candidates.length;
      candidates.push(t);
    }
  }
  const n = candidates.length;
  const existing: number[] = [];
  for (let t = 0; t < tiles.length; t++) if (tiles[t] === SMOKE_DETECTOR) existing.push(t);

  // Tiles whose centre is within the radius of lattice point (y, x).
  const forEachTileNear = (y: number, x: number, visit: (t: number) => void) => {
    const r0 = Math.floor((y - 1) / 2);
    const c0 = Math.floor((x - 1) / 2);
    for (let r = Math.max(0, r0 - tileReach); r <= Math.min(rows - 1, r0 + tileReach + 1); r++) {
      const dy = 2 * r + 1 - y;
      for (let c = Math.max(0, c0 - tileReach); c <= Math.min(cols - 1, c0 + tileReach + 1); c++) {
        const dx = 2 * c + 1 - x;
        if (dx * dx + dy * dy <= limit) visit(r * cols + c);
      }
    }
  };
  const open: number[] = [];
  const isExisting = new Uint8Array(rows * cols);
  for (const t of existing) isExisting[t] = 1;
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p]) continue;
    let covered = false;
    forEachTileNear(Math.floor(p / width), p % width, (t) => {
      if (isExisting[t]) covered = true;
    });
    if (!covered) open.push(p);
  }
  const rowOf = (p: number): LinearRow => {
    const indices: number[] = [];
    forEachTileNear(Math.floor(p / width), p % width, (t) => {
      if (position[t] >= 0) indices.push(position[t]);
    });
    return { indices, values: indices.map(() => 1), lower: 1, upper: Number.POSITIVE_INFINITY };
  };

  const separate = openPointSeparator({ candidates, open, width, cols, limit, rowOf });
  const toX = (chosen: readonly number[]) => toVariables(chosen, position, n);
  const incumbent = toX(warm);
  // A start: the open points on a lattice a third of a radius apart, corners of the room first.
  const step = Math.max(2, 2 * Math.floor(Math.sqrt(limit) / 6));
  const initial: LinearRow[] = [];
  for (const p of open) {
    const y = Math.floor(p / width);
    const x = p % width;
    if (y % step === 0 && x % step === 0) initial.push(rowOf(p));
  }
  const programme: CoveringProgramme = {
    variables: n,
    rows: initial,
    rowsPerRound: 400,
    separate,
    repair: (x) => {
      const repaired = repair(candidates.filter((_, j) => x[j] === 1));
      return repaired ? toX(repaired) : undefined;
    },
    ...(incumbent && separate(Float64Array.from(incumbent)).length === 0 ? { incumbent } : {}),
  };
  return { programme, candidates };
}

/** What {@link openPointSeparator} reads of the programme. */
interface SeparatorContext {
  readonly candidates: readonly number[];
  /** Check points (lattice indices) no existing detector covers. */
  readonly open: readonly number[];
  readonly width: number;
  readonly cols: number;
  /** Squared coverage radius, half tiles. */
  readonly limit: number;
  /** The coverage row of an open point. */
  readonly rowOf: (p: number) => LinearRow;
}

/**
 * The separation of the smoke-detection programme: the open points a (fractional) solution
 * leaves uncovered, picked half a coverage radius apart so each new row cuts a different part
 * of the room.
 */
function openPointSeparator(context: SeparatorContext): (x: Float64Array) => LinearRow[] {
  const { candidates, open, width, cols, limit, rowOf } = context;
  const n = candidates.length;
  return (x: Float64Array): LinearRow[] => {
    const support: number[] = [];
    for (let j = 0; j < n; j++) if (x[j] > 1e-9) support.push(j);
    const found: LinearRow[] = [];
    // Violated points half a coverage radius apart: each new row cuts a different part of the room.
    const picked: number[] = [];
    const apart = limit / 4;
    for (const p of open) {
      const y = Math.floor(p / width);
      const xx = p % width;
      let sum = 0;
      for (const j of support) {
        const t = candidates[j];
        const dy = 2 * Math.floor(t / cols) + 1 - y;
        const dx = 2 * (t % cols) + 1 - xx;
        if (dx * dx + dy * dy <= limit) sum += x[j];
      }
      if (sum >= 1 - 1e-6) continue;
      if (picked.some((q) => (Math.floor(q / width) - y) ** 2 + ((q % width) - xx) ** 2 <= apart)) continue;
      picked.push(p);
      found.push(rowOf(p));
    }
    return found;
  };
}

/** A list of tiles as 0/1 values of the variables; `undefined` when a tile is no candidate. */
function toVariables(chosen: readonly number[], position: Int32Array, n: number): Uint8Array | undefined {
  const x = new Uint8Array(n);
  for (const t of chosen) {
    if (position[t] < 0) return undefined;
    x[position[t]] = 1;
  }
  return x;
}

import type { CoveringProgramme, LinearRow } from '../exact/covering-programme.js';
import { diskOffsets, forEachTileInDisk } from '../geometry/disk-offsets.js';
import { atLeastLimit, withinLimit } from '../geometry/tolerance.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import { airDemand } from './air-demand.js';
import { allowedDiffuserTiles } from './diffuser-plan.js';

const OUTSIDE: number = TileKind.Outside;
const AIR_SUPPLY: number = TileKind.AirSupply;

/** The air-supply rules of a room as a 0/1 programme, with its candidate tiles. */
export interface AirSupplyProgramme {
  readonly programme: CoveringProgramme;
  /** Tile of each variable. */
  readonly candidates: readonly number[];
  /** New diffusers the airflow alone needs: `ceil(Q / diffuser airflow)` less the existing ones. */
  readonly airflowMinimum: number;
}

/**
 * RULES §4 air supply as a {@link CoveringProgramme}: one variable per tile a new diffuser may
 * take (free, clear of existing detectors, far enough from existing diffusers); one row per
 * room tile no existing diffuser covers (some diffuser within the coverage radius); one count
 * row (the airflow); and one row per pair of candidates closer than the minimum spacing.
 */
export function airSupplyProgramme(room: Room, warm: readonly number[]): AirSupplyProgramme {
  const { rows, cols, tiles, cellSize, requirements } = room;
  const radius = requirements.diffuserCoverageRadius / cellSize;
  const spacing = requirements.diffuserMinSpacing / cellSize;
  const spacingLimit = atLeastLimit(spacing * spacing);
  const existing: number[] = [];
  for (let t = 0; t < tiles.length; t++) if (tiles[t] === AIR_SUPPLY) existing.push(t);
  const d2 = (a: number, b: number) => tileDistance2(a, b, cols);
  const allowed = allowedDiffuserTiles(room);
  const candidates: number[] = [];
  for (let t = 0; t < tiles.length; t++) {
    if (allowed[t] && existing.every((e) => d2(e, t) >= spacingLimit)) candidates.push(t);
  }
  const position = new Int32Array(rows * cols).fill(-1);
  candidates.forEach((t, j) => {
    position[t] = j;
  });
  const n = candidates.length;
  const around = (tile: number, r: number, visit: (t: number) => void) =>
    forEachTileInDisk(tile, rows, cols, diskOffsets(Math.min(r, rows + cols)), visit);

  const covered = new Uint8Array(rows * cols);
  for (const e of existing) around(e, radius, (t) => (covered[t] = 1));
  const programmeRows: LinearRow[] = [];
  const coverageRow = new Map<number, LinearRow>();
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] === OUTSIDE || covered[t]) continue;
    const indices: number[] = [];
    around(t, radius, (u) => {
      if (position[u] >= 0) indices.push(position[u]);
    });
    const row = { indices, values: indices.map(() => 1), lower: 1, upper: Number.POSITIVE_INFINITY };
    programmeRows.push(row);
    coverageRow.set(t, row);
  }
  const countRowAt = programmeRows.length;
  const airflowMinimum = Math.max(0, airDemand(room).requiredCount - existing.length);
  if (airflowMinimum > 0) {
    programmeRows.push({
      indices: Int32Array.from({ length: n }, (_, j) => j),
      values: new Float64Array(n).fill(1),
      lower: airflowMinimum,
      upper: Number.POSITIVE_INFINITY,
    });
  }
  // Every pair of candidates closer than the minimum spacing: at most one of the two. Written
  // up front (two entries a row, a dozen rows a tile): generating them lazily cost more rounds
  // than the rows cost the solver.
  for (let j = 0; j < n; j++) {
    around(candidates[j], spacing, (u) => {
      const k = position[u];
      if (k > j && d2(candidates[j], u) < spacingLimit) {
        programmeRows.push({ indices: [j, k], values: [1, 1], lower: Number.NEGATIVE_INFINITY, upper: 1 });
      }
    });
  }

  const separate = spacingSeparator({
    candidates,
    existing,
    coverageRow,
    countRow: programmeRows[countRowAt],
    airflowMinimum,
    spacingLimit,
    coverLimit: withinLimit(radius * radius),
    d2,
  });

  const incumbent = warmIncumbent(warm, position, n);
  const programme: CoveringProgramme = {
    variables: n,
    rows: programmeRows,
    separate,
    ...(incumbent && separate(Float64Array.from(incumbent)).length === 0 ? { incumbent } : {}),
  };
  return { programme, candidates, airflowMinimum };
}

/** What {@link spacingSeparator} reads of the programme. */
interface SeparatorContext {
  readonly candidates: readonly number[];
  readonly existing: readonly number[];
  /** The coverage row of each room tile that has one. */
  readonly coverageRow: ReadonlyMap<number, LinearRow>;
  /** The airflow count row (`undefined` when no count is needed). */
  readonly countRow: LinearRow | undefined;
  readonly airflowMinimum: number;
  readonly spacingLimit: number;
  readonly coverLimit: number;
  readonly d2: (a: number, b: number) => number;
}

/**
 * The separation of the air-supply programme: the spacing pairs a fractional solution
 * violates, most violated first; for an integral one with none, an exact re-check of every
 * coverage row and of the count, so a layout is only accepted when it keeps every rule.
 */
function spacingSeparator(context: SeparatorContext): (x: Float64Array) => LinearRow[] {
  const { candidates, existing, coverageRow, countRow, airflowMinimum, spacingLimit, coverLimit, d2 } =
    context;
  const n = candidates.length;
  return (x: Float64Array): LinearRow[] => {
    const support: number[] = [];
    for (let j = 0; j < n; j++) if (x[j] > 1e-9) support.push(j);
    const found: [number, LinearRow][] = [];
    for (let a = 0; a < support.length; a++) {
      for (let b = a + 1; b < support.length; b++) {
        const i = support[a];
        const j = support[b];
        const excess = x[i] + x[j] - 1;
        if (excess > 1e-6 && d2(candidates[i], candidates[j]) < spacingLimit) {
          found.push([
            excess,
            { indices: [i, j], values: [1, 1], lower: Number.NEGATIVE_INFINITY, upper: 1 },
          ]);
        }
      }
    }
    found.sort((p, q) => q[0] - p[0]);
    const rowsFound = found.map(([, row]) => row);
    if (rowsFound.length === 0 && support.every((j) => x[j] > 1 - 1e-9)) {
      // Integral: coverage and count rows are all in the programme; confirm exactly anyway.
      const chosen = [...existing, ...support.map((j) => candidates[j])];
      for (const [t, row] of coverageRow) {
        if (!chosen.some((c) => d2(c, t) <= coverLimit)) rowsFound.push(row);
      }
      if (chosen.length < existing.length + airflowMinimum) rowsFound.push(countRow!);
    }
    return rowsFound;
  };
}

/** The warm layout as 0/1 values of the variables; `undefined` when a tile of it is no candidate. */
function warmIncumbent(warm: readonly number[], position: Int32Array, n: number): Uint8Array | undefined {
  const incumbent = new Uint8Array(n);
  let warmFits = true;
  for (const t of warm) {
    if (position[t] < 0) warmFits = false;
    else incumbent[position[t]] = 1;
  }
  return warmFits ? incumbent : undefined;
}

/** Squared distance between the centres of tiles `a` and `b` of a grid `cols` wide, tile units. */
function tileDistance2(a: number, b: number, cols: number): number {
  const dr = Math.floor(a / cols) - Math.floor(b / cols);
  const dc = (a % cols) - (b % cols);
  return dr * dr + dc * dc;
}

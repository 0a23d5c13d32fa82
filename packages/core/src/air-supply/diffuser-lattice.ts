import { atLeastLimit, withinLimit } from '../geometry/tolerance.js';

/** A rectangular lattice of diffuser positions: every listed row crossed with every listed col. */
export interface DiffuserLattice {
  /** Tile rows of the lattice lines, absolute, ascending. */
  readonly rows: readonly number[];
  /** Tile cols of the lattice lines, absolute, ascending. */
  readonly cols: readonly number[];
}

/** What {@link fitDiffuserLattice} fits the lattice to; lengths in tile units. */
export interface LatticeTarget {
  /** Bounding box of the room tiles: first row/col and extent in tiles. */
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
  /** Share of the bounding box that is room, so that lattice points × fill ≈ points in the room. */
  readonly fill: number;
  /** Diffusers the lattice should contribute. */
  readonly count: number;
  readonly coverageRadius: number;
  readonly minSpacing: number;
}

/**
 * The rectangular lattice with the fewest points that covers the bounding box (every tile centre
 * within the coverage radius of a lattice point), keeps the minimum spacing and brings the
 * wanted count; ties go to the squarest cells. Lines sit at the middle of equal shares of the
 * box, so on a plain rectangle every diffuser serves nearly the same area.
 *
 * When no lattice meets all three, spacing wins first (a rule new diffusers can always keep),
 * then coverage: the densest lattice that keeps spacing and covers, else the best-covering one
 * that keeps spacing; the repair steps take it from there.
 */
export function fitDiffuserLattice(target: LatticeTarget): DiffuserLattice {
  const across = axisOptions(target.width, target.minSpacing);
  const down = axisOptions(target.height, target.minSpacing);
  const coverLimit = withinLimit(target.coverageRadius * target.coverageRadius);
  let best:
    | { nx: number; ny: number; tier: number; score: number; unevenness: number; aspect: number }
    | undefined;
  for (const x of across) {
    for (const y of down) {
      const points = x.count * y.count;
      const covers = x.gap * x.gap + y.gap * y.gap <= coverLimit;
      const enough = points * target.fill >= target.count;
      // Tier 0: all rules; 1: covers and keeps spacing; 2: keeps spacing only.
      const tier = covers ? (enough ? 0 : 1) : 2;
      const score = tier === 0 ? points : tier === 1 ? -points : x.gap * x.gap + y.gap * y.gap;
      // Among equal counts: the most even shares first (CV² of a product of independent shares),
      // then the squarest cells.
      const unevenness = (1 + x.cv2) * (1 + y.cv2) - 1;
      const aspect = Math.abs(Math.log(target.width / x.count / (target.height / y.count)));
      if (
        !best ||
        tier < best.tier ||
        (tier === best.tier &&
          (score < best.score ||
            (score === best.score &&
              (unevenness < best.unevenness - 1e-12 ||
                (unevenness <= best.unevenness + 1e-12 && aspect < best.aspect - 1e-12)))))
      ) {
        best = { nx: x.count, ny: y.count, tier, score, unevenness, aspect };
      }
    }
  }
  const nx = best?.nx ?? 1;
  const ny = best?.ny ?? 1;
  return {
    rows: axisLines(ny, target.height).map((r) => r + target.top),
    cols: axisLines(nx, target.width).map((c) => c + target.left),
  };
}

interface AxisOption {
  readonly count: number;
  /** Largest distance from a tile centre on this axis to the nearest line, tiles. */
  readonly gap: number;
  /** Squared coefficient of variation of the tiles each line serves on this axis. */
  readonly cv2: number;
}

/** Every line count on one axis whose lines keep the minimum spacing, with its gap. */
function axisOptions(extent: number, minSpacing: number): AxisOption[] {
  const options: AxisOption[] = [];
  const spacingLimit = atLeastLimit(minSpacing * minSpacing);
  for (let count = 1; count <= extent; count++) {
    const lines = axisLines(count, extent);
    let pitch = Number.POSITIVE_INFINITY;
    for (let i = 1; i < lines.length; i++) pitch = Math.min(pitch, lines[i] - lines[i - 1]);
    if (count > 1 && !(pitch * pitch >= spacingLimit)) break;
    let gap = 0;
    let next = 0;
    const served = new Int32Array(count);
    for (let p = 0; p < extent; p++) {
      // Ties stay with the earlier line, as the evenness rule assigns them.
      while (next + 1 < lines.length && Math.abs(lines[next + 1] - p) < Math.abs(lines[next] - p)) next++;
      gap = Math.max(gap, Math.abs(lines[next] - p));
      served[next]++;
    }
    const mean = extent / count;
    let squares = 0;
    for (let i = 0; i < count; i++) squares += (served[i] - mean) ** 2;
    const cv2 = squares / count / (mean * mean);
    options.push({ count, gap, cv2 });
  }
  return options;
}

/**
 * `count` lines splitting `[0, extent)` into equal shares, as tile offsets. Each line sits at the
 * middle of its share, nudged by at most a tile so that the halfway point between neighbours
 * falls exactly on the share boundary: every tile then goes to its own share's line and each
 * diffuser serves its share, with no tie tiles drifting to one side.
 */
export function axisLines(count: number, extent: number): number[] {
  const bounds: number[] = [];
  for (let i = 0; i <= count; i++) bounds.push(Math.round((i * extent) / count));
  let best: number[] = [];
  let bestDrift = Number.POSITIVE_INFINITY;
  const ideal0 = idealLine(bounds, 0);
  for (let option = 0; option < 2; option++) {
    const first = option === 0 ? Math.floor(ideal0) : Math.ceil(ideal0);
    const lines = [first];
    let drift = Math.abs(first - ideal0);
    for (let i = 1; i < count; i++) {
      // Both keep tile bounds[i] - 1 on the left and bounds[i] on the right of the halfway point.
      const a = 2 * bounds[i] - 1 - lines[i - 1];
      const b = a - 1;
      const ideal = idealLine(bounds, i);
      let line = Math.abs(b - ideal) <= Math.abs(a - ideal) ? b : a;
      line = Math.min(bounds[i + 1] - 1, Math.max(bounds[i], line));
      drift = Math.max(drift, Math.abs(line - ideal));
      lines.push(line);
    }
    if (drift < bestDrift) {
      bestDrift = drift;
      best = lines;
    }
  }
  return best;
}

/** Middle of share `i` of {@link axisLines}, between tile `bounds[i]` and tile `bounds[i + 1] - 1`. */
function idealLine(bounds: readonly number[], i: number): number {
  return (bounds[i] + bounds[i + 1] - 1) / 2;
}

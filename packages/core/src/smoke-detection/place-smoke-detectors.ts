import { solveCoveringProgramme } from '../exact/covering-solve.js';
import { type ExactStageOptions, solverBudget } from '../exact/solver-budget.js';
import { diskOffsets } from '../geometry/disk-offsets.js';
import { packingLowerBound } from '../placement/packing-bound.js';
import type { StagePlacement } from '../placement/stage-placement.js';
import type { Room } from '../room/room.js';
import { roomBox } from '../room/room-box.js';
import { TileKind } from '../room/tile-kind.js';
import { checkPointGrid, coverageRadiusHalfTiles, halfDisk } from './check-points.js';
import { DetectorCover } from './detector-cover.js';
import { detectorSites } from './detector-sites.js';
import { bestRegularArray } from './regular-array.js';
import { smokeDetectionProgramme } from './smoke-detection-programme.js';
import { staggeredPoints, staggeredShapes } from './staggered-layout.js';

const SMOKE_DETECTOR: number = TileKind.SmokeDetector;

/** Name of the smoke-detector model in results and metrics. */
export const SMOKE_DETECTION_MODEL = 'hex-cover';
/** The model name when the exact solve found fewer detectors than the cover. */
export const EXACT_SMOKE_DETECTION_MODEL = 'hex-cover+mip';

/**
 * Tiles shaved off the coverage radius when laying out staggered candidates: snapping a point
 * to a tile centre moves it up to 0.7 tile, so a layout drawn with a little slack needs fewer
 * repairs; which slack wins depends on the room, so each is tried.
 */
const SLACKS = [0, 0.25, 0.5, 1];
/** Staggered shapes tried per slack and orientation: the fewest-point one and the runner-up. */
const SHAPES_PER_SLACK = 2;
/**
 * A candidate whose repair passes the best count so far by this share is dropped: pruning
 * removes a few detectors, never that many.
 */
const GIVE_UP_MARGIN = 0.05;
/** Largest half-tile lattice (points) on which the plain greedy cover is tried too. */
const GREEDY_LATTICE_LIMIT = 60_000;
/** Where a proposed point may snap to: its tile, else the nearest open one within 2 tiles. */
const SNAP_OFFSETS = diskOffsets(2);

/** A snapped candidate layout already repaired and pruned during one call. */
interface WorkedLayout {
  /** New detector tiles after snapping, in order. */
  readonly snapped: readonly number[];
  /** The new detectors after repair and pruning; `undefined` when the repair gave up. */
  placed: number[] | undefined;
  /** {@link DetectorCover.repairPeak} of its repair. */
  peak: number;
}

/** Whether two tile lists are equal, element by element. */
function sameTiles(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Places smoke detectors on the tiles `room` leaves free (lights and diffusers already placed),
 * keeping its existing detectors, aiming at RULES §4: every check point (tile centres and
 * corners) within 0.7·S of a detector, every detector at least the clearance from every
 * diffuser, and as few detectors as that allows.
 *
 * Model `hex-cover`: several candidate layouts (the best regular rectangular array on tile
 * centres when the room is a rectangle; the fewest-point array over the bounding box;
 * staggered rows across and down at a few radius slacks; a plain greedy cover on small rooms),
 * each snapped to open tiles, repaired greedily where points remain uncovered and pruned of
 * detectors whose removal keeps full coverage; the layout with the fewest detectors wins
 * (first in that order on a tie), and a last pass drops each detector whose gap nudging its
 * neighbours a tile or two closes. Including the regular array means a rectangular room never
 * gets more detectors than it; staggered rows need fewer in open rooms, about a fifth fewer
 * once the room is a dozen coverage radii across.
 *
 * In an infeasible room (no open tile reaches a point) it still covers the point from the free
 * tile farthest from the diffusers; `checkSmokeDetection` then reports the clearance shortfall.
 *
 * @returns the model name and the new detector tiles (row-major indices, ascending).
 */
export function placeSmokeDetectors(room: Room, options: ExactStageOptions = {}): StagePlacement {
  const grid = checkPointGrid(room);
  const radiusHalfTiles = coverageRadiusHalfTiles(room);
  const disk = halfDisk(radiusHalfTiles);
  const sites = detectorSites(room);
  const existing: number[] = [];
  for (let t = 0; t < room.tiles.length; t++) if (room.tiles[t] === SMOKE_DETECTOR) existing.push(t);
  const cover = new DetectorCover(room, grid, disk, sites, existing);
  if (cover.coversAll()) return { model: SMOKE_DETECTION_MODEL, tiles: [], lowerBound: 0 };

  const box = roomBox(room);
  const { cols } = room;
  // Staggered rows are tried first: in larger rooms they win, and an early good count lets the
  // others give up sooner. On equal counts the tidier layout wins (lower rank).
  const candidates: { tiles: number[]; rank: number }[] = staggeredCandidates(box, cols, radiusHalfTiles / 2);
  const boxArray = bestRegularArray(room, sites.allowed, { coverBoundingBox: true });
  if (boxArray) {
    candidates.push({ tiles: boxArray.rows.flatMap((r) => boxArray.cols.map((c) => r * cols + c)), rank: 1 });
  }
  // The reference of the rules, the best regular array with the existing detectors kept, is
  // searched directly on rectangles without existing detectors, where it is cheap; elsewhere
  // it is searched below, only among arrays no larger than the best candidate.
  const direct = box.rectangular && existing.length === 0;
  const regular = direct ? bestRegularArray(room, sites.allowed, { existing }) : undefined;
  if (regular) candidates.push({ tiles: [...regular.tiles], rank: 0 });
  if (grid.height * grid.width <= GREEDY_LATTICE_LIMIT) candidates.push({ tiles: [], rank: 3 });

  let best: number[] | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  // Several candidates often snap to the same detectors (slacks that change no row count, for
  // one); repair and prune depend only on the snapped layout, so each layout is worked once.
  const worked: WorkedLayout[] = [];
  for (const { tiles: proposal, rank } of candidates) {
    const snapped = cover.snapped(proposal, SNAP_OFFSETS.dr, SNAP_OFFSETS.dc);
    // A candidate far above the best so far will not win after pruning: stop repairing it.
    const limit = best
      ? existing.length + Math.ceil(best.length * (1 + GIVE_UP_MARGIN))
      : Number.POSITIVE_INFINITY;
    const seen = worked.find((w) => sameTiles(w.snapped, snapped));
    let placed: number[];
    if (seen) {
      // The limit only ever tightens, so a layout that gave up gives up again; one that
      // finished does so again unless the new limit stops it at a count it reached.
      if (!seen.placed || seen.peak > limit) continue;
      placed = seen.placed;
    } else {
      const entry: WorkedLayout = { snapped, placed: undefined, peak: 0 };
      worked.push(entry);
      cover.reset();
      for (const t of snapped) cover.add(t);
      const done = cover.repair(limit);
      entry.peak = cover.repairPeak;
      if (!done) continue;
      cover.prune();
      placed = cover.newDetectors();
      entry.placed = placed;
    }
    if (!best || placed.length < best.length || (placed.length === best.length && rank < bestRank)) {
      best = placed;
      bestRank = rank;
    }
  }
  if (!direct) best = withBoundedRegularArray(room, sites.allowed, existing, cover, best);
  // The winner, polished: spare detectors whose gap a neighbour's nudge closes are dropped.
  cover.reset();
  for (const t of best ?? []) cover.add(t);
  cover.dropByNudging();
  const heuristic = cover.newDetectors();
  return solveExactly(room, options, sites.allowed, heuristic, cover);
}

/** Staggered-row layouts of the bounding box for every slack and both orientations, snapped to tiles (rank 2). */
function staggeredCandidates(
  box: ReturnType<typeof roomBox>,
  cols: number,
  radius: number,
): { tiles: number[]; rank: number }[] {
  const toTile = (y: number, x: number) => {
    const r = Math.min(box.top + box.height - 1, Math.max(box.top, Math.floor(y)));
    const c = Math.min(box.left + box.width - 1, Math.max(box.left, Math.floor(x)));
    return r * cols + c;
  };
  const candidates: { tiles: number[]; rank: number }[] = [];
  for (const slack of SLACKS) {
    for (const across of [true, false]) {
      const [w, h] = across ? [box.width, box.height] : [box.height, box.width];
      for (const shape of staggeredShapes(w, h, radius - slack, SHAPES_PER_SLACK)) {
        const points = staggeredPoints(box, shape, radius - slack, across);
        candidates.push({ tiles: points.map(([y, x]) => toTile(y, x)), rank: 2 });
      }
    }
  }
  return candidates;
}

/**
 * The best layout so far, or the best regular array with the existing detectors kept (among
 * arrays no larger than the best), repaired and pruned, when it has no more new detectors.
 */
function withBoundedRegularArray(
  room: Room,
  allowed: Uint8Array,
  existing: readonly number[],
  cover: DetectorCover,
  best: number[] | undefined,
): number[] | undefined {
  const worst = best ? best.length : Number.POSITIVE_INFINITY;
  const bounded = bestRegularArray(room, allowed, { existing, maxSize: worst });
  if (bounded && bounded.tiles.length <= worst) {
    cover.reset();
    for (const t of bounded.tiles) cover.add(t);
    if (cover.repair()) {
      cover.prune();
      const placed = cover.newDetectors();
      if (!best || placed.length <= best.length) return placed;
    }
  }
  return best;
}

/** Check points the packing bound of rooms too big to solve looks at, at most. */
const PACKING_POINTS = 20_000;

/**
 * A proven bound from coverage alone, cheap enough for any room: check points (a sample of
 * them on the largest rooms) whose candidate tiles within 0.7·S are pairwise disjoint each need
 * a detector of their own ({@link packingLowerBound}). Points existing detectors cover need none.
 */
function detectorPackingBound(room: Room, allowed: Uint8Array): number {
  const { rows, cols, tiles } = room;
  const grid = checkPointGrid(room);
  const { limit } = halfDisk(coverageRadiusHalfTiles(room));
  const reach = Math.floor(Math.sqrt(limit) / 2) + 1;
  const near = (y: number, x: number, visit: (t: number) => void) => {
    const r0 = Math.floor((y - 1) / 2);
    const c0 = Math.floor((x - 1) / 2);
    for (let r = Math.max(0, r0 - reach); r <= Math.min(rows - 1, r0 + reach + 1); r++) {
      for (let c = Math.max(0, c0 - reach); c <= Math.min(cols - 1, c0 + reach + 1); c++) {
        if ((2 * c + 1 - x) ** 2 + (2 * r + 1 - y) ** 2 <= limit) visit(r * cols + c);
      }
    }
  };
  const stride = 2 * Math.max(1, Math.ceil(Math.sqrt(grid.count / PACKING_POINTS)));
  const points: number[] = [];
  for (let y = 0; y < grid.height; y += stride) {
    for (let x = 0; x < grid.width; x += stride) {
      const p = y * grid.width + x;
      if (!grid.mask[p]) continue;
      let covered = false;
      near(y, x, (t) => {
        if (tiles[t] === SMOKE_DETECTOR) covered = true;
      });
      if (!covered) points.push(p);
    }
  }
  return packingLowerBound(
    points,
    (p, visit) =>
      near(Math.floor(p / grid.width), p % grid.width, (t) => {
        if (allowed[t]) visit(t);
      }),
    tiles.length,
  );
}

/**
 * The exact solve, warm-started from the heuristic layout: its layout when it needs fewer
 * detectors, and its proven bound either way. Rooms with more candidate tiles than the budget
 * allows keep the heuristic layout and the packing bound.
 */
function solveExactly(
  room: Room,
  options: ExactStageOptions,
  allowed: Uint8Array,
  heuristic: number[],
  cover: DetectorCover,
): StagePlacement {
  const budget = solverBudget(options.solver);
  const repair = (tiles: number[]) => {
    cover.reset();
    for (const t of tiles) cover.add(t);
    if (!cover.repair()) return undefined;
    cover.prune();
    return cover.newDetectors();
  };
  const { programme, candidates } = smokeDetectionProgramme(room, allowed, heuristic, repair);
  if (candidates.length > budget.maxVariables) {
    return {
      model: SMOKE_DETECTION_MODEL,
      tiles: heuristic,
      lowerBound: detectorPackingBound(room, allowed),
    };
  }
  const solved = solveCoveringProgramme(programme, budget, options.now);
  const lowerBound = Number.isFinite(solved.lowerBound) ? solved.lowerBound : 0;
  if (!solved.solution || solved.count >= heuristic.length) {
    return { model: SMOKE_DETECTION_MODEL, tiles: heuristic, lowerBound };
  }
  const tiles = candidates.filter((_, j) => solved.solution![j] === 1);
  return { model: EXACT_SMOKE_DETECTION_MODEL, tiles, lowerBound };
}

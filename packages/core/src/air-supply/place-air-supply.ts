import { solveCoveringProgramme } from '../exact/covering-solve.js';
import { type ExactStageOptions, solverBudget } from '../exact/solver-budget.js';
import { diskOffsets, forEachTileInDisk } from '../geometry/disk-offsets.js';
import { atLeastLimit, withinLimit } from '../geometry/tolerance.js';
import { packingLowerBound } from '../placement/packing-bound.js';
import type { StagePlacement } from '../placement/stage-placement.js';
import type { Room } from '../room/room.js';
import { roomBox } from '../room/room-box.js';
import { tilesOfKind } from '../room/room-with-devices.js';
import { TileKind } from '../room/tile-kind.js';
import { airDemand } from './air-demand.js';
import { airSupplyProgramme } from './air-supply-programme.js';
import { fitDiffuserLattice } from './diffuser-lattice.js';
import { DiffuserPlan } from './diffuser-plan.js';
import { regularDiffuserArray } from './regular-diffuser-array.js';
import { type DiffuserService, evennessOf, serveTiles } from './served-area.js';
import { ServedAreaTracker } from './served-area-tracker.js';

const OUTSIDE: number = TileKind.Outside;
const FREE: number = TileKind.Free;

/** Name of the air-supply model in results and metrics. */
export const AIR_SUPPLY_MODEL = 'lattice-relax';
/** The model name when the exact solve found fewer diffusers than the lattice. */
export const EXACT_AIR_SUPPLY_MODEL = 'lattice-relax+mip';

/** Lloyd steps; served areas settle within a few, and each costs one pass over the room. */
const RELAX_STEPS = 2;
/**
 * Tile visits the final polish may spend, per room tile and in all: small rooms settle within a
 * few hundred moves, the largest get part of a pass, keeping the model within its time budget.
 */
const POLISH_VISITS_PER_TILE = 150;
const POLISH_VISITS_MIN = 200_000;
const POLISH_VISITS_MAX = 2_000_000;
/** How far (tiles, Euclidean) one polish move takes a diffuser. */
const POLISH_STEP = 2;
/** Smallest evenness gain a polish move must bring; below it the layout has settled. */
const POLISH_MIN_GAIN = 1e-6;
/** Points the packing bound of rooms too big to solve looks at, at most. */
const PACKING_POINTS = 20_000;
/** Uncovered tiles sampled when scoring a repair site: enough to rank sites, bounded cost. */
const GAIN_SAMPLE = 256;

/**
 * Places new air supply diffusers on free tiles of `room` (which already holds the selected
 * lights and any existing diffusers, return grilles and detectors), aiming at RULES §4:
 * enough diffusers for the airflow, every room tile centre within the coverage radius, the
 * minimum spacing between diffusers, and clearance from existing smoke detectors.
 *
 * Model `lattice-relax`: a rectangular lattice fitted to both coverage and count, snapped to
 * allowed tiles; uncovered tiles repaired greedily, missing count added in the largest gaps,
 * surplus dropped, then a few Lloyd steps (each diffuser towards the centroid of the tiles it
 * serves) keeping the most even layout seen. Every step keeps spacing and clearance; moves never
 * uncover a tile. When the rules cannot all be met it still returns its best effort, and
 * `checkAirSupply` says what is missing.
 *
 * @returns the model name and the new diffuser tiles (row-major indices, ascending).
 */
export function placeAirSupply(room: Room, options: ExactStageOptions = {}): StagePlacement {
  const plan = new DiffuserPlan(room);
  const { requiredCount } = airDemand(room);
  if (plan.count >= requiredCount && everyTileCovered(plan)) {
    return { model: AIR_SUPPLY_MODEL, tiles: [], lowerBound: 0 };
  }
  placeLattice(plan, requiredCount);
  repairCoverage(plan);
  repairCount(plan, requiredCount);
  pruneSurplus(plan, requiredCount);
  const relaxed = relax(plan, RELAX_STEPS);
  let heuristic = polish(room, relaxed.tiles, relaxed.service);
  const airflowMinimum = Math.max(0, requiredCount - tilesOfKind(room, TileKind.AirSupply).length);
  // The textbook regular array is the yardstick: when it needs fewer, it is the start.
  const regular = regularDiffuserArray(room, airflowMinimum, heuristic.length - 1);
  if (regular) heuristic = polish(room, regular, serveAll(room, regular, plan));
  const budget = solverBudget(options.solver);
  const { programme, candidates } = airSupplyProgramme(room, heuristic);
  if (candidates.length > budget.maxVariables) {
    const packing = coveragePackingBound(room, candidates, Math.sqrt(plan.radius2));
    return { model: AIR_SUPPLY_MODEL, tiles: heuristic, lowerBound: Math.max(airflowMinimum, packing) };
  }
  const solved = solveCoveringProgramme(programme, budget, options.now);
  const lowerBound = Math.max(airflowMinimum, solved.lowerBound);
  // The solver's layout only when it saves a diffuser: on equal counts the heuristic's is the
  // more even one. Then it is evened out the same way.
  if (!solved.solution || solved.count >= heuristic.length) {
    return { model: AIR_SUPPLY_MODEL, tiles: heuristic, lowerBound };
  }
  const fewer = candidates.filter((_, j) => solved.solution![j] === 1);
  return {
    model: EXACT_AIR_SUPPLY_MODEL,
    tiles: polish(room, fewer, serveAll(room, fewer, plan)),
    lowerBound,
  };
}

/**
 * A proven bound from coverage alone, cheap enough for any room: room tiles (a sample of them
 * on the largest rooms) whose candidate tiles within the radius are pairwise disjoint each need
 * a diffuser of their own ({@link packingLowerBound}). Tiles existing diffusers cover need none.
 */
function coveragePackingBound(room: Room, candidates: readonly number[], radius: number): number {
  const { rows, cols, tiles } = room;
  const isCandidate = new Uint8Array(tiles.length);
  for (const t of candidates) isCandidate[t] = 1;
  const disk = diskOffsets(Math.min(radius, rows + cols));
  const around = (tile: number, visit: (t: number) => void) =>
    forEachTileInDisk(tile, rows, cols, disk, visit);
  const covered = new Uint8Array(tiles.length);
  for (let t = 0; t < tiles.length; t++)
    if (tiles[t] === TileKind.AirSupply) around(t, (u) => (covered[u] = 1));
  const stride = Math.max(1, Math.ceil(Math.sqrt(tiles.length / PACKING_POINTS)));
  const points: number[] = [];
  for (let r = 0; r < rows; r += stride) {
    for (let c = 0; c < cols; c += stride) {
      const t = r * cols + c;
      if (tiles[t] !== OUTSIDE && !covered[t]) points.push(t);
    }
  }
  return packingLowerBound(
    points,
    (point, visit) =>
      around(point, (t) => {
        if (isCandidate[t]) visit(t);
      }),
    tiles.length,
  );
}

/** The served-area map of new diffusers on `tiles` with the room's existing ones. */
function serveAll(room: Room, tiles: readonly number[], plan: DiffuserPlan): DiffuserService {
  const all = [...tiles];
  for (let t = 0; t < room.tiles.length; t++) if (room.tiles[t] === TileKind.AirSupply) all.push(t);
  return serveTiles(
    room,
    all.sort((a, b) => a - b),
    Math.sqrt(plan.radius2),
  );
}

function everyTileCovered(plan: DiffuserPlan): boolean {
  const { tiles } = plan.room;
  for (let t = 0; t < tiles.length; t++) if (tiles[t] !== OUTSIDE && plan.cover[t] === 0) return false;
  return true;
}

/** Lays the fitted lattice, each point on the nearest tile that keeps every rule. */
function placeLattice(plan: DiffuserPlan, requiredCount: number): void {
  const { rows, cols } = plan.room;
  const { top, left, height, width, roomTiles } = roomBox(plan.room);
  const lattice = fitDiffuserLattice({
    top,
    left,
    height,
    width,
    fill: roomTiles / (height * width),
    count: Math.max(0, requiredCount - plan.count),
    coverageRadius: Math.sqrt(plan.radius2),
    minSpacing: Math.sqrt(plan.spacing2),
  });
  const pitch = Math.min(minGap(lattice.rows, height), minGap(lattice.cols, width));
  // Snap no farther than a third of the pitch, so a snapped point still sits in its own cell.
  const snap = diskOffsets(Math.max(1.5, pitch / 3));
  for (const r of lattice.rows) {
    for (const c of lattice.cols) {
      for (let k = 0; k < snap.dr.length; k++) {
        const rr = r + snap.dr[k];
        const cc = c + snap.dc[k];
        if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
        if (plan.canPlace(rr * cols + cc)) {
          plan.add(rr * cols + cc);
          break;
        }
      }
    }
  }
}

function minGap(lines: readonly number[], extent: number): number {
  let gap = extent;
  for (let i = 1; i < lines.length; i++) gap = Math.min(gap, lines[i] - lines[i - 1]);
  return gap;
}

/**
 * Covers every tile the lattice left uncovered: for the first uncovered tile in row-major order,
 * the allowed site within reach that covers the most uncovered tiles around it. A tile no
 * allowed site can reach is given up (the check will report it).
 */
function repairCoverage(plan: DiffuserPlan): void {
  const { rows, cols, tiles } = plan.room;
  const { coverDisk, cover, radius2 } = plan;
  const reach = Math.ceil(Math.sqrt(radius2));
  const coverLimit = withinLimit(radius2);
  const hopeless = new Uint8Array(rows * cols);
  const sample: number[] = [];
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] === OUTSIDE || cover[t] > 0 || hopeless[t]) continue;
    const r = Math.floor(t / cols);
    const c = t % cols;
    // Uncovered tiles a site covering t could also cover.
    sample.length = 0;
    for (let rr = Math.max(0, r - 2 * reach); rr <= Math.min(rows - 1, r + 2 * reach); rr++) {
      for (let cc = Math.max(0, c - 2 * reach); cc <= Math.min(cols - 1, c + 2 * reach); cc++) {
        const u = rr * cols + cc;
        if (tiles[u] !== OUTSIDE && cover[u] === 0 && !hopeless[u]) sample.push(u);
      }
    }
    const stride = Math.ceil(sample.length / GAIN_SAMPLE);
    let best = -1;
    let bestGain = -1;
    for (let k = 0; k < coverDisk.dr.length; k++) {
      const sr = r + coverDisk.dr[k];
      const sc = c + coverDisk.dc[k];
      if (sr < 0 || sr >= rows || sc < 0 || sc >= cols || !plan.canPlace(sr * cols + sc)) continue;
      let gain = 0;
      for (let i = 0; i < sample.length; i += stride) {
        const u = sample[i];
        const dr = Math.floor(u / cols) - sr;
        const dc = (u % cols) - sc;
        if (dr * dr + dc * dc <= coverLimit) gain++;
      }
      if (gain > bestGain) {
        bestGain = gain;
        best = sr * cols + sc;
      }
    }
    if (best < 0) hopeless[t] = 1;
    else plan.add(best);
  }
}

/** Adds diffusers until the airflow is met, each in the largest gap (farthest from any diffuser). */
function repairCount(plan: DiffuserPlan, requiredCount: number): void {
  if (plan.count >= requiredCount) return;
  const { rows, cols, tiles } = plan.room;
  const nearestD2 = serveTiles(plan.room, plan.allTiles(), Math.sqrt(plan.radius2)).nearestD2;
  const spacingLimit = atLeastLimit(plan.spacing2);
  while (plan.count < requiredCount) {
    let best = -1;
    let bestD2 = -1;
    let maxD2 = 0;
    for (let t = 0; t < tiles.length; t++) {
      if (tiles[t] === OUTSIDE) continue;
      maxD2 = Math.max(maxD2, nearestD2[t]);
      if (!plan.allowed[t] || tiles[t] !== FREE || nearestD2[t] <= bestD2) continue;
      if (!(nearestD2[t] >= spacingLimit) || !plan.canPlace(t)) continue;
      best = t;
      bestD2 = nearestD2[t];
    }
    if (best < 0) return;
    plan.add(best);
    const r = Math.floor(best / cols);
    const c = best % cols;
    const reach = Number.isFinite(maxD2) ? Math.ceil(Math.sqrt(maxD2)) : Math.max(rows, cols);
    for (let rr = Math.max(0, r - reach); rr <= Math.min(rows - 1, r + reach); rr++) {
      for (let cc = Math.max(0, c - reach); cc <= Math.min(cols - 1, c + reach); cc++) {
        const u = rr * cols + cc;
        nearestD2[u] = Math.min(nearestD2[u], (rr - r) ** 2 + (cc - c) ** 2);
      }
    }
  }
}

/** Drops new diffusers beyond the required count whose tiles all stay covered without them. */
function pruneSurplus(plan: DiffuserPlan, requiredCount: number): void {
  const ids = plan.liveIds().filter((id) => !plan.fixed[id]);
  for (let i = ids.length - 1; i >= 0 && plan.count > requiredCount; i--) {
    if (plan.coveredTwiceAround(plan.position[ids[i]])) plan.remove(ids[i]);
  }
}

/**
 * Lloyd-style relaxation: each new diffuser moves to the allowed tile nearest the centroid of
 * the tiles it serves, if that keeps spacing, clearance and coverage. Returns the new tiles of
 * the most even layout seen (the starting one included), so relaxing never makes things worse,
 * with its {@link serveTiles} answer (every diffuser, ascending) for the polish to start from.
 */
function relax(plan: DiffuserPlan, steps: number): { tiles: number[]; service: DiffuserService } {
  const { room, cols } = plan;
  let bestTiles = plan.newTiles();
  let bestService: DiffuserService | undefined;
  let bestEvenness = -1;
  const idAt = new Int32Array(room.rows * cols).fill(-1);
  // Centroid sums by plan id (no diffuser is added while relaxing).
  const sumR = new Float64Array(plan.position.length);
  const sumC = new Float64Array(plan.position.length);
  const served = new Int32Array(plan.position.length);
  for (let step = 0; step <= steps; step++) {
    const all = plan.allTiles();
    for (const id of plan.liveIds()) idAt[plan.position[id]] = id;
    const service = serveTiles(room, all, Math.sqrt(plan.radius2));
    const evenness = evennessOf(service.servedTiles);
    if (evenness > bestEvenness + 1e-12) {
      bestEvenness = evenness;
      bestTiles = plan.newTiles();
      bestService = service;
    }
    if (step === steps) break;
    // Centroid of each diffuser's tiles, by plan id.
    sumR.fill(0);
    sumC.fill(0);
    served.fill(0);
    for (let r = 0, t = 0; r < room.rows; r++) {
      for (let c = 0; c < cols; c++, t++) {
        const owner = service.owner[t];
        if (owner < 0) continue;
        const id = idAt[all[owner]];
        sumR[id] += r;
        sumC[id] += c;
        served[id]++;
      }
    }
    for (const t of all) idAt[t] = -1;
    let moved = 0;
    for (const id of plan.liveIds()) {
      if (plan.fixed[id] || served[id] === 0) continue;
      if (moveTowards(plan, id, sumR[id] / served[id], sumC[id] / served[id])) moved++;
    }
    if (moved === 0) break;
  }
  // Step 0 always sets the best, so its service is there.
  return { tiles: bestTiles, service: bestService as DiffuserService };
}

/**
 * Hill-climbs evenness directly: tries each new diffuser on the tiles within two tiles of it and
 * keeps the best move that improves evenness and keeps every rule, until no move helps or the
 * budget runs out. Catches what centroid steps miss near existing diffusers and odd shapes.
 */
function polish(room: Room, start: readonly number[], service: DiffuserService): number[] {
  const plan = new DiffuserPlan(room);
  for (const t of start) plan.add(t);
  const tracker = new ServedAreaTracker(room, plan.allTiles(), Math.sqrt(plan.radius2), service);
  if (!tracker.fullyCovered) return plan.newTiles();
  const steps = diskOffsets(POLISH_STEP);
  const { rows, cols } = plan;
  let current = tracker.evenness;
  const budget = Math.min(
    POLISH_VISITS_MAX,
    Math.max(POLISH_VISITS_MIN, POLISH_VISITS_PER_TILE * room.tiles.length),
  );
  // Visits since the last move. A visit depends only on the layout, so once every movable
  // diffuser has been visited since the last move, each would find what it found then (no
  // move): the layout has settled, and the remaining rounds could not change it.
  const movable = plan.liveIds().filter((id) => !plan.fixed[id]).length;
  let quiet = 0;
  let improved = true;
  while (improved && tracker.visits < budget && quiet < movable) {
    improved = false;
    for (const id of plan.liveIds()) {
      if (plan.fixed[id] || tracker.visits >= budget) continue;
      if (quiet >= movable) break;
      quiet++;
      const from = plan.position[id];
      const fromRow = Math.floor(from / cols);
      const fromCol = from % cols;
      tracker.startMoves(from, plan.diffusersNear(from, 2 * tracker.reach + 2), POLISH_STEP);
      plan.noteSoleCover(id, POLISH_STEP);
      let bestTile = -1;
      let bestEvenness = current + POLISH_MIN_GAIN;
      for (let k = 1; k < steps.dr.length; k++) {
        const r = fromRow + steps.dr[k];
        const c = fromCol + steps.dc[k];
        if (r < 0 || r >= rows || c < 0 || c >= cols) continue;
        const t = r * cols + c;
        if (!plan.soleCoverWithin(t) || !plan.canPlace(t, id)) continue;
        const evenness = tracker.evennessAfterMove(t);
        if (evenness > bestEvenness) {
          bestEvenness = evenness;
          bestTile = t;
        }
      }
      if (bestTile >= 0 && plan.tryMove(id, bestTile)) {
        current = tracker.commitMove(bestTile);
        improved = true;
        quiet = 0;
      }
    }
  }
  return plan.newTiles();
}

/** Scratch of {@link moveTowards}: the 3×3 tiles around a centroid, nearest first. */
const optionD2 = new Float64Array(9);
const optionTile = new Int32Array(9);

/** Moves diffuser `id` to the best tile around centroid `(y, x)` that keeps every rule. */
function moveTowards(plan: DiffuserPlan, id: number, y: number, x: number): boolean {
  const { rows, cols } = plan;
  const cy = Math.round(y);
  const cx = Math.round(x);
  let options = 0;
  for (let r = cy - 1; r <= cy + 1; r++) {
    for (let c = cx - 1; c <= cx + 1; c++) {
      if (r < 0 || r >= rows || c < 0 || c >= cols) continue;
      // Insertion by (distance, tile): nearest first, ties to the first tile in row-major order.
      const d2 = (r - y) ** 2 + (c - x) ** 2;
      const t = r * cols + c;
      let k = options++;
      for (; k > 0 && (optionD2[k - 1] > d2 || (optionD2[k - 1] === d2 && optionTile[k - 1] > t)); k--) {
        optionD2[k] = optionD2[k - 1];
        optionTile[k] = optionTile[k - 1];
      }
      optionD2[k] = d2;
      optionTile[k] = t;
    }
  }
  for (let k = 0; k < options; k++) {
    const t = optionTile[k];
    if (t === plan.position[id]) return false;
    if (plan.canPlace(t, id) && plan.tryMove(id, t)) return true;
  }
  return false;
}

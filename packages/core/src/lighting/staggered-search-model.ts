import type { Room } from '../room/room.js';
import { type RoomBox, roomBox } from '../room/room-box.js';
import { TileKind } from '../room/tile-kind.js';
import { lightConfidence } from './check-lighting.js';
import { FreeTileFinder } from './free-tile-finder.js';
import {
  addAtWeakestPoints,
  averageTargetReachable,
  everyFreeTile,
  type FinishedLayout,
  finishLayout,
  type LightPlanContext,
  lightPlanContext,
  pruneLights,
} from './layout-refinement.js';
import type { LightField } from './light-field.js';
import type { LightModelOptions } from './light-model-options.js';
import { improveLayout } from './local-search.js';
import type { Photometry } from './photometry.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const OUTSIDE: number = TileKind.Outside;

/**
 * Work the local search may spend, in field updates (tile visits): enough to run to a local
 * optimum on rooms of a few thousand tiles, a bounded share of the time on the largest.
 */
const LOCAL_SEARCH_WORK = 30_000_000;

/**
 * Field updates (tile visits) the candidate lattices may spend: all nine on rooms of a few
 * thousand tiles, the few nearest the average-matching pitch on larger ones (where they
 * differ by hundredths of a lux anyway and the local search evens them out).
 */
const CANDIDATE_WORK = 2_500_000;

/** Rooms up to this many grid tiles get the exact finish from every candidate lattice. */
const SMALL_ROOM_TILES = 4000;

/** Row spacing of a hexagonal lattice as a share of its pitch: √3 / 2. */
const HEX_ROW_RATIO = Math.sqrt(3) / 2;

interface LatticeLayout {
  readonly pitch: number;
  readonly tiles: readonly number[];
  readonly averageLux: number;
  readonly compliant: boolean;
}

/**
 * `staggered-search`: staggered (hexagonal) rows of lights clipped to the room's own tiles,
 * so L and U shapes and columns get lights where the floor is rather than where a bounding-box
 * array would put them.
 *
 * 1. Density: the pitch is bisected for the sparsest lattice whose (exact, cheap) average
 *    reaches the target.
 * 2. Candidates: lattices a few percent either side of it, each completed by lights at its
 *    weakest points (walls, corners, columns) and pruned, on the windowed lower-bound field.
 * 3. Local search from the best candidate (every distinct one on small rooms), exactly
 *    re-synced: prune, remove-and-shift a neighbour toward the weak point, move lights to
 *    neighbours that add less to the average; the exact verdict then decides, and the most
 *    confident finished layout wins.
 */
export function placeLightsStaggeredSearch(room: Room, options: LightModelOptions = {}): number[] {
  const context = lightPlanContext(room, options.photometry);
  if (context.field.meetsTargets()) return [];
  if (!averageTargetReachable(context)) return everyFreeTile(context);
  const { photometry, field } = context;
  const bounds = roomBox(room);

  const existing = context.existingLights;

  // The average of any layout is exact and cheap (each tile's share is precomputed), so the
  // pitch is first bisected for the sparsest lattice whose average reaches the target.
  const maxPitch = 2 * Math.max(bounds.height, bounds.width);
  const averageAt = (pitch: number) =>
    field.averageLuxOf([...existing, ...latticeTiles(context, bounds, pitch)]);
  let dense = 0.5;
  let sparse = maxPitch;
  if (averageAt(sparse) >= photometry.targetLux) dense = sparse;
  for (let step = 0; step < 40 && sparse - dense > 1e-3; step++) {
    const mid = (dense + sparse) / 2;
    if (averageAt(mid) >= photometry.targetLux) dense = mid;
    else sparse = mid;
  }

  // Uniformity needs the field: pitches around that one, each completed by lights at its
  // weakest points (walls and corners first) and pruned, on the cheap windowed field (a lower
  // bound, so every step errs safe), and scored by the exact average.
  const candidates: LatticeLayout[] = [];
  const tried = new Set<string>();
  let work = 0;
  for (const factor of [1, 0.98, 1.02, 0.96, 1.04, 0.94, 1.06, 0.92, 1.08]) {
    const pitch = dense * factor;
    const lattice = latticeTiles(context, bounds, pitch);
    // Nearby pitches often round to the same lattice on small rooms.
    const key = lattice.join(',');
    if (tried.has(key)) continue;
    tried.add(key);
    if (candidates.length > 0 && work > CANDIDATE_WORK) break;
    work += lattice.length * field.windowArea();
    field.resetWindowed([...existing, ...lattice]);
    const placed = [...lattice, ...addAtWeakestPoints(context)];
    pruneLights(field, pruneOrder(field, placed));
    candidates.push({
      pitch,
      tiles: placed.filter((tile) => field.lights[tile]),
      averageLux: field.averageLux(),
      compliant: field.meetsTargets(),
    });
  }
  candidates.sort(
    (a, b) =>
      Number(b.compliant) - Number(a.compliant) ||
      a.averageLux - b.averageLux ||
      a.tiles.length - b.tiles.length ||
      b.pitch - a.pitch,
  );
  // Small rooms can afford the exact finish and local search from every distinct candidate;
  // large ones from the best only.
  const seen = new Set<string>();
  const starts = candidates.filter((c) => {
    const key = c.tiles.join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const finishes = room.rows * room.cols <= SMALL_ROOM_TILES ? starts.length : 1;
  let best: FinishedLayout | undefined;
  for (const start of starts.slice(0, finishes)) {
    field.reset([...existing, ...start.tiles]);
    const finished = finishLayout(
      context,
      (f) => pruneOrder(f, start.tiles),
      (c) => improveLayout(c, LOCAL_SEARCH_WORK / finishes),
    );
    if (!best || betterLayout(photometry, finished, best)) best = finished;
  }
  return best!.tiles;
}

/**
 * RULES §4 ranking of two finished layouts: the higher confidence (compliant first, then
 * fewer lights: any common bound ranks counts alike), then the higher U0.
 */
function betterLayout(photometry: Photometry, a: FinishedLayout, b: FinishedLayout): boolean {
  const ca = lightConfidence(a.metrics, photometry, 1);
  const cb = lightConfidence(b.metrics, photometry, 1);
  return ca > cb || (ca === cb && a.metrics.uniformity > b.metrics.uniformity);
}

/** Lights that add the most to the average go first: removing one of them saves the most. */
function pruneOrder(field: LightField, tiles: readonly number[]): number[] {
  const share = new Map<number, number>();
  for (const tile of tiles) share.set(tile, field.contributionLux(tile));
  return [...tiles].sort((a, b) => share.get(b)! - share.get(a)! || a - b);
}

/**
 * Staggered lattice of the given pitch (tile edges) over the bounding box: rows √3/2·pitch
 * apart, every other row shifted by half a pitch, evenly spread to fill the box. Each position
 * on a room tile snaps to the nearest free tile; off the room it takes a free tile within a
 * third of a pitch or is dropped.
 */
function latticeTiles(context: LightPlanContext, bounds: RoomBox, pitch: number): number[] {
  const { room } = context;
  const { height: boxRows, width: boxCols } = bounds;
  const taken = new Uint8Array(room.rows * room.cols);
  const finder = new FreeTileFinder(room, taken);
  const rowCount = Math.max(1, Math.round(boxRows / (pitch * HEX_ROW_RATIO)));
  const colCount = Math.max(1, Math.round(boxCols / pitch));
  const pitchY = boxRows / rowCount;
  const pitchX = boxCols / colCount;
  const reach = Math.max(0.75, pitch / 3);
  const tiles: number[] = [];
  for (let i = 0; i < rowCount; i++) {
    const y = bounds.top + (i + 0.5) * pitchY;
    // Even rows sit in the middle of their cells; odd rows between them, one fewer.
    const shifted = i % 2 === 1 && colCount > 1;
    const count = shifted ? colCount - 1 : colCount;
    for (let j = 0; j < count; j++) {
      const x = bounds.left + (j + (shifted ? 1 : 0.5)) * pitchX;
      const base = Math.floor(y) * room.cols + Math.min(room.cols - 1, Math.floor(x));
      const inside = room.tiles[base] !== OUTSIDE;
      const tile = finder.nearestToPoint(y, x, inside ? Number.POSITIVE_INFINITY : reach);
      if (tile < 0) continue;
      taken[tile] = 1;
      tiles.push(tile);
    }
  }
  return tiles;
}

import { forEachTileInDisk } from '../geometry/disk-offsets.js';
import { packingLowerBound } from '../placement/packing-bound.js';
import { TileKind } from '../room/tile-kind.js';
import type { Photometry } from './photometry.js';
import { spacingReachOffsets } from './spacing-reach.js';

const FREE: number = TileKind.Free;
const LIGHT: number = TileKind.Light;

/** Proven lower bounds on the lights of a room (existing lights included). */
export interface LightCountBounds {
  /** Lights already on the input. */
  readonly existing: number;
  /**
   * RULES §4 N_lb: existing lights plus the smallest k such that the k largest per-tile
   * shares of the average (direct share plus E_r) with the existing lights' reach the target.
   * `Infinity` when even every free tile falls short.
   */
  readonly average: number;
  /**
   * Existing lights plus the number of unreached task points whose candidate tiles within the
   * spacing reach are pairwise disjoint ({@link packingLowerBound}); the existing count when
   * the criterion is off.
   */
  readonly spacing: number;
  /** The larger of the two: what the room needs at the least. */
  readonly best: number;
}

/**
 * The bounds of each room, keyed by its kernel table, which every photometry of the same room
 * shares (`new Photometry(room, sameRoom)`): the models, the stage and the check of one run ask
 * for them up to seven times, at ~0.1 s each on a 300 × 300 room.
 */
const boundsByRoom = new WeakMap<Float64Array, LightCountBounds>();

/** The cheap proven lower bounds on a room's light count, from its photometry alone. */
export function lightCountBounds(photometry: Photometry): LightCountBounds {
  let bounds = boundsByRoom.get(photometry.kernel);
  if (!bounds) {
    bounds = computeLightCountBounds(photometry);
    boundsByRoom.set(photometry.kernel, bounds);
  }
  return bounds;
}

function computeLightCountBounds(photometry: Photometry): LightCountBounds {
  const { room, taskPoints, directScale, reflectedPerLight, targetLux } = photometry;
  const candidates: number[] = [];
  const existingTiles: number[] = [];
  for (let t = 0; t < room.tiles.length; t++) {
    if (room.tiles[t] === FREE || room.tiles[t] === LIGHT) candidates.push(t);
    if (room.tiles[t] === LIGHT) existingTiles.push(t);
  }
  const coverage = photometry.roomTileCoverage(candidates);
  const share = (i: number) => (directScale * coverage[i]) / taskPoints.length + reflectedPerLight;
  let sum = 0;
  const freeShares: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (room.tiles[candidates[i]] === LIGHT) sum += share(i);
    else freeShares.push(share(i));
  }
  freeShares.sort((a, b) => b - a);
  let average = existingTiles.length;
  // The shares are exact sums; a target met to within rounding is met.
  const target = targetLux * (1 - 1e-12);
  if (sum < target) {
    average = Number.POSITIVE_INFINITY;
    for (let k = 0; k < freeShares.length; k++) {
      sum += freeShares[k];
      if (sum >= target) {
        average = existingTiles.length + k + 1;
        break;
      }
    }
  }
  const spacing = existingTiles.length + spacingPackingBound(photometry, existingTiles);
  return { existing: existingTiles.length, average, spacing, best: Math.max(average, spacing) };
}

/** New lights the spacing criterion alone forces: a packing of unreached task points. */
function spacingPackingBound(photometry: Photometry, existing: readonly number[]): number {
  const offsets = spacingReachOffsets(photometry);
  if (!offsets) return 0;
  const { rows, cols, taskPoints, room } = photometry;
  const forEachWithin = (point: number, visit: (tile: number) => void) =>
    forEachTileInDisk(point, rows, cols, offsets, visit);
  const reached = new Uint8Array(rows * cols);
  for (const light of existing) forEachWithin(light, (p) => (reached[p] = 1));
  const open = Array.from(taskPoints).filter((p) => !reached[p]);
  return packingLowerBound(
    open,
    (point, visit) =>
      forEachWithin(point, (tile) => {
        if (room.tiles[tile] === FREE) visit(tile);
      }),
    rows * cols,
  );
}

import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import { FreeTileFinder } from './free-tile-finder.js';
import { LightField } from './light-field.js';
import { type LightingMetrics, meetsLightingTargets } from './lighting-metrics.js';
import { Photometry } from './photometry.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const LIGHT: number = TileKind.Light;
const FREE: number = TileKind.Free;

/** What every light model starts from: the room's photometry and a field of its existing lights. */
export interface LightPlanContext {
  readonly room: Room;
  readonly photometry: Photometry;
  readonly field: LightField;
  readonly finder: FreeTileFinder;
  /** Free tiles of the room, ascending. */
  readonly freeTiles: readonly number[];
  /** Lights already on the input, ascending; they stay and count. */
  readonly existingLights: readonly number[];
}

/**
 * Builds the shared context of one model run; with `sameRoom`, on the per-room work of a
 * photometry of the same room (see {@link Photometry}).
 */
export function lightPlanContext(room: Room, sameRoom?: Photometry): LightPlanContext {
  const photometry = new Photometry(room, sameRoom);
  const existing: number[] = [];
  const freeTiles: number[] = [];
  for (let i = 0; i < room.tiles.length; i++) {
    if (room.tiles[i] === LIGHT) existing.push(i);
    else if (room.tiles[i] === FREE) freeTiles.push(i);
  }
  const field = new LightField(photometry, existing);
  return {
    room,
    photometry,
    field,
    finder: new FreeTileFinder(room, field.lights),
    freeTiles,
    existingLights: existing,
  };
}

/**
 * False when even a light on every free tile cannot reach the average target: the average
 * only grows with each light, so no layout of this room is compliant. Exact and cheap (the
 * field knows every tile's share of the average).
 */
export function averageTargetReachable(context: LightPlanContext): boolean {
  const { field, freeTiles, photometry } = context;
  return field.averageLuxWith(freeTiles) >= photometry.targetLux;
}

/**
 * Adds lights one at a time on the free tile nearest to the weakest task point until the
 * targets hold (on the field's lower bound) or no useful free tile is left. Returns the added
 * tiles.
 *
 * When the weakest point has no free tile within two window radii, a light can barely raise
 * it (and raises the average more, so uniformity only drops): then lights are added only while
 * the average is short, at the free tile nearest the weakest point wherever it is. This also
 * keeps the search bounded when the targets cannot be met and the free tiles run out.
 */
export function addAtWeakestPoints(context: LightPlanContext): number[] {
  const { field, finder, photometry } = context;
  const { cols, targetLux } = photometry;
  const reach = Math.max(4, 2 * field.windowRadius);
  const added: number[] = [];
  while (!field.meetsTargets()) {
    // A task point out of every light's spacing reach gets the free tile nearest to it first.
    const unreached = field.reach.firstUnreached();
    if (unreached >= 0) {
      const tile = finder.nearestToPoint(Math.floor(unreached / cols) + 0.5, (unreached % cols) + 0.5);
      if (tile >= 0 && field.reach.reaches(tile, unreached)) {
        field.add(tile);
        added.push(tile);
        continue;
      }
    }
    const weakest = field.weakestTaskPoint();
    const y = Math.floor(weakest / cols) + 0.5;
    const x = (weakest % cols) + 0.5;
    let tile = finder.nearestToPoint(y, x, reach);
    if (tile < 0 && field.averageLux() < targetLux) tile = finder.nearestToPoint(y, x);
    if (tile < 0) break;
    field.add(tile);
    added.push(tile);
  }
  return added;
}

/**
 * One pruning pass: tries removing each candidate light in the given order and keeps the
 * removal when the targets still hold. Candidates must be placed lights (existing lights stay).
 */
export function pruneLights(field: LightField, order: readonly number[]): void {
  for (const tile of order) {
    if (field.lights[tile] && field.canRemove(tile)) field.remove(tile);
  }
}

/** A model's finished layout with its exact metrics. */
export interface FinishedLayout {
  /** Placed tiles (lights not on the input), ascending. */
  readonly tiles: number[];
  readonly metrics: LightingMetrics;
  readonly compliant: boolean;
}

/**
 * Ends a model run: re-syncs the field exactly, prunes in the model's order, runs the model's
 * improvement step if any, and verifies the layout with the exact evaluator. If the verdict
 * fails while lights can still be added, adds lights at the weakest points (on the re-synced
 * field) until the exact verdict passes, so a model never reports a false pass and never stops
 * short when compliance is reachable.
 */
export function finishLayout(
  context: LightPlanContext,
  pruneOrder: (field: LightField) => number[],
  improve?: (context: LightPlanContext) => void,
): FinishedLayout {
  const { field, photometry, room } = context;
  field.resync();
  pruneLights(field, pruneOrder(field));
  improve?.(context);
  let metrics = field.exactMetrics();
  for (let attempt = 0; attempt < 20 && !meetsLightingTargets(photometry, metrics); attempt++) {
    if (addAtWeakestPoints(context).length === 0) break;
    metrics = field.exactMetrics();
  }
  return {
    tiles: field.lightTiles().filter((tile) => room.tiles[tile] !== LIGHT),
    metrics,
    compliant: meetsLightingTargets(photometry, metrics),
  };
}

/** Every free tile: the best a room can do when no layout is compliant (the most light there is). */
export function everyFreeTile(context: LightPlanContext): number[] {
  return [...context.freeTiles];
}

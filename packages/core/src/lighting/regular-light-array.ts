import { arraySplits, regularArrayPoints } from '../placement/regular-array-points.js';
import type { Room } from '../room/room.js';
import { roomBox } from '../room/room-box.js';
import { TileKind } from '../room/tile-kind.js';
import { lightCountBounds } from './light-count-bound.js';
import { lightingMetrics, meetsLightingTargets, unreachedTaskPoints } from './lighting-metrics.js';
import type { Photometry } from './photometry.js';
import { spacingReachTiles } from './spacing-reach.js';

const FREE: number = TileKind.Free;
const LIGHT: number = TileKind.Light;

/**
 * The new lights of the first textbook regular array ({@link regularArrayPoints}: `nx × ny`
 * points evenly spread over the bounding box, snapped to free tiles), in order of size from the
 * rules' average bound up, that passes RULES §4 lighting with the room's existing lights;
 * undefined when none with at most `atMost` lights does. The yardstick no layout should exceed.
 *
 * Splits whose cells are too wide for the spacing reach (the middle of a cell is half its
 * diagonal from the nearest point; snapping moves a point by up to a tile and a half) are
 * skipped before any photometry.
 */
export function regularLightArray(room: Room, photometry: Photometry, atMost: number): number[] | undefined {
  const existing: number[] = [];
  for (let t = 0; t < room.tiles.length; t++) if (room.tiles[t] === LIGHT) existing.push(t);
  const bounds = lightCountBounds(photometry);
  if (!Number.isFinite(bounds.average)) return undefined;
  const box = roomBox(room);
  const reach = spacingReachTiles(photometry);
  const slack = Number.isFinite(reach) ? (reach + 1.5) ** 2 : Number.POSITIVE_INFINITY;
  // Each tile's share of the average (exact; the photometry keeps it per room): the average of
  // an array costs a sum, so arrays short of it are skipped before any field is computed.
  const candidates: number[] = [];
  for (let t = 0; t < room.tiles.length; t++)
    if (room.tiles[t] === FREE || room.tiles[t] === LIGHT) candidates.push(t);
  const coverage = photometry.roomTileCoverage(candidates);
  const share = new Float64Array(room.tiles.length);
  const points = photometry.taskPoints.length;
  for (let i = 0; i < candidates.length; i++) {
    share[candidates[i]] = (photometry.directScale * coverage[i]) / points + photometry.reflectedPerLight;
  }
  const averageOf = (tiles: readonly number[]) => tiles.reduce((sum, t) => sum + share[t], 0);
  // Points off the room are dropped, so an array of k points holds about k · fill of them.
  const fill = box.roomTiles / (box.width * box.height);
  const nominal = Math.min(box.width * box.height, Math.ceil(atMost / fill) + 1);
  for (const [nx, ny] of arraySplits(room, bounds.average - existing.length, nominal)) {
    if ((box.width / nx / 2) ** 2 + (box.height / ny / 2) ** 2 > slack) continue;
    const tiles = regularArrayPoints(room, (t) => room.tiles[t] === FREE, nx, ny);
    if (!tiles || tiles.length > atMost) continue;
    const all = [...existing, ...tiles];
    if (averageOf(all) < photometry.targetLux) continue;
    if (unreachedTaskPoints(photometry, all).length > 0) continue;
    if (meetsLightingTargets(photometry, lightingMetrics(photometry, all))) return tiles;
  }
  return undefined;
}

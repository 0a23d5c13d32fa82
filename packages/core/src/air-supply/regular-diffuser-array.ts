import { arraySplits, regularArrayPoints } from '../placement/regular-array-points.js';
import type { Room } from '../room/room.js';
import { roomBox } from '../room/room-box.js';
import { withDevices } from '../room/room-with-devices.js';
import { checkAirSupply } from './check-air-supply.js';
import { allowedDiffuserTiles } from './diffuser-plan.js';

/**
 * The new diffusers of the first textbook regular array ({@link regularArrayPoints}), in order
 * of size from the airflow count up, that passes every RULES §4 air-supply rule on tiles a new
 * diffuser may take; undefined when none with at most `atMost` diffusers does. The yardstick a layout must never
 * exceed, and a candidate of the model.
 */
export function regularDiffuserArray(room: Room, from: number, atMost: number): number[] | undefined {
  const allowed = allowedDiffuserTiles(room);
  const box = roomBox(room);
  // Points off the room are dropped, so an array of k points holds about k · fill of them.
  const fill = box.roomTiles / (box.width * box.height);
  const to = Math.min(box.width * box.height, Math.ceil(atMost / fill) + 1);
  for (const [nx, ny] of arraySplits(room, from, to)) {
    const tiles = regularArrayPoints(room, (t) => allowed[t] === 1, nx, ny);
    if (tiles && tiles.length <= atMost && checkAirSupply(withDevices(room, tiles, 'airSupply')).pass)
      return tiles;
  }
  return undefined;
}

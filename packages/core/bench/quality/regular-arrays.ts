import { regularDiffuserArray } from '../../src/air-supply/regular-diffuser-array.js';
import { Photometry, type Room, TileKind } from '../../src/index.js';
import { regularLightArray } from '../../src/lighting/regular-light-array.js';
import { roomBox } from '../../src/room/room-box.js';

/**
 * The textbook regular arrays the quality bench measures the layouts against: `nx × ny` points
 * evenly spread over the room's bounding box, snapped to tiles that may take the device, the
 * first in order of size that passes every rule of its stage (the project's own yardstick,
 * `regularLightArray` and `regularDiffuserArray`, which the models also try as a candidate).
 * Detectors use the rules' own reference, `regularArrayDetectorCount`.
 */

/** New lights of the first regular array that passes the lighting rules; Infinity if none does. */
export function regularLights(room: Room): number {
  const free = room.tiles.reduce((n, t) => n + (t === TileKind.Free ? 1 : 0), 0);
  return regularLightArray(room, new Photometry(room), free)?.length ?? Number.POSITIVE_INFINITY;
}

/** New diffusers of the first regular array that passes the air-supply rules; Infinity if none. */
export function regularDiffusers(room: Room): number {
  const box = roomBox(room);
  return regularDiffuserArray(room, 1, box.width * box.height)?.length ?? Number.POSITIVE_INFINITY;
}

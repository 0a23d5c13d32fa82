import type { ParsedDxfEntity } from 'dxf';
import { TileKind } from '../room/tile-kind.js';
import { readDeviceInserts } from './device-inserts.js';
import { DxfImportError } from './dxf-import-error.js';
import type { DxfDeviceMode } from './dxf-room-options.js';
import type { RoomGrid } from './rasterise-room.js';

const KIND_BY_TYPE = {
  light: TileKind.Light,
  airSupply: TileKind.AirSupply,
  returnGrille: TileKind.ReturnGrille,
  smokeDetector: TileKind.SmokeDetector,
} as const;

/**
 * Puts the device blocks of the drawing on the grid as devices (`existing`: those whose STATUS
 * is not `new`; `all`: every one), each on the tile under its insertion point. A device off the
 * room, on a blocked tile or on a tile another device holds is refused by name.
 */
export function placeDeviceInserts(
  entities: readonly ParsedDxfEntity[],
  grid: RoomGrid,
  mode: DxfDeviceMode,
): void {
  for (const device of readDeviceInserts(entities)) {
    if (mode === 'existing' && device.status === 'new') continue;
    const at = grid.tileAt(device);
    const where = `${device.type} ${device.label} at (${device.x}, ${device.y})`;
    const tile = at ? at.row * grid.cols + at.col : -1;
    const kind = tile >= 0 ? grid.tiles[tile] : TileKind.Outside;
    if (kind === TileKind.Free) {
      grid.tiles[tile] = KIND_BY_TYPE[device.type];
      continue;
    }
    const reason =
      kind === TileKind.Outside
        ? 'is outside the room'
        : kind === TileKind.Blocked
          ? `is on a blocked tile (row ${at!.row}, col ${at!.col})`
          : `is on a tile another device holds (row ${at!.row}, col ${at!.col})`;
    throw new DxfImportError('devices', `${where} ${reason}; move it or import with devices "none"`);
  }
}

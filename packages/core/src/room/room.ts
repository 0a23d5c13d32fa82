import type { Requirements } from './requirements.js';
import type { LengthUnit, RoomType } from './room-type.js';

/**
 * One room's reflected ceiling plan, parsed and validated: the internal representation every
 * model works on. Tiles are row-major, `tiles[row * cols + col]`, one {@link TileKind} byte each.
 * Treat it as immutable: models return placements, they never write into a room.
 */
export interface Room {
  readonly roomId: string;
  readonly name?: string;
  readonly units: LengthUnit;
  /** Edge of one square tile, room units. */
  readonly cellSize: number;
  /** Floor to ceiling, room units. */
  readonly ceilingHeight: number;
  readonly roomType: RoomType;
  readonly rows: number;
  readonly cols: number;
  readonly tiles: Uint8Array;
  /** RULES §4 values after the room type's defaults and the room's overrides. */
  readonly requirements: Requirements;
}

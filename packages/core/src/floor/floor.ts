import type { Room } from '../room/room.js';
import type { LengthUnit } from '../room/room-type.js';

/** A floor of rooms (RULES §2 "Floors"), validated: every room parsed, ids unique, one unit. */
export interface Floor {
  readonly floorId: string;
  readonly name: string;
  /** The length unit every room of the floor shares. */
  readonly units: LengthUnit;
  readonly rooms: readonly Room[];
}

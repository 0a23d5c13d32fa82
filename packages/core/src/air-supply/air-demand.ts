import { ceilTolerant } from '../geometry/tolerance.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';

const OUTSIDE: number = TileKind.Outside;

/** The air a room needs (RULES §4), in room units. */
export interface AirDemand {
  /** Room tiles (everything but `-`), blocked ones included. */
  readonly roomTiles: number;
  /** Floor area, square room units. */
  readonly area: number;
  /** Q = floor area × supply rate: cfm (ft rooms) or L/s (m rooms). */
  readonly requiredAirflow: number;
  /** `ceil(Q / diffuserAirflow)`: diffusers needed, existing ones counting. */
  readonly requiredCount: number;
}

/** How much supply air the room needs and how many diffusers that takes. */
export function airDemand(room: Room): AirDemand {
  let roomTiles = 0;
  for (const kind of room.tiles) if (kind !== OUTSIDE) roomTiles++;
  const area = roomTiles * room.cellSize * room.cellSize;
  const requiredAirflow = area * room.requirements.supplyAirflowPerArea;
  return {
    roomTiles,
    area,
    requiredAirflow,
    requiredCount: ceilTolerant(requiredAirflow / room.requirements.diffuserAirflow),
  };
}

import type { DeviceType, StageName } from '../room/device-type.js';

/** One device the pipeline placed (RULES §5 `placements`); existing devices are not listed. */
export interface Placement {
  readonly type: DeviceType;
  readonly row: number;
  readonly col: number;
  /**
   * The tile centre in the room's units, CAD convention (origin at the grid's bottom-left
   * corner, y up): `x = (col + ½) · cellSize`, `y = (rows − row − ½) · cellSize`.
   */
  readonly x: number;
  readonly y: number;
  readonly stage: StageName;
  /** Name of the model that placed it. */
  readonly model: string;
}

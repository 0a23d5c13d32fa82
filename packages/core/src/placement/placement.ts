import type { DeviceType, StageName } from './device-type.js';

/** One device the pipeline placed (DESIGN §5 `placements`); existing devices are not listed. */
export interface Placement {
  readonly type: DeviceType;
  readonly row: number;
  readonly col: number;
  readonly stage: StageName;
  /** Name of the model that placed it. */
  readonly model: string;
}

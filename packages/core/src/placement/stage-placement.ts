/** What a single-model stage (air supply, smoke detectors) returns: its layout and its proof. */
export interface StagePlacement {
  /** Model name, for results and metrics. */
  readonly model: string;
  /** Tile indices of the new devices, ascending. */
  readonly tiles: number[];
  /**
   * Proven lower bound on the NEW devices any compliant layout of this room needs (existing
   * devices of the kind not counted).
   */
  readonly lowerBound: number;
}

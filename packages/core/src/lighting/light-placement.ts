/** A light model's layout with what it proved about it. */
export interface LightPlacement {
  /** Tile indices of the new lights, ascending. */
  readonly tiles: number[];
  /** Proven lower bound on the room's lights, existing ones included. */
  readonly lowerBound: number;
  /** True when no compliant layout has fewer lights (the count meets the bound). */
  readonly optimal: boolean;
  /** True when every light stands on its zone's lattice lines (`lightLayout: "aligned"`). */
  readonly aligned: boolean;
}

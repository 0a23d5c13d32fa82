/** One linear row `lower ≤ Σ values[k] · x[indices[k]] ≤ upper`. */
export interface LinearRow {
  readonly indices: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly lower: number;
  readonly upper: number;
}

/**
 * A placement as a 0/1 integer programme: minimise the number of devices Σ x subject to the
 * rows of a rule family. Only some rows are handed over up front; the rest come from
 * {@link separate}, which names the rows a (possibly fractional) solution violates. Every
 * programme solved on the way holds a subset of the rows, so it is a relaxation and its bound
 * is a proven lower bound of the full problem; a solution that {@link separate} accepts is
 * feasible for the full problem.
 */
export interface CoveringProgramme {
  /** Number of 0/1 variables (candidate tiles). */
  readonly variables: number;
  /** Rows known from the start. */
  readonly rows: readonly LinearRow[];
  /**
   * The rows of the full problem that `x` violates, most violated first (any subset is fine;
   * the solver calls again); empty when `x` satisfies them all.
   */
  separate(x: Float64Array): LinearRow[];
  /** Rows added per round at most. Default 40: enough to converge in a few rounds, few enough to keep each solve small. */
  readonly rowsPerRound?: number;
  /** A solution feasible for the full problem: the warm start (for example a heuristic layout). */
  readonly incumbent?: Uint8Array;
  /** Turns an integral solution that violates rows into a feasible one, when it can. */
  repair?(x: Uint8Array): Uint8Array | undefined;
  /**
   * A problem-specific search for a feasible solution with fewer ones than `best`, aiming at
   * `lowerBound` ones; called once the linear rounds have proved the bound.
   */
  descend?(best: Uint8Array, lowerBound: number): Uint8Array | undefined;
}

/** What an exact solve found. */
export interface CoveringSolution {
  /** The best solution feasible for the full problem (the incumbent when nothing beat it). */
  readonly solution: Uint8Array | undefined;
  /** Devices in `solution`; `Infinity` without one. */
  readonly count: number;
  /** Proven lower bound on the devices of any feasible solution (`Infinity`: infeasible). */
  readonly lowerBound: number;
  /** True when `count` meets `lowerBound`: no feasible solution has fewer devices. */
  readonly optimal: boolean;
  /** Bound of the linear relaxation with every row the rounds found, before rounding up. */
  readonly relaxationBound: number;
  /** Rows added after the start, over all rounds. */
  readonly addedRows: number;
  /** Why the search stopped: `optimal`, `infeasible`, `work limit`, `time limit`. */
  readonly stoppedBy: 'optimal' | 'infeasible' | 'work limit' | 'time limit';
}

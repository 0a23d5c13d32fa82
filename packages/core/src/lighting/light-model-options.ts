import type { DEFAULT_SOLVER_BUDGET, SolverBudget } from '../exact/solver-budget.js';
import type { Photometry } from './photometry.js';

/** Options every light model takes. */
export interface LightModelOptions {
  /**
   * A photometry of the very same room, whose per-room work (kernel, task points, FFT kernel
   * transform, the tiles' shares of the average) the model reuses instead of redoing: the
   * three models of one run share one. The layout is the same with or without it. Default: none.
   */
  readonly photometry?: Photometry;
  /** What an exact solve may spend (`exact-mip`). Default {@link DEFAULT_SOLVER_BUDGET}. */
  readonly solver?: Partial<SolverBudget>;
  /**
   * Layouts the heuristic models already found for this very room (the in-process pipeline
   * runs them first), which `exact-mip` takes as its warm start instead of computing them
   * again. They must be what the models return for the room: the result is the same. Default: none.
   */
  readonly heuristicLayouts?: Readonly<
    Partial<Record<'lumen-array' | 'staggered-search', readonly number[]>>
  >;
  /** Clock of the solver's wall-clock cap, ms. Default `performance.now`. */
  readonly now?: () => number;
}

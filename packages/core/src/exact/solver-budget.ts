/**
 * How much an exact solve may spend. The work limits (branch-and-bound nodes per solve, rounds
 * of added rows) keep results deterministic; the wall-clock cap is the safety net that keeps a
 * job within its time on a slow machine, and only when it strikes can two runs differ.
 */
export interface SolverBudget {
  /** Wall-clock cap of one model's exact solve, ms. Default {@link DEFAULT_SOLVER_BUDGET}. */
  readonly timeLimitMs: number;
  /** Branch-and-bound nodes one integer solve may explore. */
  readonly maxNodes: number;
  /**
   * Largest programme (variables) that gets integer rounds after the linear bound and the
   * model's own search; above it the solver's root node alone outlasts a job's time.
   */
  readonly maxIntegerVariables: number;
  /**
   * The same for programmes with dense rows (the light model's uniformity rows, one entry per
   * free tile each), whose root node costs far more per variable.
   */
  readonly maxDenseIntegerVariables: number;
  /** Largest room (candidate tiles) the exact solve takes on; larger rooms keep the cheap bounds. */
  readonly maxVariables: number;
  /**
   * Work of a model's own search per device count it tries, in task-point updates (the light
   * model's fixed-count search: one trial move costs about three per task point).
   */
  readonly searchWork: number;
}

/** The defaults: sized so the sample room's whole pipeline stays near half a second. */
export const DEFAULT_SOLVER_BUDGET: SolverBudget = {
  timeLimitMs: 5000,
  maxNodes: 300,
  maxIntegerVariables: 800,
  maxDenseIntegerVariables: 200,
  maxVariables: 3000,
  searchWork: 10_000_000,
};

/** A budget with the given overrides over the defaults. */
export function solverBudget(overrides: Partial<SolverBudget> = {}): SolverBudget {
  return { ...DEFAULT_SOLVER_BUDGET, ...overrides };
}

/** What a stage's exact solve may spend, and the clock of its wall-clock cap. */
export interface ExactStageOptions {
  readonly solver?: Partial<SolverBudget>;
  /** Clock of the wall-clock cap, ms. Default `performance.now`. */
  readonly now?: () => number;
}

import { highs } from './highs-runtime.js';
import type { SolverBudget } from './solver-budget.js';

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

/** Rows added per round unless the programme says otherwise. */
const ROWS_PER_ROUND = 40;
/** Linear rounds before the integer phase: each adds the rows the relaxed optimum violates. */
const LP_ROUNDS = 40;
/** Integer rounds: each solves, checks the result, and adds what it violated. */
const MIP_ROUNDS = 6;
/** Slack when rounding a bound up: a bound of 20.0000001 proves 20, not 21. */
const BOUND_SLACK = 1e-6;

const STATUS_OPTIMAL = 7;
const STATUS_INFEASIBLE = 8;
const STATUS_TIME_LIMIT = 13;
/** `primal_solution_status` of a solve that has a feasible solution of its own programme. */
const PRIMAL_FEASIBLE = 2;

/**
 * Solves a {@link CoveringProgramme} with HiGHS by row generation: linear rounds first (cheap;
 * their bound is already a proof), then integer rounds warm-started from the incumbent, each
 * checked against the full problem. Stops when the best feasible count meets the proven bound,
 * or the budget is spent. `now` is the clock of the wall-clock cap.
 */
export function solveCoveringProgramme(
  programme: CoveringProgramme,
  budget: SolverBudget,
  now: () => number = () => performance.now(),
): CoveringSolution {
  const started = now();
  const remainingSeconds = () => Math.max(0.001, (budget.timeLimitMs - (now() - started)) / 1000);
  const n = programme.variables;
  const perRound = programme.rowsPerRound ?? ROWS_PER_ROUND;
  let best = programme.incumbent;
  let bestCount = best ? countOnes(best) : Number.POSITIVE_INFINITY;
  let lowerBound = 0;
  let relaxationBound = 0;
  let addedRows = 0;
  if (n === 0) {
    const feasible = programme.separate(new Float64Array(0)).length === 0;
    return {
      solution: feasible ? new Uint8Array(0) : undefined,
      count: feasible ? 0 : Number.POSITIVE_INFINITY,
      lowerBound: feasible ? 0 : Number.POSITIVE_INFINITY,
      optimal: feasible,
      relaxationBound: 0,
      addedRows: 0,
      stoppedBy: feasible ? 'optimal' : 'infeasible',
    };
  }
  const model = highs.createModel();
  try {
    model.passModel({
      numCols: n,
      numRows: 0,
      colCost: new Float64Array(n).fill(1),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(1),
      rowLower: [],
      rowUpper: [],
      matrix: { format: 'csr', numRows: 0, numCols: n, starts: [0], indices: [], values: [] },
    });
    // Presolve off: on these programmes it cost more than it saved (sample room 760 → 670 ms for
    // the whole pipeline, same layouts); an objective gap under one device is no gap.
    model.options.set({
      output_flag: false,
      mip_abs_gap: 1 - BOUND_SLACK,
      mip_max_nodes: budget.maxNodes,
      presolve: 'off',
    });
    // Rows go to the solver in one batch: one call per row costs a copy of the row store each.
    const addRows = (rows: readonly LinearRow[]) => {
      if (rows.length === 0) return;
      const starts = new Int32Array(rows.length + 1);
      for (let i = 0; i < rows.length; i++) starts[i + 1] = starts[i] + rows[i].indices.length;
      const indices = new Int32Array(starts[rows.length]);
      const values = new Float64Array(starts[rows.length]);
      for (let i = 0; i < rows.length; i++) {
        indices.set(Int32Array.from(rows[i].indices), starts[i]);
        values.set(Float64Array.from(rows[i].values), starts[i]);
      }
      model.addRows({
        lower: Float64Array.from(rows, (row) => toSolverBound(row.lower)),
        upper: Float64Array.from(rows, (row) => toSolverBound(row.upper)),
        matrix: { format: 'csr', numRows: rows.length, numCols: n, starts, indices, values },
      });
    };
    addRows(programme.rows);
    const finish = (stoppedBy: CoveringSolution['stoppedBy']): CoveringSolution => ({
      solution: best,
      count: bestCount,
      lowerBound,
      optimal: bestCount <= lowerBound,
      relaxationBound,
      addedRows,
      stoppedBy: bestCount <= lowerBound ? 'optimal' : stoppedBy,
    });

    // Linear rounds: the relaxation's optimum, its violated rows added, until it holds.
    for (let round = 0; round < LP_ROUNDS; round++) {
      model.options.set({ time_limit: remainingSeconds() });
      const { modelStatus } = model.run();
      if (modelStatus === STATUS_INFEASIBLE) {
        lowerBound = Number.POSITIVE_INFINITY;
        return finish('infeasible');
      }
      if (modelStatus !== STATUS_OPTIMAL) return finish('time limit');
      relaxationBound = model.getObjectiveValue();
      lowerBound = Math.max(lowerBound, roundUp(relaxationBound));
      if (bestCount <= lowerBound) return finish('optimal');
      const violated = programme.separate(model.getSolution().colValue);
      if (violated.length === 0) break;
      const rows = violated.slice(0, perRound);
      addRows(rows);
      addedRows += rows.length;
    }

    // The problem's own search towards the proven bound, from the best layout so far.
    if (best && programme.descend) {
      const found = programme.descend(best, lowerBound);
      if (found && programme.separate(Float64Array.from(found)).length === 0) keep(found);
      if (bestCount <= lowerBound) return finish('optimal');
    }

    // Integer rounds, warm-started from the best feasible layout, on programmes small enough.
    if (n > budget.maxIntegerVariables) return finish('work limit');
    model.changeColsIntegrality({ kind: 'range', from: 0, to: n - 1 }, new Int32Array(n).fill(1));
    for (let round = 0; round < MIP_ROUNDS; round++) {
      if (best) model.setSolution({ colValue: Float64Array.from(best) });
      model.options.set({ time_limit: remainingSeconds() });
      const { modelStatus } = model.run();
      if (modelStatus === STATUS_INFEASIBLE) {
        lowerBound = Number.POSITIVE_INFINITY;
        return finish('infeasible');
      }
      const dual = Number(model.info.get('mip_dual_bound'));
      if (Number.isFinite(dual)) lowerBound = Math.max(lowerBound, roundUp(dual));
      let violated: LinearRow[] = [];
      if (Number(model.info.get('primal_solution_status')) === PRIMAL_FEASIBLE) {
        const values = model.getSolution().colValue;
        const x = new Uint8Array(n);
        for (let j = 0; j < n; j++) x[j] = values[j] > 0.5 ? 1 : 0;
        violated = programme.separate(Float64Array.from(x));
        if (violated.length === 0) {
          keep(x);
          // The relaxation's optimum holds every row: it is the full problem's optimum.
          if (modelStatus === STATUS_OPTIMAL) lowerBound = Math.max(lowerBound, countOnes(x));
        } else {
          const rows = violated.slice(0, perRound);
          addRows(rows);
          addedRows += rows.length;
          const repaired = programme.repair?.(x);
          if (repaired && programme.separate(Float64Array.from(repaired)).length === 0) keep(repaired);
        }
      }
      if (bestCount <= lowerBound) return finish('optimal');
      if (modelStatus === STATUS_TIME_LIMIT || now() - started >= budget.timeLimitMs)
        return finish('time limit');
      // Out of nodes with nothing new to add: another round would repeat this one.
      if (violated.length === 0) return finish(modelStatus === STATUS_OPTIMAL ? 'optimal' : 'work limit');
    }
    return finish('work limit');
  } finally {
    model.dispose();
  }

  function keep(x: Uint8Array): void {
    const count = countOnes(x);
    if (count < bestCount) {
      best = x;
      bestCount = count;
    }
  }
}

function countOnes(x: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i]) n++;
  return n;
}

function roundUp(bound: number): number {
  return Math.max(0, Math.ceil(bound - BOUND_SLACK));
}

function toSolverBound(value: number): number {
  if (value === Number.POSITIVE_INFINITY) return highs.infinity;
  if (value === Number.NEGATIVE_INFINITY) return -highs.infinity;
  return value;
}

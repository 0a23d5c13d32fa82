import type { CoveringProgramme, CoveringSolution, LinearRow } from './covering-programme.js';
import { highs } from './highs-runtime.js';
import type { SolverBudget } from './solver-budget.js';

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

type HighsModel = ReturnType<typeof highs.createModel>;

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
  return new CoveringSolve(programme, budget, now).run();
}

/**
 * One exact solve of {@link solveCoveringProgramme}: the HiGHS model, the best feasible
 * solution so far, the proven bound, and the rounds that improve them.
 */
export class CoveringSolve {
  private readonly n: number;
  private readonly perRound: number;
  private readonly started: number;
  private best: Uint8Array | undefined;
  private bestCount: number;
  private lowerBound = 0;
  private relaxationBound = 0;
  private addedRows = 0;

  constructor(
    private readonly programme: CoveringProgramme,
    private readonly budget: SolverBudget,
    private readonly now: () => number,
  ) {
    this.started = now();
    this.n = programme.variables;
    this.perRound = programme.rowsPerRound ?? ROWS_PER_ROUND;
    this.best = programme.incumbent;
    this.bestCount = this.best ? countOnes(this.best) : Number.POSITIVE_INFINITY;
  }

  /** Runs the rounds and frees the model. */
  run(): CoveringSolution {
    const { n, programme } = this;
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
      this.setUp(model);
      const linear = this.linearRounds(model);
      if (linear) return linear;
      // The problem's own search towards the proven bound, from the best layout so far.
      if (this.best && programme.descend) {
        const found = programme.descend(this.best, this.lowerBound);
        if (found && programme.separate(Float64Array.from(found)).length === 0) this.keep(found);
        if (this.bestCount <= this.lowerBound) return this.finish('optimal');
      }
      // Integer rounds, warm-started from the best feasible layout, on programmes small enough.
      if (n > this.budget.maxIntegerVariables) return this.finish('work limit');
      return this.integerRounds(model);
    } finally {
      model.dispose();
    }
  }

  private setUp(model: HighsModel): void {
    const { n } = this;
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
      mip_max_nodes: this.budget.maxNodes,
      presolve: 'off',
    });
    this.addRows(model, this.programme.rows);
  }

  /** Linear rounds: the relaxation's optimum, its violated rows added, until it holds. A result when done. */
  private linearRounds(model: HighsModel): CoveringSolution | undefined {
    for (let round = 0; round < LP_ROUNDS; round++) {
      model.options.set({ time_limit: this.remainingSeconds() });
      const { modelStatus } = model.run();
      if (modelStatus === STATUS_INFEASIBLE) {
        this.lowerBound = Number.POSITIVE_INFINITY;
        return this.finish('infeasible');
      }
      if (modelStatus !== STATUS_OPTIMAL) return this.finish('time limit');
      this.relaxationBound = model.getObjectiveValue();
      this.lowerBound = Math.max(this.lowerBound, roundUp(this.relaxationBound));
      if (this.bestCount <= this.lowerBound) return this.finish('optimal');
      const violated = this.programme.separate(model.getSolution().colValue);
      if (violated.length === 0) break;
      this.addViolated(model, violated);
    }
    return undefined;
  }

  private integerRounds(model: HighsModel): CoveringSolution {
    const { n, programme } = this;
    model.changeColsIntegrality({ kind: 'range', from: 0, to: n - 1 }, new Int32Array(n).fill(1));
    for (let round = 0; round < MIP_ROUNDS; round++) {
      if (this.best) model.setSolution({ colValue: Float64Array.from(this.best) });
      model.options.set({ time_limit: this.remainingSeconds() });
      const { modelStatus } = model.run();
      if (modelStatus === STATUS_INFEASIBLE) {
        this.lowerBound = Number.POSITIVE_INFINITY;
        return this.finish('infeasible');
      }
      const dual = Number(model.info.get('mip_dual_bound'));
      if (Number.isFinite(dual)) this.lowerBound = Math.max(this.lowerBound, roundUp(dual));
      let violated: LinearRow[] = [];
      if (Number(model.info.get('primal_solution_status')) === PRIMAL_FEASIBLE) {
        const values = model.getSolution().colValue;
        const x = new Uint8Array(n);
        for (let j = 0; j < n; j++) x[j] = values[j] > 0.5 ? 1 : 0;
        violated = programme.separate(Float64Array.from(x));
        if (violated.length === 0) {
          this.keep(x);
          // The relaxation's optimum holds every row: it is the full problem's optimum.
          if (modelStatus === STATUS_OPTIMAL) this.lowerBound = Math.max(this.lowerBound, countOnes(x));
        } else {
          this.addViolated(model, violated);
          const repaired = programme.repair?.(x);
          if (repaired && programme.separate(Float64Array.from(repaired)).length === 0) this.keep(repaired);
        }
      }
      if (this.bestCount <= this.lowerBound) return this.finish('optimal');
      if (modelStatus === STATUS_TIME_LIMIT || this.now() - this.started >= this.budget.timeLimitMs)
        return this.finish('time limit');
      // Out of nodes with nothing new to add: another round would repeat this one.
      if (violated.length === 0)
        return this.finish(modelStatus === STATUS_OPTIMAL ? 'optimal' : 'work limit');
    }
    return this.finish('work limit');
  }

  private remainingSeconds(): number {
    return Math.max(0.001, (this.budget.timeLimitMs - (this.now() - this.started)) / 1000);
  }

  /** Adds the first rows of a round's violated ones (at most `perRound`). */
  private addViolated(model: HighsModel, violated: readonly LinearRow[]): void {
    const rows = violated.slice(0, this.perRound);
    this.addRows(model, rows);
    this.addedRows += rows.length;
  }

  /** Rows go to the solver in one batch: one call per row costs a copy of the row store each. */
  private addRows(model: HighsModel, rows: readonly LinearRow[]): void {
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
      matrix: { format: 'csr', numRows: rows.length, numCols: this.n, starts, indices, values },
    });
  }

  private finish(stoppedBy: CoveringSolution['stoppedBy']): CoveringSolution {
    const { best: solution, bestCount, lowerBound } = this;
    return {
      solution,
      count: bestCount,
      lowerBound,
      optimal: bestCount <= lowerBound,
      relaxationBound: this.relaxationBound,
      addedRows: this.addedRows,
      stoppedBy: bestCount <= lowerBound ? 'optimal' : stoppedBy,
    };
  }

  private keep(x: Uint8Array): void {
    const count = countOnes(x);
    if (count < this.bestCount) {
      this.best = x;
      this.bestCount = count;
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

import type { FieldWindow } from './field-window.js';

/**
 * Fields of one row in {@link MoveSpans.runs}: the two lights' kernel row offsets, then the
 * [start, end] tile runs of the row: in both windows, in the first light's window only (left
 * and right of the overlap) and in the second's only. An empty run has start > end.
 */
const KA = 0;
const KB = 1;
const BOTH = 2;
const A1 = 4;
const A2 = 6;
const B1 = 8;
const B2 = 10;
const FIELDS = 12;

/**
 * The tiles a move of one light (from → to) changes, row by row: the two windows clipped to
 * the task points' box, split into the runs both windows share and each one's own, so that a
 * pass over them visits every tile once. Planned once per move, then read by the pass.
 */
export class MoveSpans {
  /** {@link FIELDS} integers per row, for rows `0 .. rowCount − 1` of the plan. */
  readonly runs: Int32Array;
  rowCount = 0;

  constructor(rows: number) {
    this.runs = new Int32Array(rows * FIELDS);
  }

  /** Plans the runs of moving a light from tile `from` to tile `to`. */
  plan(w: FieldWindow, from: number, to: number): void {
    const { cols } = w;
    const ar = Math.floor(from / cols);
    const ac = from - ar * cols;
    const br = Math.floor(to / cols);
    const bc = to - br * cols;
    // Each window clipped to the task points' box; an empty one has lo > hi.
    const aRowLo = w.rowLo(ar);
    const aRowHi = w.rowHi(ar);
    const aLo = w.colLo(ac);
    const aHi = w.colHi(ac);
    const bRowLo = w.rowLo(br);
    const bRowHi = w.rowHi(br);
    const bLo = w.colLo(bc);
    const bHi = w.colHi(bc);
    const { runs } = this;
    let j = 0;
    for (let r = Math.min(aRowLo, bRowLo); r <= Math.max(aRowHi, bRowHi); r++, j += FIELDS) {
      const base = r * cols;
      const inA = r >= aRowLo && r <= aRowHi && aLo <= aHi;
      const inB = r >= bRowLo && r <= bRowHi && bLo <= bHi;
      runs[j + KA] = w.kernelRowOffset(r, ar, ac);
      runs[j + KB] = w.kernelRowOffset(r, br, bc);
      // Columns in both windows, then each window's own; without an overlap the shared run is
      // empty and each window is one run.
      let lo = cols;
      let hi = cols - 1;
      if (inA && inB && Math.max(aLo, bLo) <= Math.min(aHi, bHi)) {
        lo = Math.max(aLo, bLo);
        hi = Math.min(aHi, bHi);
      }
      setRun(runs, j + BOTH, base + lo, base + hi);
      setRun(runs, j + A1, base + aLo, inA ? base + Math.min(aHi, lo - 1) : base + aLo - 1);
      setRun(runs, j + A2, base + Math.max(aLo, hi + 1), inA ? base + aHi : -1);
      setRun(runs, j + B1, base + bLo, inB ? base + Math.min(bHi, lo - 1) : base + bLo - 1);
      setRun(runs, j + B2, base + Math.max(bLo, hi + 1), inB ? base + bHi : -1);
    }
    this.rowCount = j / FIELDS;
  }
}

function setRun(runs: Int32Array, at: number, start: number, end: number): void {
  runs[at] = start;
  runs[at + 1] = end;
}

/** The field side of a move: tiles of both windows take (f − a) + b, the others f − a or f + b. */
export function moveField(field: Float64Array, kernelRows: Float64Array, spans: MoveSpans): void {
  const { runs } = spans;
  for (let j = 0, end = spans.rowCount * FIELDS; j < end; j += FIELDS) {
    const ka = runs[j + KA];
    const kb = runs[j + KB];
    for (let o = runs[j + BOTH], hi = runs[j + BOTH + 1]; o <= hi; o++)
      field[o] = field[o] - kernelRows[ka + o] + kernelRows[kb + o];
    for (let o = runs[j + A1], hi = runs[j + A1 + 1]; o <= hi; o++) field[o] -= kernelRows[ka + o];
    for (let o = runs[j + A2], hi = runs[j + A2 + 1]; o <= hi; o++) field[o] -= kernelRows[ka + o];
    for (let o = runs[j + B1], hi = runs[j + B1 + 1]; o <= hi; o++) field[o] += kernelRows[kb + o];
    for (let o = runs[j + B2], hi = runs[j + B2 + 1]; o <= hi; o++) field[o] += kernelRows[kb + o];
  }
}

/** A move and its undo in one visit per tile: (((f − a) + b) − b) + a, the bits of two moves. */
export function moveAndUndo(field: Float64Array, kernelRows: Float64Array, spans: MoveSpans): void {
  const { runs } = spans;
  for (let j = 0, end = spans.rowCount * FIELDS; j < end; j += FIELDS) {
    const ka = runs[j + KA];
    const kb = runs[j + KB];
    for (let o = runs[j + BOTH], hi = runs[j + BOTH + 1]; o <= hi; o++)
      field[o] = field[o] - kernelRows[ka + o] + kernelRows[kb + o] - kernelRows[kb + o] + kernelRows[ka + o];
    for (let o = runs[j + A1], hi = runs[j + A1 + 1]; o <= hi; o++)
      field[o] = field[o] - kernelRows[ka + o] + kernelRows[ka + o];
    for (let o = runs[j + A2], hi = runs[j + A2 + 1]; o <= hi; o++)
      field[o] = field[o] - kernelRows[ka + o] + kernelRows[ka + o];
    for (let o = runs[j + B1], hi = runs[j + B1 + 1]; o <= hi; o++)
      field[o] = field[o] + kernelRows[kb + o] - kernelRows[kb + o];
    for (let o = runs[j + B2], hi = runs[j + B2 + 1]; o <= hi; o++)
      field[o] = field[o] + kernelRows[kb + o] - kernelRows[kb + o];
  }
}

/**
 * Whether every tile's lux after the move, directScale · (value − debt) + reflected, is at
 * least `minLux`. Writes nothing; false at the first tile below.
 */
export function moveKeepsMinimum(
  field: Float64Array,
  kernelRows: Float64Array,
  spans: MoveSpans,
  directScale: number,
  debt: number,
  reflected: number,
  minLux: number,
): boolean {
  const { runs } = spans;
  for (let j = 0, end = spans.rowCount * FIELDS; j < end; j += FIELDS) {
    const ka = runs[j + KA];
    const kb = runs[j + KB];
    for (let o = runs[j + BOTH], hi = runs[j + BOTH + 1]; o <= hi; o++) {
      const v = field[o] - kernelRows[ka + o] + kernelRows[kb + o];
      if (directScale * (v - debt) + reflected < minLux) return false;
    }
    for (let o = runs[j + A1], hi = runs[j + A1 + 1]; o <= hi; o++)
      if (directScale * (field[o] - kernelRows[ka + o] - debt) + reflected < minLux) return false;
    for (let o = runs[j + A2], hi = runs[j + A2 + 1]; o <= hi; o++)
      if (directScale * (field[o] - kernelRows[ka + o] - debt) + reflected < minLux) return false;
    for (let o = runs[j + B1], hi = runs[j + B1 + 1]; o <= hi; o++)
      if (directScale * (field[o] + kernelRows[kb + o] - debt) + reflected < minLux) return false;
    for (let o = runs[j + B2], hi = runs[j + B2 + 1]; o <= hi; o++)
      if (directScale * (field[o] + kernelRows[kb + o] - debt) + reflected < minLux) return false;
  }
  return true;
}

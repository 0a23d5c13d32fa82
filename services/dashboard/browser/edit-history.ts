/**
 * Undo and redo over immutable snapshots: each edit records the whole new state, so undo is a
 * step back through values, never a replay. Pure, so the unit tests drive it without a page.
 */
export interface EditHistory<T> {
  /** Older states, oldest first. */
  readonly past: readonly T[];
  readonly present: T;
  /** States undone, the next redo last. */
  readonly future: readonly T[];
}

/** Snapshots kept for undo by default: 200 edits of a 500 × 500 room is about 50 MB of strings. */
export const DEFAULT_HISTORY_LIMIT = 200;

/** A history holding only `present`. */
export function startHistory<T>(present: T): EditHistory<T> {
  return { past: [], present, future: [] };
}

/**
 * `next` becomes the present and the redo list is dropped; recording the present itself changes
 * nothing (a click that paints a tile its own kind is not an edit). Keeps at most `limit` past states.
 */
export function recordEdit<T>(
  history: EditHistory<T>,
  next: T,
  limit = DEFAULT_HISTORY_LIMIT,
): EditHistory<T> {
  if (next === history.present) return history;
  const past = [...history.past, history.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [] };
}

/** One step back; unchanged when there is nothing to undo. */
export function undoEdit<T>(history: EditHistory<T>): EditHistory<T> {
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1],
    future: [...history.future, history.present],
  };
}

/** One step forward again; unchanged when nothing was undone since the last edit. */
export function redoEdit<T>(history: EditHistory<T>): EditHistory<T> {
  if (history.future.length === 0) return history;
  return {
    past: [...history.past, history.present],
    present: history.future[history.future.length - 1],
    future: history.future.slice(0, -1),
  };
}

import type { LengthUnit } from '../room/room-type.js';

/**
 * Relative slack on every distance comparison of the air-supply and smoke rules, so that float
 * rounding never flips a case sitting exactly on a limit (a tile centre exactly 12 ft from a
 * diffuser is covered; two diffusers exactly 6 ft apart are far enough apart).
 */
export const RELATIVE_TOLERANCE = 1e-9;

/** True when a squared distance `d2` lies within the radius whose square is `limit2`. */
export function isWithin(d2: number, limit2: number): boolean {
  return d2 <= limit2 * (1 + RELATIVE_TOLERANCE);
}

/**
 * The largest squared distance {@link isWithin} accepts for `limit2`: `isWithin(d2, limit2)` is
 * `d2 <= withinLimit(limit2)`, for loops that test many distances against one limit.
 */
export function withinLimit(limit2: number): number {
  return limit2 * (1 + RELATIVE_TOLERANCE);
}

/**
 * The smallest squared distance {@link isAtLeast} accepts for `limit2`: `isAtLeast(d2, limit2)`
 * is `d2 >= atLeastLimit(limit2)`.
 */
export function atLeastLimit(limit2: number): number {
  return limit2 * (1 - RELATIVE_TOLERANCE);
}

/** True when a squared distance `d2` is at least the distance whose square is `limit2`. */
export function isAtLeast(d2: number, limit2: number): boolean {
  return d2 >= limit2 * (1 - RELATIVE_TOLERANCE);
}

/** `ceil(x)` that does not round 3.0000000000000004 (float noise on an exact quotient) up to 4. */
export function ceilTolerant(x: number): number {
  return Math.ceil(x * (1 - RELATIVE_TOLERANCE));
}

/**
 * A tile as reasons name it: `row 3, col 7`, 0-based (row 0 is the top line of the layout,
 * col 0 its first character), the same numbering as `Placement.row`/`col`.
 */
export function tileLabel(index: number, cols: number): string {
  return `row ${Math.floor(index / cols)}, col ${index % cols}`;
}

/** A figure for a reason: at most two decimals, thousands separated (`2.83`, `1,200`). */
export function formatFigure(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A length with its unit: `2.83 ft`. */
export function formatLength(value: number, units: LengthUnit): string {
  return `${formatFigure(value)} ${units}`;
}

/** The airflow unit of a room: cfm for ft rooms, L/s for m rooms (RULES §4). */
export function airflowUnit(units: LengthUnit): string {
  return units === 'ft' ? 'cfm' : 'L/s';
}

/** `1 diffuser`, `3 diffusers`. */
export function plural(count: number, noun: string): string {
  return `${formatFigure(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Relative slack on every distance comparison of the rules (air supply, smoke detection, the lighting spacing criterion), so that float
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

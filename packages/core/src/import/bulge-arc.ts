import type { PlanPoint } from './layer-shapes.js';

/** Most segments one arc is flattened into. */
const MAX_ARC_SEGMENTS = 256;
/**
 * Largest bulge read (an arc of 359.9998°): beyond it the circle through two points grows past
 * any floating-point range, and the arc is as good as a full circle anyway.
 */
const MAX_BULGE = 1e6;

/**
 * The points strictly between `from` and `to` of a polyline segment with DXF bulge `bulge`
 * (tan of a quarter of the included angle; positive counter-clockwise), so that the chords stray
 * at most `tolerance` from the arc (up to 256 chords). Empty for a straight segment.
 */
export function bulgePoints(from: PlanPoint, to: PlanPoint, bulge: number, tolerance: number): PlanPoint[] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const chord = Math.hypot(dx, dy);
  if (!(Math.abs(bulge) > 1e-12) || chord === 0) return [];
  const b = Math.max(-MAX_BULGE, Math.min(MAX_BULGE, bulge));
  const sweep = 4 * Math.atan(b);
  const radius = (chord * (1 + b * b)) / (4 * Math.abs(b));
  // Signed distance from the chord's midpoint to the centre, along the chord's left normal.
  const offset = ((chord / 2) * (1 - b * b)) / (2 * b);
  const cx = (from.x + to.x) / 2 - (dy / chord) * offset;
  const cy = (from.y + to.y) / 2 + (dx / chord) * offset;
  return arcPoints(cx, cy, radius, Math.atan2(from.y - cy, from.x - cx), sweep, tolerance, false);
}

/** A whole circle as a closed ring of points (first not repeated), chords within `tolerance`. */
export function circleRing(cx: number, cy: number, r: number, tolerance: number): PlanPoint[] {
  return arcPoints(cx, cy, r, 0, 2 * Math.PI, tolerance, true);
}

function arcPoints(
  cx: number,
  cy: number,
  r: number,
  start: number,
  sweep: number,
  tolerance: number,
  withStart: boolean,
): PlanPoint[] {
  // A chord of angle a strays r·(1 − cos(a/2)) from its arc.
  const ratio = Math.min(1, tolerance / r);
  const step = ratio >= 1 ? Math.PI / 2 : 2 * Math.acos(1 - ratio);
  const segments = Math.min(MAX_ARC_SEGMENTS, Math.max(withStart ? 8 : 1, Math.ceil(Math.abs(sweep) / step)));
  const points: PlanPoint[] = [];
  for (let k = withStart ? 0 : 1; k < segments; k++) {
    const a = start + (sweep * k) / segments;
    points.push({ x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
  }
  return points;
}

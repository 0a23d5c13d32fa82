import { DxfImportError } from './dxf-import-error.js';
import { MAX_RASTER_VISITS } from './dxf-room-options.js';
import type { PlanCircle, PlanPoint } from './layer-shapes.js';

/**
 * The tile grid shapes are rasterised onto: `rows × cols` square tiles of edge `tile`, its
 * bottom-left corner at (0, 0), y up. Row 0 is the top row, as a layout is written.
 */
export interface TileFrame {
  readonly rows: number;
  readonly cols: number;
  readonly tile: number;
}

/**
 * Overlaps thinner than this share of a tile do not block it: a shape drawn on a grid line
 * touches the tiles on both sides, and a drawing's rounding must not tip it into either.
 */
export const OVERLAP_TOLERANCE = 1e-4;

/** Counts the rasteriser's tile visits and refuses a drawing that needs more than the budget. */
export class RasterBudget {
  private visits = 0;

  constructor(private readonly limit = MAX_RASTER_VISITS) {}

  spend(count: number): void {
    this.visits += count;
    if (this.visits > this.limit) {
      throw new DxfImportError(
        'dxf',
        `the outline and obstruction shapes cross more than ${this.limit.toLocaleString('en-US')} tiles in all: too complex to import (simplify the shapes or use a larger tileSize)`,
      );
    }
  }
}

/**
 * One byte per tile (row-major, row 0 on top): 1 where the tile's centre lies inside the rings
 * by the even-odd rule (inside an odd number of them; a ring inside another is a hole). A scan
 * line per row of centres; an edge counts on the half-open span [lower y, upper y), a centre on
 * the left end of an inside span counts in, one on its right end out.
 */
export function centresInside(
  rings: readonly (readonly PlanPoint[])[],
  frame: TileFrame,
  budget: RasterBudget,
): Uint8Array {
  const { rows, cols, tile } = frame;
  const crossings: number[][] = Array.from({ length: rows }, () => []);
  const centreY = (r: number) => (rows - r - 0.5) * tile;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      const b = ring[(i + 1) % ring.length];
      if (a.y === b.y) continue;
      const lo = Math.min(a.y, b.y);
      const hi = Math.max(a.y, b.y);
      const first = Math.max(0, Math.floor(rows - 0.5 - hi / tile));
      const last = Math.min(rows - 1, Math.ceil(rows - 0.5 - lo / tile));
      if (last < first) continue;
      budget.spend(last - first + 1);
      for (let r = first; r <= last; r++) {
        const y = centreY(r);
        if (y < lo || y >= hi) continue;
        crossings[r].push(a.x + ((y - a.y) * (b.x - a.x)) / (b.y - a.y));
      }
    }
  }
  const inside = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const xs = crossings[r].sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k] / tile - 0.5));
      const to = Math.min(cols, Math.ceil(xs[k + 1] / tile - 0.5));
      if (to > from) budget.spend(to - from);
      inside.fill(1, r * cols + from, r * cols + to);
    }
  }
  return inside;
}

/**
 * One byte per tile: 1 where the shapes cover any part of the tile deeper than
 * {@link OVERLAP_TOLERANCE} of a tile. The rings make one region by the even-odd rule (as the
 * outline: a tile is covered when its centre is inside, or when an edge of the region passes
 * through it); each circle is a solid disc.
 */
export function overlappedTiles(
  rings: readonly (readonly PlanPoint[])[],
  circles: readonly PlanCircle[],
  frame: TileFrame,
  budget: RasterBudget,
): Uint8Array {
  const { rows, cols, tile } = frame;
  const covered = centresInside(rings, frame, budget);
  const inset = OVERLAP_TOLERANCE * tile;
  // Row r's band, shrunk by the inset: [bottom, top].
  const bandBottom = (r: number) => (rows - r - 1) * tile + inset;
  const bandTop = (r: number) => (rows - r) * tile - inset;
  const rowsBetween = (lo: number, hi: number) => ({
    first: Math.max(0, Math.floor(rows - hi / tile) - 1),
    last: Math.min(rows - 1, Math.ceil(rows - lo / tile)),
  });
  /** Marks the columns of row r whose shrunk span meets [xa, xb] (open ends when `open`). */
  const mark = (r: number, xa: number, xb: number, open: boolean) => {
    const from = Math.max(0, Math.floor((xa - tile + inset) / tile));
    const to = Math.min(cols - 1, Math.ceil((xb - inset) / tile));
    for (let c = from; c <= to; c++) {
      const left = c * tile + inset;
      const right = (c + 1) * tile - inset;
      if (open ? right > xa && left < xb : right >= xa && left <= xb) covered[r * cols + c] = 1;
    }
    if (to >= from) budget.spend(to - from + 1);
  };
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      const b = ring[(i + 1) % ring.length];
      const { first, last } = rowsBetween(Math.min(a.y, b.y), Math.max(a.y, b.y));
      if (last >= first) budget.spend(last - first + 1);
      for (let r = first; r <= last; r++) {
        const clipped = clipToBand(a, b, bandBottom(r), bandTop(r));
        if (clipped) mark(r, clipped[0], clipped[1], false);
      }
    }
  }
  for (const { x, y, r: radius } of circles) {
    const { first, last } = rowsBetween(y - radius, y + radius);
    if (last >= first) budget.spend(last - first + 1);
    for (let r = first; r <= last; r++) {
      const dy = Math.max(0, bandBottom(r) - y, y - bandTop(r));
      if (dy >= radius) continue;
      const half = Math.sqrt(radius * radius - dy * dy);
      mark(r, x - half, x + half, true);
    }
  }
  return covered;
}

/** The x-range of the part of segment ab with bottom ≤ y ≤ top, or undefined when none. */
function clipToBand(a: PlanPoint, b: PlanPoint, bottom: number, top: number): [number, number] | undefined {
  if (a.y === b.y) {
    return a.y >= bottom && a.y <= top ? [Math.min(a.x, b.x), Math.max(a.x, b.x)] : undefined;
  }
  const t0 = (bottom - a.y) / (b.y - a.y);
  const t1 = (top - a.y) / (b.y - a.y);
  const from = Math.max(0, Math.min(t0, t1));
  const to = Math.min(1, Math.max(t0, t1));
  if (from > to) return undefined;
  const x0 = a.x + from * (b.x - a.x);
  const x1 = a.x + to * (b.x - a.x);
  return [Math.min(x0, x1), Math.max(x0, x1)];
}

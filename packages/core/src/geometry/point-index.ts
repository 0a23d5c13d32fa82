/**
 * A fixed set of integer points `(y, x)` bucketed on a square grid, for nearest-neighbour and
 * radius queries in near-constant time. A point's id is its position in the input arrays; on
 * equal distance the lower id wins, so an answer never depends on the bucket size. Callers pass
 * points in row-major order, which makes "lower id" mean "first in the layout".
 */
export class PointIndex {
  /** Squared distance of the last {@link PointIndex.nearest} answer; `Infinity` when none. */
  lastD2 = Number.POSITIVE_INFINITY;
  private readonly bucketRows: number;
  private readonly bucketCols: number;
  /** CSR layout: ids of bucket b are `members[start[b] .. start[b + 1])`, ascending. */
  private readonly start: Int32Array;
  private readonly members: Int32Array;

  /**
   * @param ys, xs point coordinates; every point and every query must lie in
   *   `[0, height) × [0, width)`.
   * @param bucket bucket edge, same units; about the typical spacing of the points is best.
   */
  constructor(
    readonly ys: ArrayLike<number>,
    readonly xs: ArrayLike<number>,
    height: number,
    width: number,
    private readonly bucket: number,
  ) {
    this.bucketRows = Math.max(1, Math.ceil(height / bucket));
    this.bucketCols = Math.max(1, Math.ceil(width / bucket));
    const counts = new Int32Array(this.bucketRows * this.bucketCols + 1);
    const n = ys.length;
    const home = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      home[i] = this.bucketOf(ys[i], xs[i]);
      counts[home[i] + 1]++;
    }
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    this.start = counts;
    this.members = new Int32Array(n);
    const fill = counts.slice(0, counts.length - 1);
    for (let i = 0; i < n; i++) this.members[fill[home[i]]++] = i;
  }

  /** Number of points. */
  get size(): number {
    return this.ys.length;
  }

  /**
   * Id of the point nearest to `(y, x)`, skipping id `skip`; -1 when there is none. The squared
   * distance is left in {@link PointIndex.lastD2}.
   */
  nearest(y: number, x: number, skip = -1): number {
    const { bucket, bucketRows, bucketCols, start, members, ys, xs } = this;
    const by = Math.min(bucketRows - 1, Math.floor(y / bucket));
    const bx = Math.min(bucketCols - 1, Math.floor(x / bucket));
    const maxRing = Math.max(by, bucketRows - 1 - by, bx, bucketCols - 1 - bx);
    let best = -1;
    let bestD2 = Number.POSITIVE_INFINITY;
    for (let k = 0; k <= maxRing; k++) {
      const r0 = Math.max(0, by - k);
      const r1 = Math.min(bucketRows - 1, by + k);
      for (let br = r0; br <= r1; br++) {
        const edgeRow = br === by - k || br === by + k;
        const step = edgeRow ? 1 : 2 * k;
        for (let bc = bx - k; bc <= bx + k; bc += step) {
          if (bc < 0 || bc >= bucketCols) continue;
          const b = br * bucketCols + bc;
          for (let m = start[b]; m < start[b + 1]; m++) {
            const id = members[m];
            if (id === skip) continue;
            const dy = ys[id] - y;
            const dx = xs[id] - x;
            const d2 = dy * dy + dx * dx;
            if (d2 < bestD2 || (d2 === bestD2 && id < best)) {
              bestD2 = d2;
              best = id;
            }
          }
        }
      }
      // Every point beyond ring k is more than k buckets away.
      if (best >= 0 && bestD2 <= k * bucket * (k * bucket)) break;
    }
    this.lastD2 = bestD2;
    return best;
  }

  /** Calls `visit(id, d2)` for every point within squared distance `r2` of `(y, x)` (exact, no slack). */
  forEachWithin(y: number, x: number, r2: number, visit: (id: number, d2: number) => void): void {
    const { bucket, bucketRows, bucketCols, start, members, ys, xs } = this;
    const reach = Math.sqrt(r2);
    const r0 = Math.max(0, Math.floor((y - reach) / bucket));
    const r1 = Math.min(bucketRows - 1, Math.floor((y + reach) / bucket));
    const c0 = Math.max(0, Math.floor((x - reach) / bucket));
    const c1 = Math.min(bucketCols - 1, Math.floor((x + reach) / bucket));
    for (let br = r0; br <= r1; br++) {
      for (let bc = c0; bc <= c1; bc++) {
        const b = br * bucketCols + bc;
        for (let m = start[b]; m < start[b + 1]; m++) {
          const id = members[m];
          const dy = ys[id] - y;
          const dx = xs[id] - x;
          const d2 = dy * dy + dx * dx;
          if (d2 <= r2) visit(id, d2);
        }
      }
    }
  }

  private bucketOf(y: number, x: number): number {
    const by = Math.min(this.bucketRows - 1, Math.max(0, Math.floor(y / this.bucket)));
    const bx = Math.min(this.bucketCols - 1, Math.max(0, Math.floor(x / this.bucket)));
    return by * this.bucketCols + bx;
  }
}

import type { Room } from '../room/room.js';
import { isWithin } from './rule-figures.js';
import { serveTiles } from './served-area.js';

/**
 * The nearest-diffuser assignment of {@link serveTiles}, kept up to date as single diffusers
 * move, so a move's effect on evenness costs a few hundred tile visits instead of a pass over
 * the room. Diffusers are named by their tile index: ties go to the lower one, which is the
 * first in row-major order, exactly as the check assigns them.
 *
 * Moves of one diffuser are evaluated in a batch: {@link ServedAreaTracker.startMoves} notes,
 * once, the tiles it serves and which other diffuser each would fall back to; each candidate
 * tile then costs one comparison per such tile plus one pass over the window around it.
 */
export class ServedAreaTracker {
  /** Per tile: tile index of its diffuser (-1 outside the room). */
  private readonly owner: Int32Array;
  private readonly nearestD2: Float64Array;
  /** Per diffuser tile: room tiles served. */
  private readonly served: Int32Array;
  private readonly diffusers: number;
  private readonly roomTiles: number;
  private readonly cols: number;
  private readonly rows: number;
  private sumOfSquares = 0;
  /**
   * Half-width of the windows a move is evaluated on: the coverage radius in tiles, rounded up.
   * Exact as long as every tile stays covered, which the model's moves guarantee.
   */
  readonly reach: number;
  /** Whether every room tile was covered when tracking started; tracking is only exact then. */
  readonly fullyCovered: boolean;
  /** Tile visits spent so far, to keep callers within a budget. */
  visits = 0;
  /** Tile visits one evaluated move is charged: both windows, whatever is skipped inside them. */
  private readonly visitsPerMove: number;
  /** Scratch: per diffuser tile, the change of its share under the move being evaluated. */
  private readonly pending: Int32Array;
  private readonly touched: Int32Array;
  /** The diffuser tile {@link ServedAreaTracker.startMoves} prepared, -1 before. */
  private from = -1;
  /**
   * The tiles `from` serves within its window (row, col, index), and for each the nearest
   * other diffuser (-1 when none) and its squared distance: where the tile goes unless the
   * moved diffuser is nearer.
   */
  private servedCount = 0;
  private readonly servedRow: Int32Array;
  private readonly servedCol: Int32Array;
  private readonly servedTile: Int32Array;
  private readonly fallback: Int32Array;
  private readonly fallbackD2: Float64Array;
  /**
   * At least the largest `nearestD2` of any room tile: a tile farther than this from a diffuser
   * is neither served by it nor taken by it, so windows shrink to the disk it bounds.
   */
  private farthestD2 = 0;
  /** Per row offset `dy` in `[0, reach]`: half-width of the window row within `farthestD2`, -1 for none. */
  private readonly halfWidth: Int32Array;
  /** Scratch: rows and cols of the neighbours given to {@link ServedAreaTracker.startMoves}. */
  private neighbourRows = new Int32Array(64);
  private neighbourCols = new Int32Array(64);

  constructor(room: Room, diffuserTiles: readonly number[], coverageRadius: number) {
    const sorted = [...diffuserTiles].sort((a, b) => a - b);
    const service = serveTiles(room, sorted, coverageRadius);
    this.rows = room.rows;
    this.cols = room.cols;
    this.owner = new Int32Array(service.owner.length).fill(-1);
    this.nearestD2 = service.nearestD2;
    this.served = new Int32Array(room.rows * room.cols);
    this.pending = new Int32Array(room.rows * room.cols);
    let farthest = 0;
    let roomTiles = 0;
    for (let t = 0; t < service.owner.length; t++) {
      if (service.owner[t] < 0) continue;
      roomTiles++;
      this.owner[t] = sorted[service.owner[t]];
      farthest = Math.max(farthest, service.nearestD2[t]);
    }
    for (let i = 0; i < sorted.length; i++) {
      this.served[sorted[i]] = service.servedTiles[i];
      this.sumOfSquares += service.servedTiles[i] ** 2;
    }
    this.diffusers = sorted.length;
    this.roomTiles = roomTiles;
    this.reach = Math.ceil(coverageRadius);
    this.fullyCovered = isWithin(farthest, coverageRadius * coverageRadius);
    this.halfWidth = new Int32Array(this.reach + 1);
    this.raiseFarthest(farthest);
    const side = 2 * this.reach + 1;
    this.visitsPerMove = 2 * side * side;
    // A window holds at most side² tiles; both windows together bound the owners touched.
    const window = Math.min(side * side, room.rows * room.cols);
    this.servedRow = new Int32Array(window);
    this.servedCol = new Int32Array(window);
    this.servedTile = new Int32Array(window);
    this.fallback = new Int32Array(window);
    this.fallbackD2 = new Float64Array(window);
    this.touched = new Int32Array(2 * window);
  }

  /** Evenness of the current assignment (the DESIGN §4 figure, as `evennessOf` computes it). */
  get evenness(): number {
    return this.evennessFor(this.sumOfSquares);
  }

  /**
   * Prepares evaluating moves of the diffuser on `from`; `neighbours` must hold every other
   * diffuser within `2 × reach` of `from` (box distance). Valid until a move is committed.
   */
  startMoves(from: number, neighbours: readonly number[]): void {
    const { cols, rows, owner, servedRow, servedCol, servedTile, fallback, fallbackD2 } = this;
    const fr = Math.floor(from / cols);
    const fc = from % cols;
    const span = this.reach;
    const n = neighbours.length;
    if (this.neighbourRows.length < n) {
      this.neighbourRows = new Int32Array(2 * n);
      this.neighbourCols = new Int32Array(2 * n);
    }
    const { neighbourRows, neighbourCols } = this;
    for (let i = 0; i < n; i++) {
      neighbourRows[i] = Math.floor(neighbours[i] / cols);
      neighbourCols[i] = neighbours[i] % cols;
    }
    let count = 0;
    const { halfWidth } = this;
    for (let r = Math.max(0, fr - span); r <= Math.min(rows - 1, fr + span); r++) {
      const w = halfWidth[Math.abs(r - fr)];
      for (let c = Math.max(0, fc - w); c <= Math.min(cols - 1, fc + w); c++) {
        const t = r * cols + c;
        if (owner[t] !== from) continue;
        // Nearest other diffuser, ties to the lower tile.
        let best = -1;
        let bestD2 = Number.POSITIVE_INFINITY;
        for (let i = 0; i < n; i++) {
          const dr = r - neighbourRows[i];
          const dc = c - neighbourCols[i];
          const d2 = dr * dr + dc * dc;
          if (d2 < bestD2 || (d2 === bestD2 && neighbours[i] < best)) {
            bestD2 = d2;
            best = neighbours[i];
          }
        }
        servedRow[count] = r;
        servedCol[count] = c;
        servedTile[count] = t;
        fallback[count] = best;
        fallbackD2[count] = bestD2;
        count++;
      }
    }
    this.servedCount = count;
    this.from = from;
  }

  /**
   * Evenness if the diffuser prepared by {@link ServedAreaTracker.startMoves} stood on `to`
   * instead, every tile still covered.
   */
  evennessAfterMove(to: number): number {
    return this.evennessFor(this.sumOfSquaresAfter(to, false));
  }

  /** Records the move of the prepared diffuser to `to`; returns the new evenness. */
  commitMove(to: number): number {
    this.sumOfSquares = this.sumOfSquaresAfter(to, true);
    this.from = -1;
    return this.evennessFor(this.sumOfSquares);
  }

  /**
   * Sum of squared shares after moving the prepared diffuser to `to` (exact: integers). Tiles
   * it served go to the nearer of `to` and their fallback; tiles around `to` it is nearer to
   * (ties to the lower tile) come to it. With `commit`, the move is recorded.
   */
  private sumOfSquaresAfter(to: number, commit: boolean): number {
    const { cols, rows, owner, nearestD2, served, pending, touched, from } = this;
    const tr = Math.floor(to / cols);
    const tc = to % cols;
    const span = this.reach;
    let touchedCount = 0;
    // The moving diffuser's share is kept apart, as its name changes.
    let movedServed = served[from];
    // Tiles around `to` it takes over. Done before the served tiles are handed out, so a
    // committed hand-out is not seen here again.
    const { halfWidth } = this;
    for (let r = Math.max(0, tr - span); r <= Math.min(rows - 1, tr + span); r++) {
      const dy2 = (r - tr) * (r - tr);
      const rowStart = r * cols;
      const w = halfWidth[Math.abs(r - tr)];
      for (let c = Math.max(0, tc - w); c <= Math.min(cols - 1, tc + w); c++) {
        const t = rowStart + c;
        const old = owner[t];
        if (old < 0 || old === from) continue;
        const d2 = dy2 + (c - tc) * (c - tc);
        if (d2 < nearestD2[t] || (d2 === nearestD2[t] && to < old)) {
          if (pending[old] === 0) touched[touchedCount++] = old;
          pending[old]--;
          movedServed++;
          if (commit) {
            owner[t] = to;
            nearestD2[t] = d2;
          }
        }
      }
    }
    // Tiles it served: those now nearer another diffuser leave it.
    const { servedRow, servedCol, servedTile, fallback, fallbackD2 } = this;
    for (let k = 0; k < this.servedCount; k++) {
      const dr = servedRow[k] - tr;
      const dc = servedCol[k] - tc;
      const d2 = dr * dr + dc * dc;
      const other = fallback[k];
      const otherD2 = fallbackD2[k];
      if (other < 0 || d2 < otherD2 || (d2 === otherD2 && to < other)) {
        if (commit) {
          owner[servedTile[k]] = to;
          nearestD2[servedTile[k]] = d2;
          if (d2 > this.farthestD2) this.raiseFarthest(d2);
        }
        continue;
      }
      movedServed--;
      if (pending[other] === 0) touched[touchedCount++] = other;
      pending[other]++;
      if (commit) {
        owner[servedTile[k]] = other;
        nearestD2[servedTile[k]] = otherD2;
        if (otherD2 > this.farthestD2) this.raiseFarthest(otherD2);
      }
    }
    this.visits += this.visitsPerMove;
    let sumOfSquares = this.sumOfSquares - served[from] * served[from] + movedServed * movedServed;
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i];
      const after = served[d] + pending[d];
      sumOfSquares += after * after - served[d] * served[d];
      if (commit) served[d] = after;
      pending[d] = 0;
    }
    if (commit) {
      served[from] = 0;
      served[to] = movedServed;
    }
    return sumOfSquares;
  }

  /** Raises {@link ServedAreaTracker.farthestD2} to `d2` (an integer or `Infinity`) and the half-widths with it. */
  private raiseFarthest(d2: number): void {
    this.farthestD2 = d2;
    const { halfWidth, reach } = this;
    for (let dy = 0; dy <= reach; dy++) {
      // Integers well below 2^52: the square root is exact enough for floor to be exact.
      halfWidth[dy] = dy * dy > d2 ? -1 : Math.min(reach, Math.floor(Math.sqrt(d2 - dy * dy)));
    }
  }

  private evennessFor(sumOfSquares: number): number {
    const n = this.diffusers;
    if (n === 0) return 0;
    const mean = this.roomTiles / n;
    const variance = Math.max(0, sumOfSquares / n - mean * mean);
    return Math.min(1, Math.max(0, 1 - Math.sqrt(variance) / mean));
  }
}

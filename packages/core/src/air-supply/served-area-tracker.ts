import type { Room } from '../room/room.js';
import { isWithin } from './rule-figures.js';
import { serveTiles } from './served-area.js';

/**
 * The nearest-diffuser assignment of {@link serveTiles}, kept up to date as single diffusers
 * move, so a move's effect on evenness costs a few hundred tile visits instead of a pass over
 * the room. Diffusers are named by their tile index: ties go to the lower one, which is the
 * first in row-major order, exactly as the check assigns them.
 */
export class ServedAreaTracker {
  /** Per tile: tile index of its diffuser (-1 outside the room). */
  private readonly owner: Int32Array;
  private readonly nearestD2: Float64Array;
  /** Per diffuser tile: room tiles served. */
  private readonly served: Int32Array;
  private readonly diffusers: number;
  private readonly roomTiles: number;
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
  private readonly changedTiles: number[] = [];
  private readonly changedOwners: number[] = [];
  private readonly changedD2: number[] = [];
  /** Scratch: per diffuser tile, the change of its share under the move being evaluated. */
  private readonly pending: Int32Array;
  private readonly touched: number[] = [];
  private neighbourRows = new Int32Array(64);
  private neighbourCols = new Int32Array(64);

  constructor(
    private readonly room: Room,
    diffuserTiles: readonly number[],
    coverageRadius: number,
  ) {
    const sorted = [...diffuserTiles].sort((a, b) => a - b);
    const service = serveTiles(room, sorted, coverageRadius);
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
  }

  /** Evenness of the current assignment (the DESIGN §4 figure, as `evennessOf` computes it). */
  get evenness(): number {
    return this.evennessFor(this.sumOfSquares);
  }

  /**
   * Evenness if the diffuser on `from` stood on `to` instead, every tile still covered;
   * `neighbours` must hold every other diffuser within `2 × reach` of `from` (box distance).
   * With `commit`, the move is recorded.
   */
  evennessAfterMove(from: number, to: number, neighbours: readonly number[], commit: boolean): number {
    const { cols, rows } = this.room;
    const { owner, nearestD2, served, pending, touched } = this;
    this.changedTiles.length = 0;
    this.changedOwners.length = 0;
    this.changedD2.length = 0;
    const fr = Math.floor(from / cols);
    const fc = from % cols;
    const tr = Math.floor(to / cols);
    const tc = to % cols;
    const span = this.reach;
    const n = neighbours.length;
    if (this.neighbourRows.length < n) {
      this.neighbourRows = new Int32Array(2 * n);
      this.neighbourCols = new Int32Array(2 * n);
    }
    const nr = this.neighbourRows;
    const nc = this.neighbourCols;
    for (let i = 0; i < n; i++) {
      nr[i] = Math.floor(neighbours[i] / cols);
      nc[i] = neighbours[i] % cols;
    }
    // Tiles the moving diffuser served: each goes to its nearest among the others and `to`.
    for (let r = Math.max(0, fr - span); r <= Math.min(rows - 1, fr + span); r++) {
      for (let c = Math.max(0, fc - span); c <= Math.min(cols - 1, fc + span); c++) {
        const t = r * cols + c;
        if (owner[t] !== from) continue;
        let best = to;
        let bestD2 = (r - tr) * (r - tr) + (c - tc) * (c - tc);
        for (let i = 0; i < n; i++) {
          const d2 = (r - nr[i]) * (r - nr[i]) + (c - nc[i]) * (c - nc[i]);
          if (d2 < bestD2 || (d2 === bestD2 && neighbours[i] < best)) {
            bestD2 = d2;
            best = neighbours[i];
          }
        }
        this.record(t, best, bestD2);
      }
    }
    // Tiles the diffuser reaches from its new tile: it takes those it is nearer to.
    for (let r = Math.max(0, tr - span); r <= Math.min(rows - 1, tr + span); r++) {
      for (let c = Math.max(0, tc - span); c <= Math.min(cols - 1, tc + span); c++) {
        const t = r * cols + c;
        if (owner[t] < 0 || owner[t] === from) continue;
        const d2 = (r - tr) * (r - tr) + (c - tc) * (c - tc);
        if (d2 < nearestD2[t] || (d2 === nearestD2[t] && to < owner[t])) this.record(t, to, d2);
      }
    }
    this.visits += 2 * (2 * span + 1) * (2 * span + 1);
    // Net change of each diffuser's share (in `pending`, by diffuser tile); the moving one is
    // tracked apart because its name changes.
    let movedServed = served[from];
    touched.length = 0;
    for (let i = 0; i < this.changedTiles.length; i++) {
      const old = owner[this.changedTiles[i]];
      const next = this.changedOwners[i];
      if (old === from) movedServed--;
      else {
        if (pending[old] === 0) touched.push(old);
        pending[old]--;
      }
      if (next === to) movedServed++;
      else {
        if (pending[next] === 0) touched.push(next);
        pending[next]++;
      }
    }
    let sumOfSquares = this.sumOfSquares - served[from] * served[from] + movedServed * movedServed;
    for (const d of touched) {
      const after = served[d] + pending[d];
      sumOfSquares += after * after - served[d] * served[d];
      if (commit) served[d] = after;
      pending[d] = 0;
    }
    if (commit) {
      served[from] = 0;
      served[to] = movedServed;
      for (let i = 0; i < this.changedTiles.length; i++) {
        owner[this.changedTiles[i]] = this.changedOwners[i];
        nearestD2[this.changedTiles[i]] = this.changedD2[i];
      }
      this.sumOfSquares = sumOfSquares;
    }
    return this.evennessFor(sumOfSquares);
  }

  private record(t: number, owner: number, d2: number): void {
    this.changedTiles.push(t);
    this.changedOwners.push(owner);
    this.changedD2.push(d2);
  }

  private evennessFor(sumOfSquares: number): number {
    const n = this.diffusers;
    if (n === 0) return 0;
    const mean = this.roomTiles / n;
    const variance = Math.max(0, sumOfSquares / n - mean * mean);
    return Math.min(1, Math.max(0, 1 - Math.sqrt(variance) / mean));
  }
}

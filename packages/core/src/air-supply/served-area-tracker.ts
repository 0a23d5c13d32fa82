import { isWithin } from '../geometry/tolerance.js';
import type { Room } from '../room/room.js';
import { type DiffuserService, serveTiles } from './served-area.js';

/** Placeholders until the first batch sizes the lists (empty, so sharing them is safe). */
const NO_INTS = new Int32Array(0);
const NO_FLOATS = new Float64Array(0);

/** Slack on the geometric bounds of {@link ServedAreaTracker.startMoves}: they only ever widen. */
const BOUND_SLACK = 1e-9;

/**
 * The nearest-diffuser assignment of {@link serveTiles}, kept up to date as single diffusers
 * move, so a move's effect on evenness costs a few dozen tile visits instead of a pass over
 * the room. Diffusers are named by their tile index: ties go to the lower one, which is the
 * first in row-major order, exactly as the check assigns them.
 *
 * Moves of one diffuser are evaluated in a batch: {@link ServedAreaTracker.startMoves} notes,
 * once, the tiles it serves (with the other diffuser each would fall back to) and the tiles
 * that could change hands at all. A move by at most `s` tiles changes a tile's distance to the
 * moving diffuser by at most `s`, so only tiles whose nearest and second-nearest diffusers are
 * within `s` of each other in distance are contested; each candidate tile looks at those only.
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
  /**
   * Tile visits one evaluated move is charged: both windows around the old and new tile, as a
   * scan of them would cost (the budget predates the contested-tile lists; keeping the charge
   * keeps every layout the same).
   */
  private readonly visitsPerMove: number;
  /**
   * At least the largest `nearestD2` of any room tile: no tile farther than this from a
   * diffuser is served by it or could be taken by it.
   */
  private farthestD2 = 0;
  /** Scratch: per diffuser tile, the change of its share under the move being evaluated. */
  private readonly pending: Int32Array;
  private touched = NO_INTS;

  // The batch prepared by startMoves.
  /** The moving diffuser's tile, row and col; -1 when no batch is prepared. */
  private from = -1;
  private fromRow = 0;
  private fromCol = 0;
  /** Squared length of the longest move the batch allows, with the bound slack. */
  private stepLimit2 = 0;
  /**
   * The tiles `from` serves within its window: row, col, index, and the nearest other
   * diffuser (-1 when none) with its squared distance, where the tile goes unless the moved
   * diffuser stays nearer. Contested ones in `[0, contestedServed)`, the rest (which stay with
   * the moving diffuser whatever the move, so their fallback is never read and may not be the
   * nearest) in `[restServed, capacity)`.
   */
  private contestedServed = 0;
  private restServed = 0;
  private servedRow = NO_INTS;
  private servedCol = NO_INTS;
  private servedTile = NO_INTS;
  private fallback = NO_INTS;
  private fallbackD2 = NO_FLOATS;
  /** Tiles of other diffusers the move could take: row, col, index, owner, squared distance. */
  private contestedOthers = 0;
  private otherRow = NO_INTS;
  private otherCol = NO_INTS;
  private otherTile = NO_INTS;
  private otherOwner = NO_INTS;
  private otherD2 = NO_FLOATS;
  /**
   * Scratch: the neighbours given to {@link ServedAreaTracker.startMoves}, nearest to `from`
   * first: tile, row, col and distance to `from`.
   */
  private neighbourTiles = NO_INTS;
  private neighbourRows = NO_INTS;
  private neighbourCols = NO_INTS;
  private neighbourDistance = NO_FLOATS;
  /** Squared distance of the last {@link nearestNeighbour} answer. */
  private neighbourD2 = Number.POSITIVE_INFINITY;

  /**
   * @param service the {@link serveTiles} answer for `diffuserTiles` in ascending order and
   *   this radius, when the caller has it (the tracker then takes it over and changes it).
   */
  constructor(
    room: Room,
    diffuserTiles: readonly number[],
    coverageRadius: number,
    service?: DiffuserService,
  ) {
    const sorted = [...diffuserTiles].sort((a, b) => a - b);
    service ??= serveTiles(room, sorted, coverageRadius);
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
    this.farthestD2 = farthest;
    const side = 2 * this.reach + 1;
    this.visitsPerMove = 2 * side * side;
  }

  /** Evenness of the current assignment (the RULES §4 figure, as `evennessOf` computes it). */
  get evenness(): number {
    return this.evennessFor(this.sumOfSquares);
  }

  /**
   * Prepares evaluating moves of the diffuser on `from` to tiles at most `stepReach` tiles
   * away (Euclidean); `neighbours` must hold every other diffuser within `2 × reach` of `from`
   * (box distance). Valid until a move is committed.
   */
  startMoves(from: number, neighbours: readonly number[], stepReach: number): void {
    const { cols, rows, owner, nearestD2 } = this;
    const fr = Math.floor(from / cols);
    const fc = from % cols;
    const span = this.reach;
    const n = neighbours.length;
    this.sortNeighbours(neighbours, fr, fc);
    // A tile the move takes is within sqrt(farthestD2) of the new tile, so within that plus
    // the step of `from`; a tile it serves is within its window.
    const outer = Math.sqrt(this.farthestD2) + stepReach + BOUND_SLACK;
    // d(t, from) ≤ sqrt(nearestD2) + step holds whenever d2(t, from) ≤ nearestD2, and fails
    // whenever d2(t, from) > nearestD2 + beyond (as nearestD2 ≤ farthestD2): square roots only
    // for the tiles in between.
    const beyond = 2 * stepReach * Math.sqrt(this.farthestD2) + stepReach * stepReach + BOUND_SLACK;
    const boxReach = span + Math.ceil(stepReach);
    const r0 = Math.max(0, fr - boxReach);
    const r1 = Math.min(rows - 1, fr + boxReach);
    this.reserve(Math.min(rows, 2 * boxReach + 1) * Math.min(cols, 2 * boxReach + 1));
    const { servedRow, servedCol, servedTile, fallback, fallbackD2 } = this;
    const { otherRow, otherCol, otherTile, otherOwner, otherD2 } = this;
    let contested = 0;
    let rest = servedRow.length;
    let others = 0;
    for (let r = r0; r <= r1; r++) {
      const dy = r - fr;
      if (dy * dy > outer * outer) continue;
      const w = Math.min(boxReach, Math.floor(Math.sqrt(outer * outer - dy * dy)));
      for (let c = Math.max(0, fc - w); c <= Math.min(cols - 1, fc + w); c++) {
        const t = r * cols + c;
        const o = owner[t];
        if (o < 0) continue;
        const dx = c - fc;
        const fromD2 = dy * dy + dx * dx;
        if (o !== from) {
          // Taken only if the new tile is at most as far as its owner: d(t, from) − step ≤ d(t, owner).
          const ownD2 = nearestD2[t];
          if (fromD2 > ownD2 + beyond) continue;
          if (fromD2 > ownD2 && Math.sqrt(fromD2) > Math.sqrt(ownD2) + stepReach + BOUND_SLACK) continue;
          otherRow[others] = r;
          otherCol[others] = c;
          otherTile[others] = t;
          otherOwner[others] = o;
          otherD2[others] = nearestD2[t];
          others++;
          continue;
        }
        if (dy > span || dy < -span || dx > span || dx < -span) continue;
        // Nearest other diffuser, ties to the lower tile; the tile is lost only if the new tile
        // is at least as far as that one: d(t, fallback) ≤ d(t, from) + step. Neighbours come
        // nearest to `from` first and neighbour i is at least its distance − d(t, from) from
        // the tile, so the search stops once that exceeds both the best so far and the reach
        // that would contest the tile.
        const fromD = Math.sqrt(fromD2);
        const contestReach = fromD + stepReach + BOUND_SLACK;
        const best = this.nearestNeighbour(r, c, fromD, contestReach, n);
        const bestD2 = this.neighbourD2;
        const bestD = Math.sqrt(bestD2);
        const contest = best >= 0 && bestD <= contestReach;
        const k = contest ? contested++ : --rest;
        servedRow[k] = r;
        servedCol[k] = c;
        servedTile[k] = t;
        fallback[k] = best;
        fallbackD2[k] = bestD2;
      }
    }
    this.contestedServed = contested;
    this.restServed = rest;
    this.contestedOthers = others;
    this.from = from;
    this.fromRow = fr;
    this.fromCol = fc;
    this.stepLimit2 = stepReach * stepReach * (1 + BOUND_SLACK);
  }

  /**
   * The nearest neighbour (of the sorted `neighbours` of {@link startMoves}) to tile (r, c),
   * ties to the lower tile; −1 when none is within reach. Its squared distance is left in
   * `neighbourD2`. Neighbours come nearest to `from` first and neighbour i is at least its
   * distance − d(t, from) from the tile, so the search stops once that exceeds both the best
   * so far and the reach that would contest the tile.
   */
  private nearestNeighbour(r: number, c: number, fromD: number, contestReach: number, n: number): number {
    const { neighbourTiles, neighbourRows, neighbourCols, neighbourDistance } = this;
    let best = -1;
    let bestD2 = Number.POSITIVE_INFINITY;
    let bestD = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const lower = neighbourDistance[i] - fromD - BOUND_SLACK;
      if (lower > contestReach || lower > bestD) break;
      const dr = r - neighbourRows[i];
      const dc = c - neighbourCols[i];
      const d2 = dr * dr + dc * dc;
      if (d2 < bestD2 || (d2 === bestD2 && neighbourTiles[i] < best)) {
        bestD2 = d2;
        best = neighbourTiles[i];
        bestD = Math.sqrt(d2);
      }
    }
    this.neighbourD2 = bestD2;
    return best;
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
   * it served go to the nearer of `to` and their fallback; tiles of others it is nearer to
   * (ties to the lower tile) come to it. With `commit`, the move is recorded.
   */
  private sumOfSquaresAfter(to: number, commit: boolean): number {
    const { cols, owner, nearestD2, served, pending, touched, from } = this;
    const tr = Math.floor(to / cols);
    const tc = to % cols;
    const span = this.reach;
    if (from < 0 || (tr - this.fromRow) ** 2 + (tc - this.fromCol) ** 2 > this.stepLimit2) {
      throw new RangeError(`move to tile ${to} is not in the batch prepared by startMoves`);
    }
    let touchedCount = 0;
    // The moving diffuser's share is kept apart, as its name changes.
    let movedServed = served[from];
    // Tiles of others within its new window that it is nearer to.
    const { otherRow, otherCol, otherTile, otherOwner, otherD2 } = this;
    const others = this.contestedOthers;
    for (let k = 0; k < others; k++) {
      const dr = otherRow[k] - tr;
      const dc = otherCol[k] - tc;
      if (dr > span || dr < -span || dc > span || dc < -span) continue;
      const d2 = dr * dr + dc * dc;
      const old = otherOwner[k];
      if (d2 < otherD2[k] || (d2 === otherD2[k] && to < old)) {
        if (pending[old] === 0) touched[touchedCount++] = old;
        pending[old]--;
        movedServed++;
        if (commit) {
          owner[otherTile[k]] = to;
          nearestD2[otherTile[k]] = d2;
        }
      }
    }
    // Tiles it served: those now nearer their fallback leave it.
    const { servedRow, servedCol, servedTile, fallback, fallbackD2 } = this;
    const contested = this.contestedServed;
    for (let k = 0; k < contested; k++) {
      const dr = servedRow[k] - tr;
      const dc = servedCol[k] - tc;
      const d2 = dr * dr + dc * dc;
      const other = fallback[k];
      const otherD2 = fallbackD2[k];
      if (d2 < otherD2 || (d2 === otherD2 && to < other)) {
        if (commit) this.assign(servedTile[k], to, d2);
        continue;
      }
      movedServed--;
      if (pending[other] === 0) touched[touchedCount++] = other;
      pending[other]++;
      if (commit) this.assign(servedTile[k], other, otherD2);
    }
    if (commit) {
      for (let k = this.restServed; k < servedRow.length; k++) {
        const dr = servedRow[k] - tr;
        const dc = servedCol[k] - tc;
        this.assign(servedTile[k], to, dr * dr + dc * dc);
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

  /** Fills the neighbour scratch with `neighbours`, nearest to `(fr, fc)` first (insertion sort: a handful). */
  private sortNeighbours(neighbours: readonly number[], fr: number, fc: number): void {
    const { cols } = this;
    const n = neighbours.length;
    if (this.neighbourTiles.length < n) {
      this.neighbourTiles = new Int32Array(2 * n);
      this.neighbourRows = new Int32Array(2 * n);
      this.neighbourCols = new Int32Array(2 * n);
      this.neighbourDistance = new Float64Array(2 * n);
    }
    const { neighbourTiles, neighbourRows, neighbourCols, neighbourDistance } = this;
    for (let i = 0; i < n; i++) {
      const p = neighbours[i];
      const r = Math.floor(p / cols);
      const c = p % cols;
      const d = Math.sqrt((r - fr) * (r - fr) + (c - fc) * (c - fc));
      let j = i;
      for (; j > 0 && neighbourDistance[j - 1] > d; j--) {
        neighbourTiles[j] = neighbourTiles[j - 1];
        neighbourRows[j] = neighbourRows[j - 1];
        neighbourCols[j] = neighbourCols[j - 1];
        neighbourDistance[j] = neighbourDistance[j - 1];
      }
      neighbourTiles[j] = p;
      neighbourRows[j] = r;
      neighbourCols[j] = c;
      neighbourDistance[j] = d;
    }
  }

  /** Gives tile `t` to diffuser `to` at squared distance `d2` (a served tile changing hands). */
  private assign(t: number, to: number, d2: number): void {
    this.owner[t] = to;
    this.nearestD2[t] = d2;
    if (d2 > this.farthestD2) this.farthestD2 = d2;
  }

  /** Makes the batch lists hold `tiles` tiles. */
  private reserve(tiles: number): void {
    if (this.servedRow.length >= tiles) return;
    this.servedRow = new Int32Array(tiles);
    this.servedCol = new Int32Array(tiles);
    this.servedTile = new Int32Array(tiles);
    this.fallback = new Int32Array(tiles);
    this.fallbackD2 = new Float64Array(tiles);
    this.otherRow = new Int32Array(tiles);
    this.otherCol = new Int32Array(tiles);
    this.otherTile = new Int32Array(tiles);
    this.otherOwner = new Int32Array(tiles);
    this.otherD2 = new Float64Array(tiles);
    // Each listed tile changes hands at most once per move.
    this.touched = new Int32Array(2 * tiles);
  }

  private evennessFor(sumOfSquares: number): number {
    const n = this.diffusers;
    if (n === 0) return 0;
    const mean = this.roomTiles / n;
    const variance = Math.max(0, sumOfSquares / n - mean * mean);
    return Math.min(1, Math.max(0, 1 - Math.sqrt(variance) / mean));
  }
}

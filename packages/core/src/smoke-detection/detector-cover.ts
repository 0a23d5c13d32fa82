import { diskOffsets } from '../geometry/disk-offsets.js';
import type { Room } from '../room/room.js';
import type { CheckPointGrid, HalfDisk } from './check-points.js';
import type { DetectorSites } from './detector-sites.js';
import { RepairSiteChooser } from './repair-site.js';
import { TypedArena } from './typed-arena.js';

/**
 * Added to the cover count of lattice points that are no check point: far above any real count
 * (a Uint16 holds it plus 32 767 detectors), so such points never read as uncovered (0) or
 * covered once (1).
 */
const NOT_A_POINT = 0x8000;

/** How far (tiles) a repair may nudge an existing candidate detector to close a sliver. */
const NUDGE_REACH = 2;
const NUDGE_OFFSETS = diskOffsets(NUDGE_REACH);

/** Failed drops in a row after which {@link DetectorCover.dropByNudging} stops trying. */
const DROP_PATIENCE = 60;

/**
 * The working state of one candidate detector layout: which tiles hold detectors (existing ones
 * first, never removed) and, per half-tile lattice point, how many detectors cover it. Reused
 * across candidates with {@link DetectorCover.reset}.
 */
export class DetectorCover {
  /** Detector tiles; the first `existing.length` are the room's own. */
  readonly detectors: number[] = [];
  /**
   * Per lattice point: detectors within the coverage radius, plus {@link NOT_A_POINT} on lattice
   * points that are no check point, so "is an uncovered check point" is `cover[p] === 0` and
   * "is a check point covered once" is `cover[p] === 1`, without a look at the mask.
   */
  readonly cover: Uint16Array;
  /** {@link DetectorCover.cover} with no detector: 0 on check points, NOT_A_POINT elsewhere. */
  private readonly bare: Uint16Array;
  private readonly occupied: Uint8Array;
  /** Scratch for {@link DetectorCover.snapped}: the existing detectors, and the snapped ones meanwhile. */
  private readonly taken: Uint8Array;
  /**
   * The largest detector count the last {@link DetectorCover.repair} held against its limit (0
   * when it added none): the same repair under another limit gives up exactly when this exceeds
   * it, since the limit changes nothing before that.
   */
  repairPeak = 0;
  /**
   * Per lattice row offset `|dy|` within reach: the largest `|dx|` (any parity) with
   * `dx² + dy² ≤ limit`, or -1 when none.
   */
  private readonly spanX: Int32Array;
  /** Scratch for {@link DetectorCover.nudgeToCover}: the points the detector being moved covers alone. */
  private loneY = new Int32Array(0);
  private loneX = new Int32Array(0);
  /** Where a repair adds its detector for an uncovered point. */
  private readonly siteChooser: RepairSiteChooser;

  constructor(
    readonly room: Room,
    readonly grid: CheckPointGrid,
    readonly disk: HalfDisk,
    readonly sites: DetectorSites,
    readonly existing: readonly number[],
  ) {
    const { limit } = disk;
    let reach = 0;
    while ((reach + 1) * (reach + 1) <= limit) reach++;
    const points = grid.height * grid.width;
    const arena = new TypedArena()
      .reserve(2, points)
      .reserve(2, points)
      .reserve(1, room.rows * room.cols)
      .reserve(1, room.rows * room.cols)
      .reserve(4, reach + 1)
      .allocate();
    this.cover = arena.take(Uint16Array);
    this.bare = arena.take(Uint16Array);
    this.occupied = arena.take(Uint8Array);
    this.taken = arena.take(Uint8Array);
    this.spanX = arena.take(Int32Array);
    for (let p = 0; p < grid.mask.length; p++) if (!grid.mask[p]) this.bare[p] = NOT_A_POINT;
    for (const t of existing) this.taken[t] = 1;
    for (let dy = 0; dy <= reach; dy++) {
      let m = 0;
      while ((m + 1) * (m + 1) + dy * dy <= limit) m++;
      this.spanX[dy] = m;
    }
    this.siteChooser = new RepairSiteChooser(room, grid, disk, sites, this.spanX, this.cover, this.occupied);
    this.reset();
  }

  /** Back to the existing detectors only. */
  reset(): void {
    this.cover.set(this.bare);
    this.occupied.fill(0);
    this.detectors.length = 0;
    for (const t of this.existing) this.add(t);
  }

  /** Tiles of the detectors added to the existing ones, ascending. */
  newDetectors(): number[] {
    return this.detectors.slice(this.existing.length).sort((a, b) => a - b);
  }

  /** Whether a new detector may stand on tile `t` under every rule. */
  isOpen(t: number): boolean {
    return this.sites.allowed[t] === 1 && this.occupied[t] === 0;
  }

  /** Adds a detector on tile `t`. */
  add(t: number): void {
    this.detectors.push(t);
    this.occupied[t] = 1;
    this.stamp(t, 1);
  }

  /**
   * Where the proposed tiles land, in order, when each is snapped onto a new detector tile: on
   * it if open, else on the nearest open tile among the `snap` offsets (nearest first); none
   * when it already holds a detector (existing or snapped before) or no tile is open. Leaves the
   * state as it is: the caller adds the tiles (or skips a layout it has already worked).
   */
  snapped(proposal: readonly number[], snapRows: Int32Array, snapCols: Int32Array): number[] {
    const { rows, cols } = this.room;
    const { allowed } = this.sites;
    const { taken } = this;
    const layout: number[] = [];
    for (const t of proposal) {
      if (taken[t]) continue;
      const r = Math.floor(t / cols);
      const c = t - r * cols;
      for (let k = 0; k < snapRows.length; k++) {
        const rr = r + snapRows[k];
        const cc = c + snapCols[k];
        if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
        const u = rr * cols + cc;
        if (allowed[u] === 1 && taken[u] === 0) {
          taken[u] = 1;
          layout.push(u);
          break;
        }
      }
    }
    for (const t of layout) taken[t] = 0;
    return layout;
  }

  /**
   * Covers every check point left uncovered, greedily: for the first uncovered point in
   * row-major order, a nearby new detector nudged a tile or two if that covers it without
   * uncovering anything (snapping leaves such slivers), else a new detector on the open tile
   * within reach that covers the most uncovered points around it.
   *
   * @param limit stop (returning false) once there are more detectors than this: the caller
   *   already holds a better layout.
   * When no open tile reaches the point (an infeasible room), the free tile that reaches it and
   * stands farthest from the diffusers (breaking the clearance least); when no free tile
   * reaches it at all, the point is given up.
   */
  repair(limit = Number.POSITIVE_INFINITY): boolean {
    const { cover } = this;
    this.repairPeak = 0;
    // Covering a point uncovers none (a nudge keeps what the nudged detector alone covered),
    // so one pass over the uncovered points in order sees them all.
    for (let p = cover.indexOf(0); p >= 0; p = cover.indexOf(0, p + 1)) {
      if (this.nudgeToCover(p)) continue;
      const site = this.siteChooser.bestSiteFor(p);
      // No detector can ever reach a point no free tile reaches: it is no check point for the
      // rest of this layout's work.
      if (site < 0) cover[p] = NOT_A_POINT;
      else this.add(site);
      const count = this.detectors.length;
      if (count > this.repairPeak) this.repairPeak = count;
      if (count > limit) return false;
    }
    return true;
  }

  /**
   * Removes new detectors whose check points all stay covered without them, those that cover
   * the fewest points alone first.
   */
  prune(): void {
    const first = this.existing.length;
    const candidates = this.detectors.slice(first).map((t) => ({ t, alone: this.pointsCoveredOnlyBy(t) }));
    candidates.sort((a, b) => a.alone - b.alone || a.t - b.t);
    const removed = new Set<number>();
    for (const { t } of candidates) {
      if (!this.coversAnyAlone(t)) {
        this.stamp(t, -1);
        this.occupied[t] = 0;
        removed.add(t);
      }
    }
    if (removed.size === 0) return;
    const kept = this.detectors.filter((t, i) => i < first || !removed.has(t));
    this.detectors.length = 0;
    this.detectors.push(...kept);
  }

  /** Whether every check point is covered (points given up by a repair aside). */
  coversAll(): boolean {
    return this.cover.indexOf(0) < 0;
  }

  /**
   * Tries to cover point `p` by moving one new detector near it to an open tile within
   * {@link NUDGE_OFFSETS} of where it stands, keeping every point it alone covered. Nearest
   * detectors and shortest moves first; returns whether one moved.
   */
  private nudgeToCover(p: number, moves?: [number, number, number][]): boolean {
    const { width } = this.grid;
    const { reach, limit } = this.disk;
    const { rows, cols } = this.room;
    const py = Math.floor(p / width);
    const px = p % width;
    const near: [number, number][] = [];
    const within = (reach + 2 * NUDGE_REACH + 1) ** 2;
    for (let i = this.existing.length; i < this.detectors.length; i++) {
      const t = this.detectors[i];
      if (t < 0) continue;
      const d2 = (2 * Math.floor(t / cols) + 1 - py) ** 2 + (2 * (t % cols) + 1 - px) ** 2;
      if (d2 <= within) near.push([d2, i]);
    }
    near.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [, i] of near) {
      const from = this.detectors[i];
      const r = Math.floor(from / cols);
      const c = from % cols;
      // The points `from` alone covers, gathered once for all the moves tried (-1: not yet).
      let lone = -1;
      for (let k = 1; k < NUDGE_OFFSETS.dr.length; k++) {
        const rr = r + NUDGE_OFFSETS.dr[k];
        const cc = c + NUDGE_OFFSETS.dc[k];
        if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
        const to = rr * cols + cc;
        if (!this.isOpen(to)) continue;
        if ((2 * rr + 1 - py) ** 2 + (2 * cc + 1 - px) ** 2 > limit) continue;
        if (lone < 0) lone = this.gatherLone(from);
        if (!this.loneWithin(lone, 2 * rr + 1, 2 * cc + 1)) continue;
        this.move(i, to);
        moves?.push([i, from, to]);
        return true;
      }
    }
    return false;
  }

  /** Moves detector `i` to tile `to`. */
  private move(i: number, to: number): void {
    const from = this.detectors[i];
    this.stamp(from, -1);
    this.occupied[from] = 0;
    this.stamp(to, 1);
    this.occupied[to] = 1;
    this.detectors[i] = to;
  }

  /**
   * Tries the new detectors in turn, those covering the fewest points alone first: takes one
   * away and closes the gap it leaves by nudging neighbours only; keeps the removal when that
   * covers everything again, else restores it. Stops after {@link DROP_PATIENCE} failures in a
   * row. Catches the spare detectors a tight layout carries after snapping and repair.
   */
  dropByNudging(): void {
    const { grid, cover } = this;
    const { width, height } = grid;
    const { reach, span } = this.disk;
    const cols = this.room.cols;
    const moves: [number, number, number][] = [];
    const holes: number[] = [];
    // Those covering the fewest points alone are the likeliest spares; after a run of failures
    // the rest are not worth their cost.
    const order: [number, number][] = [];
    for (let i = this.existing.length; i < this.detectors.length; i++) {
      order.push([this.pointsCoveredOnlyBy(this.detectors[i]), i]);
    }
    order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let failures = 0;
    for (const [, i] of order) {
      if (failures >= DROP_PATIENCE) break;
      const t = this.detectors[i];
      this.stamp(t, -1);
      this.occupied[t] = 0;
      this.detectors[i] = -1;
      holes.length = 0;
      const r0 = Math.floor(t / cols);
      const y0 = 2 * r0 + 1;
      const x0 = 2 * (t - r0 * cols) + 1;
      for (let dy = -reach; dy <= reach; dy++) {
        const y = y0 + dy;
        const m = span[dy + reach];
        if (y < 0 || y >= height || m < 0) continue;
        let x = x0 - m;
        if (x < 0) x &= 1; // the first point of the same parity at or right of 0
        const end = Math.min(x0 + m, width - 1);
        for (; x <= end; x += 2) if (cover[y * width + x] === 0) holes.push(y * width + x);
      }
      moves.length = 0;
      let closed = true;
      for (const p of holes) {
        if (cover[p] > 0) continue;
        if (!this.nudgeToCover(p, moves)) {
          closed = false;
          break;
        }
      }
      if (closed) {
        failures = 0;
        continue;
      }
      failures++;
      for (let k = moves.length - 1; k >= 0; k--) this.move(moves[k][0], moves[k][1]);
      this.detectors[i] = t;
      this.occupied[t] = 1;
      this.stamp(t, 1);
    }
    const kept = this.detectors.filter((t) => t >= 0);
    this.detectors.length = 0;
    this.detectors.push(...kept);
  }

  /**
   * Gathers the check points only tile `from` covers into the lone-point scratch; returns how
   * many there are.
   */
  private gatherLone(from: number): number {
    const { cover } = this;
    const { width, height } = this.grid;
    const { reach, span } = this.disk;
    const cols = this.room.cols;
    const r0 = Math.floor(from / cols);
    const y0 = 2 * r0 + 1;
    const x0 = 2 * (from - r0 * cols) + 1;
    if (this.loneY.length === 0) {
      const size = (2 * reach + 1) * (2 * reach + 1);
      const arena = new TypedArena().reserve(4, size).reserve(4, size).allocate();
      this.loneY = arena.take(Int32Array);
      this.loneX = arena.take(Int32Array);
    }
    const { loneY, loneX } = this;
    let n = 0;
    for (let dy = -reach; dy <= reach; dy++) {
      const y = y0 + dy;
      const m = span[dy + reach];
      if (y < 0 || y >= height || m < 0) continue;
      let x = x0 - m;
      if (x < 0) x &= 1; // the first point of the same parity at or right of 0
      const end = Math.min(x0 + m, width - 1);
      const row = y * width;
      for (; x <= end; x += 2) {
        if (cover[row + x] === 1) {
          loneY[n] = y;
          loneX[n] = x;
          n++;
        }
      }
    }
    return n;
  }

  /** Whether the first `count` gathered lone points all lie within reach of lattice point (ty, tx). */
  private loneWithin(count: number, ty: number, tx: number): boolean {
    const { loneY, loneX } = this;
    const { limit } = this.disk;
    for (let i = 0; i < count; i++) {
      const dy = loneY[i] - ty;
      const dx = loneX[i] - tx;
      if (dy * dy + dx * dx > limit) return false;
    }
    return true;
  }

  /** Check points within reach of tile `t` that only `t` covers. */
  private pointsCoveredOnlyBy(t: number): number {
    const { cover } = this;
    const { width, height } = this.grid;
    const { reach, span } = this.disk;
    const cols = this.room.cols;
    const r0 = Math.floor(t / cols);
    const y0 = 2 * r0 + 1;
    const x0 = 2 * (t - r0 * cols) + 1;
    let alone = 0;
    for (let dy = -reach; dy <= reach; dy++) {
      const y = y0 + dy;
      const m = span[dy + reach];
      if (y < 0 || y >= height || m < 0) continue;
      let x = x0 - m;
      if (x < 0) x &= 1; // the first point of the same parity at or right of 0
      const end = Math.min(x0 + m, width - 1);
      const row = y * width;
      for (; x <= end; x += 2) if (cover[row + x] === 1) alone++;
    }
    return alone;
  }

  /** Whether some check point within reach of tile `t` is covered by `t` only. */
  private coversAnyAlone(t: number): boolean {
    const { cover } = this;
    const { width, height } = this.grid;
    const { reach, span } = this.disk;
    const cols = this.room.cols;
    const r0 = Math.floor(t / cols);
    const y0 = 2 * r0 + 1;
    const x0 = 2 * (t - r0 * cols) + 1;
    for (let dy = -reach; dy <= reach; dy++) {
      const y = y0 + dy;
      const m = span[dy + reach];
      if (y < 0 || y >= height || m < 0) continue;
      let x = x0 - m;
      if (x < 0) x &= 1; // the first point of the same parity at or right of 0
      const end = Math.min(x0 + m, width - 1);
      const row = y * width;
      for (; x <= end; x += 2) if (cover[row + x] === 1) return true;
    }
    return false;
  }

  private stamp(t: number, delta: number): void {
    const { cover } = this;
    const { width, height } = this.grid;
    const { reach, span } = this.disk;
    const cols = this.room.cols;
    const r0 = Math.floor(t / cols);
    const y0 = 2 * r0 + 1;
    const x0 = 2 * (t - r0 * cols) + 1;
    for (let dy = -reach; dy <= reach; dy++) {
      const y = y0 + dy;
      const m = span[dy + reach];
      if (y < 0 || y >= height || m < 0) continue;
      let x = x0 - m;
      if (x < 0) x &= 1; // the first point of the same parity at or right of 0
      const end = Math.min(x0 + m, width - 1);
      const row = y * width;
      for (; x <= end; x += 2) cover[row + x] += delta;
    }
  }
}

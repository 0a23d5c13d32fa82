import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import type { CheckPointGrid, HalfDisk } from './check-points.js';
import type { DetectorSites } from './detector-sites.js';
import { TypedArena } from './typed-arena.js';

const FREE: number = TileKind.Free;

/** Uncovered points sampled when scoring a repair site: enough to rank sites, bounded cost. */
const GAIN_SAMPLE = 192;

/**
 * Chooses where {@link DetectorCover.repair} adds a detector for an uncovered check point: of
 * the open tiles within reach of the point, the one within reach of the most uncovered points
 * near it (a sample of them); with no open tile, the free tile farthest from the diffusers.
 * Reads the cover's arrays, which it shares; keeps its own scratch.
 */
export class RepairSiteChooser {
  /** Coordinates of the uncovered points near the point being repaired. */
  private uncoveredY = new Int32Array(0);
  private uncoveredX = new Int32Array(0);
  /** Prefix counts of the sampled points, per lattice row of the window. */
  private runs = new Int32Array(0);
  /** The window of the current search (lattice rows y0..y1, columns x0..x1) and its samples. */
  private y0 = 0;
  private y1 = 0;
  private x0 = 0;
  private x1 = 0;
  private found = 0;
  private stride = 1;
  private byRuns = false;
  private runWidth = 0;

  constructor(
    private readonly room: Room,
    private readonly grid: CheckPointGrid,
    private readonly disk: HalfDisk,
    private readonly sites: DetectorSites,
    /** Per `|dy|` within reach: the largest `|dx|` with `dx² + dy² ≤ limit` (see DetectorCover). */
    private readonly spanX: Int32Array,
    /** The cover counts per lattice point (0: an uncovered check point). */
    private readonly cover: Uint16Array,
    /** 1 on tiles holding a detector. */
    private readonly occupied: Uint8Array,
  ) {}

  /** The tile to add for uncovered point `p`; -1 when none. */
  bestSiteFor(p: number): number {
    const { width } = this.grid;
    const { reach, limit } = this.disk;
    const { rows, cols, tiles } = this.room;
    const py = Math.floor(p / width);
    const px = p % width;
    this.sampleUncovered(py, px);
    let best = -1;
    let bestGain = -1;
    let fallback = -1;
    let fallbackD2 = -1;
    let fallbackGain = -1;
    const r0 = Math.max(0, Math.ceil((py - reach - 1) / 2));
    const r1 = Math.min(rows - 1, Math.floor((py + reach - 1) / 2));
    for (let r = r0; r <= r1; r++) {
      const dy = 2 * r + 1 - py;
      const rest = limit - dy * dy;
      if (rest < 0) continue;
      const m = Math.floor(Math.sqrt(rest));
      const c0 = Math.max(0, Math.ceil((px - m - 1) / 2));
      const c1 = Math.min(cols - 1, Math.floor((px + m - 1) / 2));
      for (let c = c0; c <= c1; c++) {
        const t = r * cols + c;
        const open = this.sites.allowed[t] === 1 && this.occupied[t] === 0;
        // A fallback must at least be a free tile: never a light, a device or a blocked tile.
        if (!open && (best >= 0 || this.occupied[t] || tiles[t] !== FREE)) continue;
        const gain = this.gainAt(2 * r + 1, 2 * c + 1);
        if (open) {
          if (gain > bestGain) {
            bestGain = gain;
            best = t;
          }
        } else {
          const d2 = this.sites.clearanceD2[t];
          if (d2 > fallbackD2 || (d2 === fallbackD2 && gain > fallbackGain)) {
            fallbackD2 = d2;
            fallbackGain = gain;
            fallback = t;
          }
        }
      }
    }
    return best >= 0 ? best : fallback;
  }

  /**
   * Collects the uncovered points a site covering (py, px) could also cover, and samples every
   * stride-th of them. With many samples, each site sums row runs of a prefix count of the
   * samples (one lookup per lattice row) instead of testing every sample: the same count.
   */
  private sampleUncovered(py: number, px: number): void {
    const { width, height } = this.grid;
    const { reach } = this.disk;
    const { cover } = this;
    const y0 = Math.max(0, py - 2 * reach);
    const y1 = Math.min(height - 1, py + 2 * reach);
    const x0 = Math.max(0, px - 2 * reach);
    const x1 = Math.min(width - 1, px + 2 * reach);
    this.reserve((y1 - y0 + 1) * (x1 - x0 + 1));
    const { uncoveredY, uncoveredX } = this;
    let found = 0;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0, q = y * width + x0; x <= x1; x++, q++) {
        if (cover[q] === 0) {
          uncoveredY[found] = y;
          uncoveredX[found] = x;
          found++;
        }
      }
    }
    const stride = Math.ceil(found / GAIN_SAMPLE);
    const samples = Math.ceil(found / stride);
    const byRuns = samples > 2 * this.spanX.length;
    const runWidth = x1 - x0 + 2;
    if (byRuns) {
      const { runs } = this;
      const size = (y1 - y0 + 1) * runWidth;
      runs.fill(0, 0, size);
      for (let i = 0; i < found; i += stride)
        runs[(uncoveredY[i] - y0) * runWidth + uncoveredX[i] - x0 + 1] = 1;
      for (let y = 0; y <= y1 - y0; y++) {
        const row = y * runWidth;
        for (let x = 1; x < runWidth; x++) runs[row + x] += runs[row + x - 1];
      }
    }
    this.y0 = y0;
    this.y1 = y1;
    this.x0 = x0;
    this.x1 = x1;
    this.found = found;
    this.stride = stride;
    this.byRuns = byRuns;
    this.runWidth = runWidth;
  }

  /** Sizes the scratch once for the largest window (4·reach + 1 square, clipped to the lattice). */
  private reserve(area: number): void {
    if (this.uncoveredY.length >= area) return;
    const { width, height } = this.grid;
    const side = 4 * this.disk.reach + 1;
    const rowsMax = Math.min(height, side);
    const colsMax = Math.min(width, side);
    const arena = new TypedArena()
      .reserve(4, rowsMax * colsMax)
      .reserve(4, rowsMax * colsMax)
      .reserve(4, rowsMax * (colsMax + 1))
      .allocate();
    this.uncoveredY = arena.take(Int32Array);
    this.uncoveredX = arena.take(Int32Array);
    this.runs = arena.take(Int32Array);
  }

  /** Sampled uncovered points within reach of a site at lattice point (sy, sx). */
  private gainAt(sy: number, sx: number): number {
    const { spanX, y0, y1, x0, x1 } = this;
    let gain = 0;
    if (this.byRuns) {
      const { runs, runWidth } = this;
      const top = Math.max(y0, sy - spanX.length + 1);
      const bottom = Math.min(y1, sy + spanX.length - 1);
      for (let y = top; y <= bottom; y++) {
        const half = spanX[y < sy ? sy - y : y - sy];
        const lo = Math.max(x0, sx - half);
        const hi = Math.min(x1, sx + half);
        if (lo > hi) continue;
        const row = (y - y0) * runWidth - x0;
        gain += runs[row + hi + 1] - runs[row + lo];
      }
    } else {
      const { uncoveredY, uncoveredX, found, stride } = this;
      const { limit } = this.disk;
      for (let i = 0; i < found; i += stride) {
        const dqy = uncoveredY[i] - sy;
        const dqx = uncoveredX[i] - sx;
        if (dqy * dqy + dqx * dqx <= limit) gain++;
      }
    }
    return gain;
  }
}

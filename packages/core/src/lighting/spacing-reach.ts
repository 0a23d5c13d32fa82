import { type DiskOffsets, diskOffsets, forEachTileInDisk } from '../geometry/disk-offsets.js';
import { withinLimit } from '../geometry/tolerance.js';
import { TileKind } from '../room/tile-kind.js';
import type { Photometry } from './photometry.js';

const FREE: number = TileKind.Free;
const LIGHT: number = TileKind.Light;

/**
 * The RULES §4 spacing criterion's reach in tile edges: every task point must lie within
 * `SC · h / √2` of a light (h the mounting height above the work plane, both in metres).
 * `Infinity` when the criterion is off (`spacingCriterion: 0`).
 */
export function spacingReachTiles(photometry: Photometry): number {
  const sc = photometry.room.requirements.spacingCriterion;
  if (!(sc > 0)) return Number.POSITIVE_INFINITY;
  return (sc * photometry.mountingHeightMetres) / Math.SQRT2 / photometry.cellMetres;
}

/** The tile offsets within the spacing reach (disk, with the shared relative tolerance). */
export function spacingReachOffsets(photometry: Photometry): DiskOffsets | undefined {
  const reach = spacingReachTiles(photometry);
  if (!Number.isFinite(reach)) return undefined;
  return diskOffsets(Math.min(reach, photometry.rows + photometry.cols));
}

/**
 * How many lights reach each task point under the spacing criterion, kept up to date as lights
 * come and go: what the light models consult before a removal or a move. Task points that no
 * free or light tile can reach are left out of {@link unreached} (no layout can help them; the
 * check names them), so a model never chases the impossible.
 */
export class SpacingReach {
  /** Lights within reach of each task point tile (0 elsewhere). */
  readonly count: Int32Array;
  /** Task points no light reaches, among those some tile could reach. */
  unreached = 0;
  /** Task points that no free or light tile of the room reaches: no layout meets the rule. */
  readonly impossible: number = 0;
  private readonly offsets: DiskOffsets | undefined;
  /** Largest squared offset, tile edges², within the reach. */
  private readonly limit2: number;
  private readonly reachable: Uint8Array;
  private readonly rows: number;
  private readonly cols: number;
  private readonly taskPoints: Int32Array;

  constructor(photometry: Photometry, lights: Uint8Array) {
    const { rows, cols, taskPoints, room } = photometry;
    this.rows = rows;
    this.cols = cols;
    this.taskPoints = taskPoints;
    this.count = new Int32Array(rows * cols);
    this.reachable = new Uint8Array(rows * cols);
    this.offsets = spacingReachOffsets(photometry);
    const reach = spacingReachTiles(photometry);
    this.limit2 = Number.isFinite(reach) ? withinLimit(reach * reach) : Number.POSITIVE_INFINITY;
    if (!this.offsets) return;
    // A task point counts only when some free or light tile reaches it.
    const mark = new Int32Array(rows * cols);
    for (let t = 0; t < room.tiles.length; t++) {
      if (room.tiles[t] === FREE || room.tiles[t] === LIGHT || lights[t]) this.visit(t, mark);
    }
    let impossible = 0;
    for (const p of taskPoints) {
      if (mark[p] > 0) this.reachable[p] = 1;
      else impossible++;
    }
    this.impossible = impossible;
    this.reset(lights);
  }

  /** Whether the criterion applies at all. */
  get active(): boolean {
    return this.offsets !== undefined;
  }

  /** Recounts from scratch for the given light layout (1 where a light stands). */
  reset(lights: Uint8Array): void {
    if (!this.offsets) return;
    this.count.fill(0);
    for (let t = 0; t < lights.length; t++) if (lights[t]) this.visit(t, this.count);
    let unreached = 0;
    for (const p of this.taskPoints) if (this.reachable[p] && this.count[p] === 0) unreached++;
    this.unreached = unreached;
  }

  add(tile: number): void {
    if (this.offsets) this.update(tile, 1);
  }

  remove(tile: number): void {
    if (this.offsets) this.update(tile, -1);
  }

  /** True when removing the light on `tile` would leave a reachable task point unreached. */
  isSoleReach(tile: number): boolean {
    const { offsets } = this;
    if (!offsets) return false;
    const { rows, cols, count, reachable } = this;
    const r0 = Math.floor(tile / cols);
    const c0 = tile - r0 * cols;
    for (let i = 0; i < offsets.dr.length; i++) {
      const r = r0 + offsets.dr[i];
      const c = c0 + offsets.dc[i];
      if (r < 0 || r >= rows || c < 0 || c >= cols) continue;
      const p = r * cols + c;
      if (reachable[p] && count[p] === 1) return true;
    }
    return false;
  }

  /** The first unreached (but reachable) task point, or −1. */
  firstUnreached(): number {
    if (this.unreached === 0) return -1;
    for (const p of this.taskPoints) if (this.reachable[p] && this.count[p] === 0) return p;
    return -1;
  }

  /** Whether a light on `tile` would reach the task point `point`. */
  reaches(tile: number, point: number): boolean {
    if (!this.offsets) return true;
    const { cols } = this;
    const dr = Math.floor(tile / cols) - Math.floor(point / cols);
    const dc = (tile % cols) - (point % cols);
    return dr * dr + dc * dc <= this.limit2;
  }

  private update(tile: number, sign: 1 | -1): void {
    const { offsets, rows, cols, count, reachable } = this;
    if (!offsets) return;
    const r0 = Math.floor(tile / cols);
    const c0 = tile - r0 * cols;
    for (let i = 0; i < offsets.dr.length; i++) {
      const r = r0 + offsets.dr[i];
      const c = c0 + offsets.dc[i];
      if (r < 0 || r >= rows || c < 0 || c >= cols) continue;
      const p = r * cols + c;
      if (!reachable[p]) continue;
      const before = count[p];
      count[p] = before + sign;
      if (before === 0 && sign > 0) this.unreached--;
      else if (before === 1 && sign < 0) this.unreached++;
    }
  }

  /** Adds one to `into` at every tile within reach of `tile` (counts from scratch; not a hot path). */
  private visit(tile: number, into: Int32Array): void {
    if (!this.offsets) return;
    forEachTileInDisk(tile, this.rows, this.cols, this.offsets, (t) => {
      into[t]++;
    });
  }
}

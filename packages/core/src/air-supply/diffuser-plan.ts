import { type DiskOffsets, diskOffsets } from '../geometry/disk-offsets.js';
import { atLeastLimit, withinLimit } from '../geometry/tolerance.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';

const OUTSIDE: number = TileKind.Outside;
const FREE: number = TileKind.Free;
const AIR_SUPPLY: number = TileKind.AirSupply;
const SMOKE_DETECTOR: number = TileKind.SmokeDetector;

/**
 * The working state of the air-supply model: the diffusers placed so far (existing ones first
 * and fixed), a bucket grid for the spacing rule and, per tile, how many diffusers cover it.
 * Everything is in tile units; every change keeps spacing and clearance, so the model only has
 * to worry about coverage and count.
 */
export class DiffuserPlan {
  readonly rows: number;
  readonly cols: number;
  /** Squared coverage radius, squared minimum spacing, tile units. */
  readonly radius2: number;
  readonly spacing2: number;
  /** The same with the rule slack: covered within `coverLimit2`, far enough from `spacingLimit2`. */
  private readonly coverLimit2: number;
  private readonly spacingLimit2: number;
  /** The coverage disk as row spans: for `dr` in `[-reach, reach]`, `|dc| ≤ span[dr + reach]`. */
  readonly coverReach: number;
  readonly coverSpan: Int32Array;
  private coverOffsets?: DiskOffsets;
  /** Tile index of each diffuser id. */
  readonly position: number[] = [];
  /** Whether each diffuser id was on the input (never moved or removed). */
  readonly fixed: boolean[] = [];
  /** Per tile: diffusers within the coverage radius. */
  readonly cover: Uint16Array;
  /** Per tile: a new diffuser may go here (free, clear of existing detectors). */
  readonly allowed: Uint8Array;
  private readonly occupied: Uint8Array;
  private readonly bucket: number;
  private readonly bucketCols: number;
  private readonly buckets: number[][];
  private readonly removed: boolean[] = [];
  private live = 0;
  /** The note of {@link DiffuserPlan.noteSoleCover}: rows and cols of the tiles, sized on first use. */
  private soleRows = new Int32Array(0);
  private soleCols = new Int32Array(0);
  private soleCount = 0;
  /** The noted diffuser's row and col, and the squared step the note allows. */
  private soleFromRow = 0;
  private soleFromCol = 0;
  private soleStep2 = 0;

  constructor(readonly room: Room) {
    const { rows, cols, tiles, cellSize, requirements } = room;
    this.rows = rows;
    this.cols = cols;
    const radius = requirements.diffuserCoverageRadius / cellSize;
    const spacing = requirements.diffuserMinSpacing / cellSize;
    this.radius2 = radius * radius;
    this.spacing2 = spacing * spacing;
    // A disk wider than the grid covers no more than the grid: clamp it, so absurd radii stay cheap.
    const reach = Math.min(Math.floor(radius + 1e-6), rows + cols);
    this.coverReach = reach;
    this.coverSpan = new Int32Array(2 * reach + 1);
    this.coverLimit2 = withinLimit(this.radius2);
    this.spacingLimit2 = atLeastLimit(this.spacing2);
    const limit = this.coverLimit2;
    for (let dr = -reach; dr <= reach; dr++) {
      this.coverSpan[dr + reach] = Math.min(
        rows + cols,
        Math.floor(Math.sqrt(Math.max(0, limit - dr * dr)) + 1e-9),
      );
    }
    this.cover = new Uint16Array(rows * cols);
    this.occupied = new Uint8Array(rows * cols);
    this.allowed = allowedDiffuserTiles(room);
    // Buckets at least one spacing wide: a too-close diffuser is always in a neighbouring bucket.
    this.bucket = Math.max(1, Math.ceil(spacing));
    this.bucketCols = Math.ceil(cols / this.bucket);
    this.buckets = [];
    for (let b = Math.ceil(rows / this.bucket) * this.bucketCols; b > 0; b--) this.buckets.push([]);
    for (let t = 0; t < tiles.length; t++) if (tiles[t] === AIR_SUPPLY) this.add(t, true);
  }

  /** Number of diffusers, existing ones included. */
  get count(): number {
    return this.live;
  }

  /** Ids of the diffusers still in the plan. */
  liveIds(): number[] {
    const ids: number[] = [];
    for (let id = 0; id < this.position.length; id++) if (!this.removed[id]) ids.push(id);
    return ids;
  }

  /** Tiles of the diffusers the model added, ascending. */
  newTiles(): number[] {
    return this.liveIds()
      .filter((id) => !this.fixed[id])
      .map((id) => this.position[id])
      .sort((a, b) => a - b);
  }

  /** Tiles of every diffuser, ascending (row-major), existing ones included. */
  allTiles(): number[] {
    return this.liveIds()
      .map((id) => this.position[id])
      .sort((a, b) => a - b);
  }

  /** True when a new diffuser (or diffuser `moving`, leaving its tile) may stand on tile `t`. */
  canPlace(t: number, moving = -1): boolean {
    if (!this.allowed[t] || this.occupied[t]) return false;
    return this.keepsSpacing(t, moving);
  }

  /** Adds a diffuser on tile `t` (the caller has checked {@link DiffuserPlan.canPlace}); returns its id. */
  add(t: number, fixed = false): number {
    const id = this.position.length;
    this.position.push(t);
    this.fixed.push(fixed);
    this.removed.push(false);
    this.live++;
    this.occupied[t] = 1;
    this.bucketOf(t).push(id);
    this.stamp(t, 1);
    return id;
  }

  /** Removes new diffuser `id`. */
  remove(id: number): void {
    const t = this.position[id];
    this.removed[id] = true;
    this.live--;
    this.occupied[t] = 0;
    const list = this.bucketOf(t);
    list.splice(list.indexOf(id), 1);
    this.stamp(t, -1);
  }

  /**
   * Moves new diffuser `id` to tile `t` if that leaves no tile it covered uncovered (the caller
   * has checked {@link DiffuserPlan.canPlace} with `moving = id`). Returns whether it moved.
   */
  tryMove(id: number, t: number): boolean {
    const from = this.position[id];
    this.stamp(from, -1);
    this.stamp(t, 1);
    if (this.uncoversAround(from)) {
      this.stamp(t, -1);
      this.stamp(from, 1);
      return false;
    }
    this.occupied[from] = 0;
    const list = this.bucketOf(from);
    list.splice(list.indexOf(id), 1);
    this.position[id] = t;
    this.occupied[t] = 1;
    this.bucketOf(t).push(id);
    return true;
  }

  /** The coverage disk as offsets, nearest first (built on first use: only repairs need the order). */
  get coverDisk(): DiskOffsets {
    this.coverOffsets ??= diskOffsets(Math.min(Math.sqrt(this.radius2), this.rows + this.cols));
    return this.coverOffsets;
  }

  /** Tiles of the live diffusers within `reach` tiles of tile `t` (box distance), except `t` itself. */
  diffusersNear(t: number, reach: number): number[] {
    const { cols, bucket, bucketCols, buckets, position } = this;
    const r = Math.floor(t / cols);
    const c = t % cols;
    const bucketRows = buckets.length / bucketCols;
    const found: number[] = [];
    const b0 = Math.max(0, Math.floor((r - reach) / bucket));
    const b1 = Math.min(bucketRows - 1, Math.floor((r + reach) / bucket));
    const c0 = Math.max(0, Math.floor((c - reach) / bucket));
    const c1 = Math.min(bucketCols - 1, Math.floor((c + reach) / bucket));
    for (let i = b0; i <= b1; i++) {
      for (let j = c0; j <= c1; j++) {
        for (const id of buckets[i * bucketCols + j]) {
          const p = position[id];
          if (p !== t && Math.abs(Math.floor(p / cols) - r) <= reach && Math.abs((p % cols) - c) <= reach)
            found.push(p);
        }
      }
    }
    return found;
  }

  /**
   * True when diffuser `id` could move to tile `t` without uncovering a tile: every tile only it
   * covers lies within the coverage radius of `t`. Cheaper than a trial move; to try several
   * tiles for one diffuser, {@link DiffuserPlan.noteSoleCover} once and ask
   * {@link DiffuserPlan.soleCoverWithin} per tile.
   */
  moveKeepsCoverage(id: number, t: number): boolean {
    this.noteSoleCover(id);
    return this.soleCoverWithin(t);
  }

  /**
   * Notes the room tiles only diffuser `id` covers, for {@link DiffuserPlan.soleCoverWithin}
   * on tiles at most `stepReach` tiles from it; the note holds until the plan changes. Tiles
   * within the coverage radius minus the step stay covered from any such tile and are left out.
   */
  noteSoleCover(id: number, stepReach = Number.POSITIVE_INFINITY): void {
    const { rows, cols, cover, coverReach: reach, coverSpan: span } = this;
    const tiles = this.room.tiles;
    const from = this.position[id];
    const r = Math.floor(from / cols);
    const c = from % cols;
    if (this.soleRows.length === 0) {
      const disk = Math.min((2 * reach + 1) * (2 * reach + 1), rows * cols);
      this.soleRows = new Int32Array(disk);
      this.soleCols = new Int32Array(disk);
    }
    const { soleRows, soleCols } = this;
    // Within `safe` of the diffuser, a tile is within the radius of every tile the step reaches.
    const safe = Math.sqrt(this.coverLimit2) - stepReach - 1e-9;
    const safe2 = safe > 0 ? safe * safe : -1;
    let count = 0;
    for (let rr = Math.max(0, r - reach); rr <= Math.min(rows - 1, r + reach); rr++) {
      const m = span[rr - r + reach];
      const dy2 = (rr - r) * (rr - r);
      for (let cc = Math.max(0, c - m); cc <= Math.min(cols - 1, c + m); cc++) {
        const u = rr * cols + cc;
        if (cover[u] !== 1 || tiles[u] === OUTSIDE) continue;
        if (dy2 + (cc - c) * (cc - c) <= safe2) continue;
        soleRows[count] = rr;
        soleCols[count] = cc;
        count++;
      }
    }
    this.soleCount = count;
    this.soleFromRow = r;
    this.soleFromCol = c;
    this.soleStep2 = stepReach * stepReach * (1 + 1e-9);
  }

  /**
   * True when every tile of the last {@link DiffuserPlan.noteSoleCover} lies within the coverage
   * radius of tile `t`: the noted diffuser may move there without uncovering a tile.
   */
  soleCoverWithin(t: number): boolean {
    const { cols, soleRows, soleCols } = this;
    const tr = Math.floor(t / cols);
    const tc = t % cols;
    if ((tr - this.soleFromRow) ** 2 + (tc - this.soleFromCol) ** 2 > this.soleStep2) {
      throw new RangeError(`tile ${t} is beyond the step noted by noteSoleCover`);
    }
    const limit = this.coverLimit2;
    for (let k = 0; k < this.soleCount; k++) {
      const dr = soleRows[k] - tr;
      const dc = soleCols[k] - tc;
      if (dr * dr + dc * dc > limit) return false;
    }
    return true;
  }

  /** True when every room tile in the disk around `t` is covered at least twice (removing one keeps it covered). */
  coveredTwiceAround(t: number): boolean {
    return this.scanDisk(t, 0, 2);
  }

  /** True when some room tile in the disk around `t` is not covered. */
  private uncoversAround(t: number): boolean {
    return !this.scanDisk(t, 0, 1);
  }

  private stamp(t: number, delta: number): void {
    this.scanDisk(t, delta, 0);
  }

  /**
   * One pass over the room tiles within the coverage radius of tile `t`: adds `delta` to their
   * cover counts and returns whether every one has at least `atLeast` (a plain loop: this is the
   * model's innermost work).
   */
  private scanDisk(t: number, delta: number, atLeast: number): boolean {
    const { rows, cols, cover, coverReach: reach, coverSpan: span } = this;
    const tiles = this.room.tiles;
    const r = Math.floor(t / cols);
    const c = t % cols;
    let ok = true;
    for (let rr = Math.max(0, r - reach); rr <= Math.min(rows - 1, r + reach); rr++) {
      const m = span[rr - r + reach];
      for (
        let u = rr * cols + Math.max(0, c - m), end = rr * cols + Math.min(cols - 1, c + m);
        u <= end;
        u++
      ) {
        if (tiles[u] === OUTSIDE) continue;
        cover[u] += delta;
        if (cover[u] < atLeast) ok = false;
      }
    }
    return ok;
  }

  private keepsSpacing(t: number, moving: number): boolean {
    const { cols, bucket, bucketCols, buckets, position } = this;
    const r = Math.floor(t / cols);
    const c = t % cols;
    const br = Math.floor(r / bucket);
    const bc = Math.floor(c / bucket);
    const bucketRows = buckets.length / bucketCols;
    const limit = this.spacingLimit2;
    for (let i = Math.max(0, br - 1); i <= Math.min(bucketRows - 1, br + 1); i++) {
      for (let j = Math.max(0, bc - 1); j <= Math.min(bucketCols - 1, bc + 1); j++) {
        for (const id of buckets[i * bucketCols + j]) {
          if (id === moving) continue;
          const p = position[id];
          const dr = Math.floor(p / cols) - r;
          const dc = (p % cols) - c;
          if (dr * dr + dc * dc < limit) return false;
        }
      }
    }
    return true;
  }

  private bucketOf(t: number): number[] {
    const r = Math.floor(Math.floor(t / this.cols) / this.bucket);
    const c = Math.floor((t % this.cols) / this.bucket);
    return this.buckets[r * this.bucketCols + c];
  }
}

/**
 * Tiles a new diffuser may take: free, and at least `detectorDiffuserClearance` from every
 * existing smoke detector (the smoke stage keeps those where they are).
 */
export function allowedDiffuserTiles(room: Room): Uint8Array {
  const { rows, cols, tiles, cellSize, requirements } = room;
  const allowed = new Uint8Array(rows * cols);
  for (let t = 0; t < tiles.length; t++) allowed[t] = tiles[t] === FREE ? 1 : 0;
  const clearance = requirements.detectorDiffuserClearance / cellSize;
  const reach = Math.ceil(clearance);
  const clearanceLimit = atLeastLimit(clearance * clearance);
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] !== SMOKE_DETECTOR) continue;
    const r = Math.floor(t / cols);
    const c = t % cols;
    for (let rr = Math.max(0, r - reach); rr <= Math.min(rows - 1, r + reach); rr++) {
      for (let cc = Math.max(0, c - reach); cc <= Math.min(cols - 1, c + reach); cc++) {
        const d2 = (rr - r) ** 2 + (cc - c) ** 2;
        if (!(d2 >= clearanceLimit)) allowed[rr * cols + cc] = 0;
      }
    }
  }
  return allowed;
}

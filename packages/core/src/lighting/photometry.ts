import type { Room } from '../room/room.js';
import { metresPerUnit } from '../room/room-type.js';
import { TileKind } from '../room/tile-kind.js';
import {
  directLatticeSum,
  LatticeConvolver,
  mirroredKernelRows,
  paddedLength,
  paddedRowLength,
} from './lattice-convolver.js';
import { boundaryEdgeCount, tilesNearWalls } from './room-boundary.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const OUTSIDE: number = TileKind.Outside;

/**
 * The work on a room that does not depend on where its lights go, computed once per room and
 * shared by every {@link Photometry} of that room: the FFT kernel transform, the mirrored
 * kernel rows, and the room tiles' shares of the average.
 */
interface RoomKernels {
  convolver?: LatticeConvolver;
  mirrored?: Float64Array;
  roomTileCoverage?: Float64Array;
}

/** Task points keep at least this distance from every wall, metres (RULES §4). */
export const TASK_POINT_WALL_CLEARANCE_M = 0.5;

/**
 * Everything RULES §4 photometry needs about one room, in metres and lux, computed once and
 * shared by the verdict and the light models.
 *
 * The direct illuminance at task point p is `directScale · Σ_i kernel(p − light_i)` with
 * `kernel(dr, dc) = h² / (h² + (dr² + dc²)·cell²)²` (that is h²/d⁴), and every light adds
 * `reflectedPerLight` lux everywhere.
 */
export class Photometry {
  readonly room: Room;
  readonly rows: number;
  readonly cols: number;
  /** Tile edge, metres. */
  readonly cellMetres: number;
  /** Ceiling height, metres. */
  readonly ceilingMetres: number;
  /** h = ceiling height − work plane height, metres. */
  readonly mountingHeightMetres: number;
  /** MF · Φ / π: lux per unit of kernel sum. */
  readonly directScale: number;
  /** E_r per light, lux: MF · Φ · ρ / (A_s · (1 − ρ)). */
  readonly reflectedPerLight: number;
  readonly floorAreaSquareMetres: number;
  readonly perimeterMetres: number;
  /** A_s = 2 · floor area + perimeter · ceiling height, m². */
  readonly surfaceAreaSquareMetres: number;
  /** kernel[|dr| · cols + |dc|], dimensionless per m²; see the class comment. */
  readonly kernel: Float64Array;
  /** Tile indices of the task points, ascending. */
  readonly taskPoints: Int32Array;
  /** 1 where a tile's centre is a task point. */
  readonly isTaskPoint: Uint8Array;
  readonly targetLux: number;
  readonly targetUniformity: number;
  readonly luminaireWatts: number;
  private readonly shared: RoomKernels;
  /**
   * Whether this instance has convolved by FFT yet, which halves the FFT's cost in
   * {@link fftCost}. Kept per instance, not per room, so a sum takes the same path (and gives
   * the same bits) whether or not another model of the room ran first.
   */
  private fftUsed = false;

  /**
   * The photometry of `room`. With `sameRoom`, a photometry of the very same room (same tiles,
   * dimensions and requirements: the three light models of one run), the per-room work is taken
   * from it instead of being redone; results are identical either way.
   */
  constructor(room: Room, sameRoom?: Photometry) {
    const { rows, cols, tiles, requirements } = room;
    const mpu = metresPerUnit(room.units);
    this.room = room;
    this.rows = rows;
    this.cols = cols;
    this.cellMetres = room.cellSize * mpu;
    this.ceilingMetres = room.ceilingHeight * mpu;
    this.mountingHeightMetres = (room.ceilingHeight - requirements.workPlaneHeight) * mpu;
    const mf = requirements.maintenanceFactor;
    const flux = requirements.luminousFlux;
    const rho = requirements.reflectance;
    let roomTiles = 0;
    for (let i = 0; i < tiles.length; i++) if (tiles[i] !== OUTSIDE) roomTiles++;
    this.floorAreaSquareMetres = roomTiles * this.cellMetres * this.cellMetres;
    this.perimeterMetres = boundaryEdgeCount(room) * this.cellMetres;
    this.surfaceAreaSquareMetres = 2 * this.floorAreaSquareMetres + this.perimeterMetres * this.ceilingMetres;
    this.directScale = (mf * flux) / Math.PI;
    this.reflectedPerLight = (mf * flux * rho) / (this.surfaceAreaSquareMetres * (1 - rho));
    this.targetLux = requirements.illuminanceLux;
    this.targetUniformity = requirements.uniformity;
    this.luminaireWatts = requirements.luminaireWatts;

    if (sameRoom) {
      assertSameRoom(room, sameRoom.room);
      this.kernel = sameRoom.kernel;
      this.taskPoints = sameRoom.taskPoints;
      this.isTaskPoint = sameRoom.isTaskPoint;
      this.shared = sameRoom.shared;
      return;
    }
    const h2 = this.mountingHeightMetres * this.mountingHeightMetres;
    const s2 = this.cellMetres * this.cellMetres;
    this.kernel = new Float64Array(rows * cols);
    for (let dr = 0; dr < rows; dr++) {
      for (let dc = 0; dc < cols; dc++) {
        const d2 = h2 + (dr * dr + dc * dc) * s2;
        this.kernel[dr * cols + dc] = h2 / (d2 * d2);
      }
    }

    const { taskPoints, isTaskPoint } = selectTaskPoints(room, this.cellMetres);
    this.taskPoints = taskPoints;
    this.isTaskPoint = isTaskPoint;
    this.shared = {};
  }

  /** Direct illuminance, lux, at target tile centres from lights on the given tiles. */
  directLux(lights: ArrayLike<number>, targets: ArrayLike<number>): Float64Array {
    const sums = this.kernelSums(lights, targets);
    for (let i = 0; i < sums.length; i++) sums[i] *= this.directScale;
    return sums;
  }

  /**
   * `Σ_s kernel(t − s)` over the source tiles at each target tile, exactly: direct summation
   * when sources × targets is small, else the FFT convolution (whose kernel transform is
   * computed on first use and kept).
   */
  kernelSums(sources: ArrayLike<number>, targets: ArrayLike<number>): Float64Array {
    if (sources.length === 0 || targets.length === 0) return new Float64Array(targets.length);
    if (!this.takesFftPath(sources.length, targets.length)) {
      return directLatticeSum(this.kernel, this.cols, sources, targets, this.kernelRows());
    }
    const weights = new Float64Array(this.rows * this.cols);
    for (let i = 0; i < sources.length; i++) weights[sources[i]] += 1;
    const grid = this.latticeConvolver().convolve(weights);
    const out = new Float64Array(targets.length);
    for (let i = 0; i < targets.length; i++) out[i] = grid[targets[i]];
    return out;
  }

  /**
   * The kernel sum over the task points at each of `tiles`, which must be the room's free and
   * light tiles, ascending: each tile's share of the average. Computed once per room.
   */
  roomTileCoverage(tiles: ArrayLike<number>): Float64Array {
    const known = this.shared.roomTileCoverage;
    if (!known) {
      const sums = this.kernelSums(this.taskPoints, tiles);
      this.shared.roomTileCoverage = sums.slice();
      return sums;
    }
    // The path this instance would have taken, so its later choices match a fresh computation.
    if (this.takesFftPath(this.taskPoints.length, tiles.length)) this.fftUsed = true;
    return known.slice();
  }

  /** {@link mirroredKernelRows} of the kernel, built on first use. */
  kernelRows(): Float64Array {
    this.shared.mirrored ??= mirroredKernelRows(this.kernel, this.cols);
    return this.shared.mirrored;
  }

  /** Kernel sums at every tile of the grid (row-major) for the given source weights, by FFT. */
  kernelSumsEverywhere(weights: Float64Array): Float64Array {
    return this.latticeConvolver().convolve(weights);
  }

  /** Whether {@link kernelSums} of that many sources and targets convolves by FFT. */
  private takesFftPath(sources: number, targets: number): boolean {
    return sources > 0 && targets > 0 && sources * targets > this.fftCost();
  }

  /**
   * Rough cost of one FFT convolution in direct-summation terms (measured: one padded tile ·
   * log₂ costs about as much as 1.5 direct kernel look-ups), plus the one-off kernel transform
   * until this instance has used it.
   */
  private fftCost(): number {
    const pr = paddedLength(this.rows);
    const pc = paddedRowLength(this.cols);
    const once = 1.5 * pr * pc * Math.log2(pr * pc);
    return this.fftUsed ? once : 2 * once;
  }

  private latticeConvolver(): LatticeConvolver {
    this.fftUsed = true;
    this.shared.convolver ??= new LatticeConvolver(this.rows, this.cols, this.kernel);
    return this.shared.convolver;
  }
}

/** Throws unless `a` and `b` are the same room for photometry (a caller's mistake, never input's). */
function assertSameRoom(a: Room, b: Room): void {
  const same =
    a === b ||
    (a.rows === b.rows &&
      a.cols === b.cols &&
      a.units === b.units &&
      a.cellSize === b.cellSize &&
      a.ceilingHeight === b.ceilingHeight &&
      JSON.stringify(a.requirements) === JSON.stringify(b.requirements) &&
      a.tiles.length === b.tiles.length &&
      a.tiles.every((tile, i) => tile === b.tiles[i]));
  if (!same) throw new Error(`photometry shared between different rooms (${a.roomId}, ${b.roomId})`);
}

/**
 * Task points (RULES §4): centres of room tiles, blocked ones included, at least 0.5 m from
 * every wall; all room tile centres when none qualify.
 */
export function selectTaskPoints(
  room: Room,
  cellMetres: number,
): { taskPoints: Int32Array; isTaskPoint: Uint8Array } {
  const { tiles } = room;
  // In tile edges; the 1e-9 absorbs rounding when a centre sits exactly 0.5 m away.
  const near = tilesNearWalls(room, TASK_POINT_WALL_CLEARANCE_M / cellMetres - 1e-9);
  const isTaskPoint = new Uint8Array(tiles.length);
  let count = 0;
  for (let i = 0; i < tiles.length; i++) {
    if (tiles[i] !== OUTSIDE && !near[i]) {
      isTaskPoint[i] = 1;
      count++;
    }
  }
  if (count === 0) {
    for (let i = 0; i < tiles.length; i++) {
      if (tiles[i] !== OUTSIDE) {
        isTaskPoint[i] = 1;
        count++;
      }
    }
  }
  const taskPoints = new Int32Array(count);
  for (let i = 0, k = 0; i < tiles.length; i++) if (isTaskPoint[i]) taskPoints[k++] = i;
  return { taskPoints, isTaskPoint };
}

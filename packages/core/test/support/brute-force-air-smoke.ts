/**
 * Independent, deliberately plain checkers of the RULES §4 air-supply and smoke-detection
 * rules, for tests: their own loops over every tile, point and device pair, in room units,
 * nothing shared with the models but the `Room` type and `TileKind`. Quadratic: meant for rooms
 * up to a few thousand tiles.
 *
 * Conventions they share with the rules as written in RULES §4: distances between tile
 * centres (devices sit at centres); "within" and "at least" allow a relative 1e-9 for float
 * rounding; for evenness each room tile goes to its nearest diffuser, ties to the first
 * diffuser in row-major order.
 */
import type { Room } from '../../src/room/room.js';
import { TileKind } from '../../src/room/tile-kind.js';

const SLACK = 1e-9;

/** Figures of {@link bruteForceAirSupply}. */
export interface BruteForceAirSupply {
  readonly pass: boolean;
  readonly countOk: boolean;
  readonly coverageOk: boolean;
  readonly spacingOk: boolean;
  readonly requiredAirflow: number;
  readonly requiredCount: number;
  readonly count: number;
  readonly coveredFraction: number;
  /** Largest distance from a room tile centre to its nearest diffuser; -1 with none. */
  readonly maxDistanceToDiffuser: number;
  /** Smallest distance between two diffusers; -1 with fewer than two. */
  readonly minSpacing: number;
  /** 1 − coefficient of variation of the tiles each diffuser serves, clamped to [0, 1]. */
  readonly evenness: number;
  /** Tiles each diffuser serves, diffusers in row-major order. */
  readonly servedTiles: readonly number[];
}

/** Figures of {@link bruteForceSmokeDetection}. */
export interface BruteForceSmokeDetection {
  /** Coverage and clearance hold and there is a detector (the minimality rule is not checked here). */
  readonly pass: boolean;
  readonly coverageOk: boolean;
  readonly clearanceOk: boolean;
  readonly count: number;
  readonly lowerBound: number;
  readonly checkPoints: number;
  readonly coveredFraction: number;
  /** Largest distance from a check point to its nearest detector; -1 with none. */
  readonly maxDetectorDistance: number;
  /** Smallest detector-to-diffuser distance; -1 with no detector or no diffuser. */
  readonly minDiffuserClearance: number;
}

interface Spot {
  readonly index: number;
  readonly row: number;
  readonly col: number;
  /** Centre, room units. */
  readonly x: number;
  readonly y: number;
}

function spots(room: Room, keep: (kind: number) => boolean): Spot[] {
  const found: Spot[] = [];
  for (let row = 0; row < room.rows; row++) {
    for (let col = 0; col < room.cols; col++) {
      const index = row * room.cols + col;
      if (keep(room.tiles[index])) {
        found.push({ index, row, col, x: (col + 0.5) * room.cellSize, y: (row + 0.5) * room.cellSize });
      }
    }
  }
  return found;
}

/** The air-supply rules checked tile by tile and pair by pair. */
export function bruteForceAirSupply(room: Room): BruteForceAirSupply {
  const req = room.requirements;
  const roomTiles = spots(room, (k) => k !== TileKind.Outside);
  const diffusers = spots(room, (k) => k === TileKind.AirSupply);
  const area = roomTiles.length * room.cellSize * room.cellSize;
  const requiredAirflow = area * req.supplyAirflowPerArea;
  const quotient = requiredAirflow / req.diffuserAirflow;
  const requiredCount = Math.ceil(quotient - quotient * SLACK);

  let covered = 0;
  let maxDistance = -1;
  const servedTiles = diffusers.map(() => 0);
  for (const tile of roomTiles) {
    let nearest = Number.POSITIVE_INFINITY;
    let owner = -1;
    let ownerSteps = Number.POSITIVE_INFINITY;
    diffusers.forEach((d, i) => {
      nearest = Math.min(nearest, Math.hypot(tile.x - d.x, tile.y - d.y));
      // Nearest by whole tile steps, so ties are exact; the first diffuser keeps a tie.
      const steps = (tile.row - d.row) ** 2 + (tile.col - d.col) ** 2;
      if (steps < ownerSteps) {
        ownerSteps = steps;
        owner = i;
      }
    });
    if (nearest <= req.diffuserCoverageRadius * (1 + SLACK)) covered++;
    if (diffusers.length > 0) {
      maxDistance = Math.max(maxDistance, nearest);
      servedTiles[owner]++;
    }
  }

  let minSpacing = Number.POSITIVE_INFINITY;
  for (let i = 0; i < diffusers.length; i++) {
    for (let j = i + 1; j < diffusers.length; j++) {
      minSpacing = Math.min(
        minSpacing,
        Math.hypot(diffusers[i].x - diffusers[j].x, diffusers[i].y - diffusers[j].y),
      );
    }
  }

  let evenness = 0;
  if (diffusers.length > 0) {
    const mean = roomTiles.length / diffusers.length;
    const variance = servedTiles.reduce((sum, n) => sum + (n - mean) ** 2, 0) / diffusers.length;
    evenness = Math.min(1, Math.max(0, 1 - Math.sqrt(variance) / mean));
  }
  const countOk = diffusers.length >= requiredCount;
  const coverageOk = covered === roomTiles.length;
  const spacingOk = diffusers.length < 2 || minSpacing >= req.diffuserMinSpacing * (1 - SLACK);
  return {
    pass: countOk && coverageOk && spacingOk,
    countOk,
    coverageOk,
    spacingOk,
    requiredAirflow,
    requiredCount,
    count: diffusers.length,
    coveredFraction: covered / roomTiles.length,
    maxDistanceToDiffuser: maxDistance,
    minSpacing: diffusers.length >= 2 ? minSpacing : -1,
    evenness,
    servedTiles,
  };
}

/** The centre and four corners of every room tile, each point once, room units. */
function smokeCheckPoints(room: Room): { x: number; y: number }[] {
  const cs = room.cellSize;
  const points: { x: number; y: number }[] = [];
  const corners = new Set<string>();
  for (let row = 0; row < room.rows; row++) {
    for (let col = 0; col < room.cols; col++) {
      if (room.tiles[row * room.cols + col] === TileKind.Outside) continue;
      points.push({ x: (col + 0.5) * cs, y: (row + 0.5) * cs });
      for (const [cr, cc] of [
        [row, col],
        [row, col + 1],
        [row + 1, col],
        [row + 1, col + 1],
      ]) {
        const key = `${cr},${cc}`;
        if (corners.has(key)) continue;
        corners.add(key);
        points.push({ x: cc * cs, y: cr * cs });
      }
    }
  }
  return points;
}

/** The smoke rules checked point by point and pair by pair. */
export function bruteForceSmokeDetection(room: Room): BruteForceSmokeDetection {
  const req = room.requirements;
  const radius = 0.7 * req.detectorSpacing;
  const detectors = spots(room, (k) => k === TileKind.SmokeDetector);
  const diffusers = spots(room, (k) => k === TileKind.AirSupply);
  const roomTileCount = spots(room, (k) => k !== TileKind.Outside).length;
  const points = smokeCheckPoints(room);

  let covered = 0;
  let maxDistance = -1;
  for (const p of points) {
    let nearest = Number.POSITIVE_INFINITY;
    for (const d of detectors) nearest = Math.min(nearest, Math.hypot(p.x - d.x, p.y - d.y));
    if (nearest <= radius * (1 + SLACK)) covered++;
    if (detectors.length > 0) maxDistance = Math.max(maxDistance, nearest);
  }
  let minClearance = Number.POSITIVE_INFINITY;
  for (const d of detectors) {
    for (const s of diffusers) minClearance = Math.min(minClearance, Math.hypot(d.x - s.x, d.y - s.y));
  }
  const coverageOk = detectors.length > 0 && covered === points.length;
  const clearanceOk = !(minClearance < req.detectorDiffuserClearance * (1 - SLACK));
  const area = roomTileCount * room.cellSize * room.cellSize;
  const quotient = area / (2.6 * radius * radius);
  return {
    pass: coverageOk && clearanceOk,
    coverageOk,
    clearanceOk,
    count: detectors.length,
    lowerBound: Math.ceil(quotient - quotient * SLACK),
    checkPoints: points.length,
    coveredFraction: covered / points.length,
    maxDetectorDistance: maxDistance,
    minDiffuserClearance: Number.isFinite(minClearance) ? minClearance : -1,
  };
}

/**
 * The fewest detectors of any regular rectangular array on tile centres (rows `r0 + j·py`,
 * cols `c0 + i·px`, points on `-` tiles dropped) that stands only on free or detector tiles at
 * least the clearance from every diffuser and covers every check point; `Infinity` when none.
 * Exhaustive over every array in the grid, smallest first: for rooms of a few hundred tiles.
 */
export function bruteForceRegularArrayCount(room: Room): number {
  const req = room.requirements;
  const cs = room.cellSize;
  const radius = 0.7 * req.detectorSpacing;
  const diffusers = spots(room, (k) => k === TileKind.AirSupply);
  const points = smokeCheckPoints(room);
  const standable = (row: number, col: number) => {
    const kind = room.tiles[row * room.cols + col];
    if (kind !== TileKind.Free && kind !== TileKind.SmokeDetector) return false;
    const x = (col + 0.5) * cs;
    const y = (row + 0.5) * cs;
    return diffusers.every(
      (s) => Math.hypot(x - s.x, y - s.y) >= req.detectorDiffuserClearance * (1 - SLACK),
    );
  };
  const lineSets = (extent: number) => {
    const sets: number[][] = [];
    for (let start = 0; start < extent; start++) {
      sets.push([start]);
      for (let pitch = 1; start + pitch < extent; pitch++) {
        const lines = [start];
        for (let next = start + pitch; next < extent; next += pitch) {
          lines.push(next);
          sets.push([...lines]);
        }
      }
    }
    return sets;
  };
  const arrays: { points: [number, number][] }[] = [];
  for (const rows of lineSets(room.rows)) {
    for (const cols of lineSets(room.cols)) {
      const inRoom: [number, number][] = [];
      for (const r of rows)
        for (const c of cols) if (room.tiles[r * room.cols + c] !== TileKind.Outside) inRoom.push([r, c]);
      if (inRoom.length > 0) arrays.push({ points: inRoom });
    }
  }
  arrays.sort((a, b) => a.points.length - b.points.length);
  for (const { points: array } of arrays) {
    if (!array.every(([r, c]) => standable(r, c))) continue;
    const covers = points.every((p) =>
      array.some(([r, c]) => Math.hypot(p.x - (c + 0.5) * cs, p.y - (r + 0.5) * cs) <= radius * (1 + SLACK)),
    );
    if (covers) return array.length;
  }
  return Number.POSITIVE_INFINITY;
}

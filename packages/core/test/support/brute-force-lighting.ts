import type { Room } from '../../src/room/room.js';

/**
 * An independent, deliberately naive RULES §4 lighting checker for tests: its own metre
 * conversion, wall segments, task points and an O(lights × points) sum of the written
 * formulas. It shares no code with `src/lighting`, so agreement between the two means
 * something.
 */

const FEET_TO_METRES = 0.3048;
const OUTSIDE = 0;
const LIGHT = 3;

/** One wall segment, metres, from (x1, y1) to (x2, y2). */
interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function metres(room: Room): number {
  return room.units === 'ft' ? FEET_TO_METRES : 1;
}

function isRoom(room: Room, r: number, c: number): boolean {
  return r >= 0 && r < room.rows && c >= 0 && c < room.cols && room.tiles[r * room.cols + c] !== OUTSIDE;
}

/** Wall segments: every side of a room tile whose neighbour is outside the room or the grid. */
export function bruteForceWalls(room: Room): Segment[] {
  const s = room.cellSize * metres(room);
  const walls: Segment[] = [];
  for (let r = 0; r < room.rows; r++) {
    for (let c = 0; c < room.cols; c++) {
      if (!isRoom(room, r, c)) continue;
      const x = c * s;
      const y = r * s;
      if (!isRoom(room, r - 1, c)) walls.push({ x1: x, y1: y, x2: x + s, y2: y });
      if (!isRoom(room, r + 1, c)) walls.push({ x1: x, y1: y + s, x2: x + s, y2: y + s });
      if (!isRoom(room, r, c - 1)) walls.push({ x1: x, y1: y, x2: x, y2: y + s });
      if (!isRoom(room, r, c + 1)) walls.push({ x1: x + s, y1: y, x2: x + s, y2: y + s });
    }
  }
  return walls;
}

/** Room boundary length, metres. */
export function bruteForcePerimeterMetres(room: Room): number {
  return bruteForceWalls(room).reduce((sum, w) => sum + Math.hypot(w.x2 - w.x1, w.y2 - w.y1), 0);
}

function distanceToSegment(px: number, py: number, w: Segment): number {
  const dx = w.x2 - w.x1;
  const dy = w.y2 - w.y1;
  const t = Math.max(0, Math.min(1, ((px - w.x1) * dx + (py - w.y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (w.x1 + t * dx), py - (w.y1 + t * dy));
}

/**
 * Task point tiles (RULES §4): room tile centres at least 0.5 m from every wall segment,
 * or every room tile when none is.
 */
export function bruteForceTaskPoints(room: Room): number[] {
  const s = room.cellSize * metres(room);
  const walls = bruteForceWalls(room);
  const all: number[] = [];
  const clear: number[] = [];
  for (let r = 0; r < room.rows; r++) {
    for (let c = 0; c < room.cols; c++) {
      if (!isRoom(room, r, c)) continue;
      const tile = r * room.cols + c;
      all.push(tile);
      const px = (c + 0.5) * s;
      const py = (r + 0.5) * s;
      if (walls.every((w) => distanceToSegment(px, py, w) >= 0.5 - 1e-9)) clear.push(tile);
    }
  }
  return clear.length > 0 ? clear : all;
}

/** Figures of the brute-force check. */
export interface BruteForceLightingResult {
  averageLux: number;
  minLux: number;
  uniformity: number;
  /**
   * Task points farther (in plan) than the spacing criterion's reach SC · h / √2 from every
   * light; 0 when `spacingCriterion` is 0.
   */
  unreached: number;
}

/** RULES §4 average, minimum and uniformity of the room's `L` tiles, the slow obvious way. */
export function bruteForceLighting(room: Room): BruteForceLightingResult {
  const m = metres(room);
  const s = room.cellSize * m;
  const req = room.requirements;
  const h = (room.ceilingHeight - req.workPlaneHeight) * m;
  const lights: [number, number][] = [];
  let roomTiles = 0;
  for (let r = 0; r < room.rows; r++) {
    for (let c = 0; c < room.cols; c++) {
      if (!isRoom(room, r, c)) continue;
      roomTiles++;
      if (room.tiles[r * room.cols + c] === LIGHT) lights.push([(c + 0.5) * s, (r + 0.5) * s]);
    }
  }
  const points = bruteForceTaskPoints(room);
  const reach = (req.spacingCriterion * h) / Math.sqrt(2);
  let unreached = 0;
  if (req.spacingCriterion > 0) {
    for (const tile of points) {
      const px = ((tile % room.cols) + 0.5) * s;
      const py = (Math.floor(tile / room.cols) + 0.5) * s;
      if (!lights.some(([lx, ly]) => Math.hypot(px - lx, py - ly) <= reach * (1 + 1e-9))) unreached++;
    }
  }
  if (lights.length === 0) return { averageLux: 0, minLux: 0, uniformity: 0, unreached };
  const floorArea = roomTiles * s * s;
  const surfaceArea = 2 * floorArea + bruteForcePerimeterMetres(room) * room.ceilingHeight * m;
  const reflected =
    (req.maintenanceFactor * lights.length * req.luminousFlux * req.reflectance) /
    (surfaceArea * (1 - req.reflectance));
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  for (const tile of points) {
    const px = ((tile % room.cols) + 0.5) * s;
    const py = (Math.floor(tile / room.cols) + 0.5) * s;
    let direct = 0;
    for (const [lx, ly] of lights) {
      const d2 = h * h + (px - lx) ** 2 + (py - ly) ** 2;
      direct += (h * h) / (d2 * d2);
    }
    const e = ((req.maintenanceFactor * req.luminousFlux) / Math.PI) * direct + reflected;
    sum += e;
    min = Math.min(min, e);
  }
  const averageLux = sum / points.length;
  return { averageLux, minLux: min, uniformity: min / averageLux, unreached };
}

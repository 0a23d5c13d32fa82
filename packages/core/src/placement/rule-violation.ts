import { mergedRects } from '../geometry/tile-rects.js';
import type { Room } from '../room/room.js';

/**
 * A point of the plan in the room's units, in the CAD convention of the result's placements
 * (RULES §5): origin at the grid's bottom-left corner, `y` up.
 */
export interface PlanPoint {
  readonly x: number;
  readonly y: number;
}

/** A block of whole tiles in the room's units, CAD convention: `(x, y)` is its bottom-left corner. */
export interface PlanRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Two devices that stand closer than a rule allows, centre to centre (room units). */
export interface PlanPair {
  readonly a: PlanPoint;
  readonly b: PlanPoint;
  readonly distance: number;
}

/** The rules whose failures have a place on the plan. */
export const VIOLATED_RULES = [
  'lighting.spacingCriterion',
  'airSupply.coverage',
  'airSupply.spacing',
  'smokeDetection.coverage',
  'smokeDetection.clearance',
] as const;

export type ViolatedRule = (typeof VIOLATED_RULES)[number];

/**
 * Where on the plan a rule fails: the points out of reach and the tiles holding them, or the
 * pairs of devices too close. Rules that hold for the room as a whole (average lux, U0, the
 * airflow count, the detector count) have no place and are told by the check's `reasons` only.
 */
export interface RuleViolation {
  readonly rule: ViolatedRule;
  /** The rule's limit, room units: the spacing reach, a coverage radius, a spacing or a clearance. */
  readonly limit: number;
  /** How many points or pairs fail, in all. */
  readonly count: number;
  /**
   * The points that fail, row-major, at most {@link MAX_LISTED_VIOLATIONS}: task points
   * (lighting), tile centres (air supply), tile centres and corners (smoke detection).
   */
  readonly points?: readonly PlanPoint[];
  /** The tiles holding those points, merged into rectangles: complete, however many there are. */
  readonly areas?: readonly PlanRect[];
  /** The pairs that stand too close, at most {@link MAX_LISTED_VIOLATIONS}. */
  readonly pairs?: readonly PlanPair[];
}

/** Points or pairs listed per violation; `count` and `areas` say the rest. */
export const MAX_LISTED_VIOLATIONS = 1000;

/** A coordinate to a millionth of a unit, as the placements are. */
function at(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The centre of tile `index` (row-major), CAD convention. */
export function tileCentre(room: Pick<Room, 'rows' | 'cols' | 'cellSize'>, index: number): PlanPoint {
  const row = Math.floor(index / room.cols);
  const col = index - row * room.cols;
  return { x: at((col + 0.5) * room.cellSize), y: at((room.rows - row - 0.5) * room.cellSize) };
}

/**
 * A point of the half-tile lattice (`y/2` tiles down, `x/2` tiles across from the grid's
 * top-left corner), CAD convention.
 */
export function latticePoint(room: Pick<Room, 'rows' | 'cellSize'>, y: number, x: number): PlanPoint {
  return { x: at((x / 2) * room.cellSize), y: at((room.rows - y / 2) * room.cellSize) };
}

/** Tiles flagged in `mask` (one byte per tile, row-major), merged into rectangles, CAD convention. */
export function tileAreas(room: Pick<Room, 'rows' | 'cols' | 'cellSize'>, mask: Uint8Array): PlanRect[] {
  const { rows, cols, cellSize } = room;
  return mergedRects({ rows, cols, tiles: mask } as Room, (flag) => flag !== 0).map((r) => ({
    x: at(r.col * cellSize),
    y: at((rows - r.row - r.height) * cellSize),
    width: at(r.width * cellSize),
    height: at(r.height * cellSize),
  }));
}

/** The violation of a rule failed at tile centres: the tiles listed, `count` of them. */
export function tileViolation(
  room: Pick<Room, 'rows' | 'cols' | 'cellSize'>,
  rule: ViolatedRule,
  limit: number,
  tiles: readonly number[],
): RuleViolation {
  const mask = new Uint8Array(room.rows * room.cols);
  for (const t of tiles) mask[t] = 1;
  return {
    rule,
    limit,
    count: tiles.length,
    points: tiles.slice(0, MAX_LISTED_VIOLATIONS).map((t) => tileCentre(room, t)),
    areas: tileAreas(room, mask),
  };
}

/**
 * The violation of a spacing or clearance rule: each pair of tiles and their distance (room
 * units, to a millionth, as the coordinates).
 */
export function pairViolation(
  room: Pick<Room, 'rows' | 'cols' | 'cellSize'>,
  rule: ViolatedRule,
  limit: number,
  pairs: readonly (readonly [a: number, b: number, distance: number])[],
): RuleViolation {
  return {
    rule,
    limit,
    count: pairs.length,
    pairs: pairs.slice(0, MAX_LISTED_VIOLATIONS).map(([a, b, distance]) => ({
      a: tileCentre(room, a),
      b: tileCentre(room, b),
      distance: at(distance),
    })),
  };
}

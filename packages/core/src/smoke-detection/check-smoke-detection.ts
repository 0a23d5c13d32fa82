import { PointIndex } from '../geometry/point-index.js';
import { ceilTolerant, RELATIVE_TOLERANCE } from '../geometry/tolerance.js';
import type { ComplianceCheck } from '../placement/compliance-check.js';
import { formatFigure, formatLength, plural, tileLabel } from '../placement/rule-figures.js';
import {
  latticePoint,
  MAX_LISTED_VIOLATIONS,
  pairViolation,
  type RuleViolation,
  tileAreas,
} from '../placement/rule-violation.js';
import type { Room } from '../room/room.js';
import { roomBox } from '../room/room-box.js';
import { TileKind } from '../room/tile-kind.js';
import { type CheckPointGrid, checkPointGrid } from './check-points.js';
import { scanCoverage } from './coverage-scan.js';
import { regularArrayDetectorCount } from './regular-array.js';

const OUTSIDE: number = TileKind.Outside;
const SMOKE_DETECTOR: number = TileKind.SmokeDetector;
const AIR_SUPPLY: number = TileKind.AirSupply;

/** Clearance violations named one by one before the rest are summed up. */
const MAX_LISTED_DETECTORS = 5;

/**
 * The RULES §4 smoke-detection verdict for the detectors (`TileKind.SmokeDetector`, existing
 * and new) in `room`: every check point (the centre and four corners of every room tile,
 * blocked tiles too) within 0.7·S of a detector; every detector at least
 * `detectorDiffuserClearance` from every diffuser; and, in any room, no more detectors than the
 * best regular rectangular array on tile centres that keeps those rules with the existing
 * detectors kept where they are ({@link regularArrayDetectorCount}).
 *
 * Confidence: compliant → 0.75 + 0.25 × min(1, lowerBound / count), lowerBound =
 * ceil(room area / (2.6 · (0.7·S)²)); otherwise 0.75 × the fraction of check points covered.
 * Metrics, lengths in room units: `count`, `lowerBound`, `coveredFraction`,
 * `maxDetectorDistance` (over all check points, to the nearest detector; −1 with no detector),
 * `coverageRadius`, `minDiffuserClearance` (−1 with no detector or no diffuser),
 * `requiredClearance`, `regularArrayCount` (the best regular array's detectors; −1 when no
 * regular array with at most `count` detectors keeps the rules). Reasons name tiles as `row r, col c`, 0-based.
 */
export function checkSmokeDetection(room: Room, options: CheckSmokeDetectionOptions = {}): ComplianceCheck {
  const { cols, tiles, cellSize, units, requirements } = room;
  const detectors: number[] = [];
  const diffusers: number[] = [];
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] === SMOKE_DETECTOR) detectors.push(t);
    else if (tiles[t] === AIR_SUPPLY) diffusers.push(t);
  }
  const { roomTiles } = roomBox(room);
  const coverageRadius = 0.7 * requirements.detectorSpacing;
  const lowerBound = ceilTolerant(
    (roomTiles * cellSize * cellSize) / (2.6 * coverageRadius * coverageRadius),
  );
  const count = detectors.length;
  const reasons: string[] = [];

  // Coverage, on the half-tile lattice (exact integer distances).
  const grid = checkPointGrid(room);
  const radius = (2 * coverageRadius) / cellSize;
  const limit = radius * radius * (1 + RELATIVE_TOLERANCE);
  const { covered, farthest, farthestD2 } = scanCoverage(grid, detectors, cols, limit);
  const coveredFraction = covered / grid.count;
  const maxDetectorDistance = count === 0 ? -1 : (Math.sqrt(farthestD2) / 2) * cellSize;
  // Figures are formatted only for a reason that quotes them: formatting is dearer than the check.
  if (count === 0) {
    reasons.push(
      `no smoke detector: none of the ${formatFigure(grid.count)} check points is within ${formatLength(coverageRadius, units)} of one`,
    );
  } else if (covered < grid.count) {
    reasons.push(
      `${formatFigure(grid.count - covered)} of ${formatFigure(grid.count)} check points (tile centres and ` +
        `corners) are farther than ${formatLength(coverageRadius, units)} (0.7 × ${formatLength(requirements.detectorSpacing, units)}) from ` +
        `every detector; the farthest, ${describePoint(room, grid, farthest)}, is ` +
        `${formatLength(maxDetectorDistance, units)} from the nearest`,
    );
  }

  const violations: RuleViolation[] = [];
  if (covered < grid.count) violations.push(coverageViolation(room, grid, detectors, limit, coverageRadius));

  const minClearanceD2 = checkClearance(room, detectors, diffusers, reasons, violations);

  // As few as the rules allow: no more than the best regular array, existing detectors kept.
  // Only an array with no more detectors than the room has matters to the verdict.
  const regular = regularArrayDetectorCount(room, options.existingDetectors ?? [], count);
  if (count > regular) {
    reasons.push(
      `${plural(count, 'detector')} where a regular rectangular array on tile centres keeps every rule ` +
        `with ${formatFigure(regular)} (existing detectors kept): ${count - regular} too many`,
    );
  }

  const pass = reasons.length === 0;
  return {
    pass,
    confidence: pass ? 0.75 + 0.25 * Math.min(1, lowerBound / count) : 0.75 * coveredFraction,
    metrics: {
      count,
      lowerBound,
      coveredFraction,
      maxDetectorDistance,
      coverageRadius,
      minDiffuserClearance: Number.isFinite(minClearanceD2) ? Math.sqrt(minClearanceD2) * cellSize : -1,
      requiredClearance: requirements.detectorDiffuserClearance,
      regularArrayCount: Number.isFinite(regular) ? regular : -1,
    },
    units: smokeDetectionUnits(units),
    reasons,
    ...(violations.length > 0 ? { violations } : {}),
  };
}

/**
 * The clearance rule: every detector at least `detectorDiffuserClearance` from every diffuser,
 * as reasons (the first {@link MAX_LISTED_DETECTORS} by name) and one violation. Returns the
 * smallest squared detector-to-diffuser distance, tile units (∞ without a pair).
 */
function checkClearance(
  room: Room,
  detectors: readonly number[],
  diffusers: readonly number[],
  reasons: string[],
  violations: RuleViolation[],
): number {
  const { rows, cols, cellSize, units, requirements } = room;
  const count = detectors.length;
  // Tile units.
  const clearance = requirements.detectorDiffuserClearance / cellSize;
  let minClearanceD2 = Number.POSITIVE_INFINITY;
  const tooClose: [number, number, number][] = [];
  if (count > 0 && diffusers.length > 0) {
    const clearanceLimit = clearance * clearance * (1 - RELATIVE_TOLERANCE);
    const nearest = nearestDiffusers(detectors, diffusers, rows, cols, clearance);
    for (let i = 0; i < count; i++) {
      const d2 = nearest.d2[i];
      minClearanceD2 = Math.min(minClearanceD2, d2);
      if (d2 < clearanceLimit) tooClose.push([detectors[i], diffusers[nearest.id[i]], d2]);
    }
  }
  const need = tooClose.length > 0 ? formatLength(requirements.detectorDiffuserClearance, units) : '';
  for (const [d, s, d2] of tooClose.slice(0, MAX_LISTED_DETECTORS)) {
    reasons.push(
      `detector at ${tileLabel(d, cols)} is ${formatLength(Math.sqrt(d2) * cellSize, units)} from the diffuser ` +
        `at ${tileLabel(s, cols)}; needs ${need}`,
    );
  }
  if (tooClose.length > MAX_LISTED_DETECTORS) {
    reasons.push(
      `and ${tooClose.length - MAX_LISTED_DETECTORS} more detectors closer than ${need} to a diffuser`,
    );
  }
  if (tooClose.length > 0) {
    violations.push(
      pairViolation(
        room,
        'smokeDetection.clearance',
        requirements.detectorDiffuserClearance,
        tooClose.map(([d, sd, d2]) => [d, sd, Math.sqrt(d2) * cellSize] as const),
      ),
    );
  }
  return minClearanceD2;
}

/** The unit of each smoke-detection metric. */
function smokeDetectionUnits(units: string): Record<string, string> {
  return {
    count: 'detectors',
    lowerBound: 'detectors',
    coveredFraction: '1',
    maxDetectorDistance: units,
    coverageRadius: units,
    minDiffuserClearance: units,
    requiredClearance: units,
    regularArrayCount: 'detectors',
  };
}

/**
 * Where detector coverage fails: the check points out of reach (tile centres and corners) and
 * the room tiles they belong to. A second scan that lists the points: only a failing room pays.
 */
function coverageViolation(
  room: Room,
  grid: CheckPointGrid,
  detectors: readonly number[],
  limit: number,
  coverageRadius: number,
): RuleViolation {
  const { rows, cols, tiles } = room;
  const points: number[] = [];
  scanCoverage(grid, detectors, cols, limit, points);
  const mask = new Uint8Array(rows * cols);
  const mark = (r: number, c: number) => {
    if (r >= 0 && r < rows && c >= 0 && c < cols && tiles[r * cols + c] !== OUTSIDE) mask[r * cols + c] = 1;
  };
  for (const p of points) {
    const y = Math.floor(p / grid.width);
    const x = p - y * grid.width;
    if (y % 2 === 1) {
      mark((y - 1) / 2, (x - 1) / 2);
    } else {
      // A corner belongs to the room tiles around it.
      for (const r of [y / 2 - 1, y / 2]) for (const c of [x / 2 - 1, x / 2]) mark(r, c);
    }
  }
  return {
    rule: 'smokeDetection.coverage',
    limit: coverageRadius,
    count: points.length,
    points: points.slice(0, MAX_LISTED_VIOLATIONS).map((p) => {
      const y = Math.floor(p / grid.width);
      return latticePoint(room, y, p - y * grid.width);
    }),
    areas: tileAreas(room, mask),
  };
}

/** Options of {@link checkSmokeDetection}. */
export interface CheckSmokeDetectionOptions {
  /**
   * The detectors that were on the input (tile indices): the reference array keeps them where
   * they are. Default none: every detector in `room` may be re-planned by the reference.
   */
  readonly existingDetectors?: readonly number[];
}

/** Detector-diffuser pairs below which a plain scan beats building a {@link PointIndex}. */
const SCAN_PAIRS = 4096;

/**
 * For each detector tile, the nearest diffuser (its position in `diffusers`, the first on a tie)
 * and the squared distance to it, tile units. Few pairs are scanned directly: the index's
 * allocations cost more than the scan on a small room.
 */
function nearestDiffusers(
  detectors: readonly number[],
  diffusers: readonly number[],
  rows: number,
  cols: number,
  clearance: number,
): { id: Int32Array; d2: Float64Array } {
  const id = new Int32Array(detectors.length);
  const d2 = new Float64Array(detectors.length);
  if (detectors.length * diffusers.length <= SCAN_PAIRS) {
    for (let i = 0; i < detectors.length; i++) {
      const r = Math.floor(detectors[i] / cols);
      const c = detectors[i] - r * cols;
      let best = -1;
      let bestD2 = Number.POSITIVE_INFINITY;
      for (let j = 0; j < diffusers.length; j++) {
        const sr = Math.floor(diffusers[j] / cols);
        const dy = sr - r;
        const dx = diffusers[j] - sr * cols - c;
        const e2 = dy * dy + dx * dx;
        if (e2 < bestD2) {
          bestD2 = e2;
          best = j;
        }
      }
      id[i] = best;
      d2[i] = bestD2;
    }
    return { id, d2 };
  }
  const rowsOf = Int32Array.from(diffusers, (t) => Math.floor(t / cols));
  const index = new PointIndex(
    rowsOf,
    Int32Array.from(diffusers, (t, j) => t - rowsOf[j] * cols),
    rows,
    cols,
    Math.max(2, Math.ceil(clearance)),
  );
  for (let i = 0; i < detectors.length; i++) {
    const r = Math.floor(detectors[i] / cols);
    id[i] = index.nearest(r, detectors[i] - r * cols);
    d2[i] = index.lastD2;
  }
  return { id, d2 };
}

/** `the centre of row 3, col 4` or `the top-left corner of row 0, col 0`, 0-based. */
function describePoint(room: Room, grid: CheckPointGrid, point: number): string {
  const y = Math.floor(point / grid.width);
  const x = point % grid.width;
  if (y % 2 === 1) return `the centre of ${tileLabel(((y - 1) / 2) * room.cols + (x - 1) / 2, room.cols)}`;
  const corners: [number, number, string][] = [
    [y / 2, x / 2, 'top-left'],
    [y / 2, x / 2 - 1, 'top-right'],
    [y / 2 - 1, x / 2, 'bottom-left'],
    [y / 2 - 1, x / 2 - 1, 'bottom-right'],
  ];
  for (const [r, c, corner] of corners) {
    if (r >= 0 && r < room.rows && c >= 0 && c < room.cols && room.tiles[r * room.cols + c] !== OUTSIDE) {
      return `the ${corner} corner of ${tileLabel(r * room.cols + c, room.cols)}`;
    }
  }
  return `the point ${y / 2}, ${x / 2} tiles from the top-left`;
}

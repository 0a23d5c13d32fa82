import { isAtLeast, withinLimit } from '../geometry/tolerance.js';
import type { ComplianceCheck } from '../placement/compliance-check.js';
import { airflowUnit, formatFigure, formatLength, plural, tileLabel } from '../placement/rule-figures.js';
import { pairViolation, type RuleViolation, tileViolation } from '../placement/rule-violation.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import { airDemand } from './air-demand.js';
import { diffuserIndex, evennessOf, serveTiles } from './served-area.js';

// Module constants: the loops below read them once per tile.
const OUTSIDE: number = TileKind.Outside;
const AIR_SUPPLY: number = TileKind.AirSupply;

/** Spacing violations named one by one before the rest are summed up. */
const MAX_LISTED_PAIRS = 5;

/**
 * The RULES §4 air-supply verdict for the diffusers (`TileKind.AirSupply`, existing and new) in
 * `room`: enough diffusers for the room's airflow, every room tile centre (blocked tiles too)
 * within `diffuserCoverageRadius` of one, and every two at least `diffuserMinSpacing` apart.
 *
 * Confidence (revised 2026-12-02): compliant → 0.75 + 0.25 × N_lb / N, N the diffusers and N_lb
 * a proven lower bound (`options.lowerBound`, at least `ceil(Q / diffuser airflow)`); otherwise
 * 0.75 × fraction of room tiles covered. Evenness only breaks ties between equal counts.
 * Metrics, lengths in room units: `requiredAirflow`, `requiredCount`, `count`,
 * `suppliedAirflow`, `coveredFraction`, `maxDistanceToDiffuser` (−1 with no diffuser),
 * `minSpacing` (−1 with fewer than two diffusers), `evenness` (1 − CV of the tiles each diffuser
 * serves, every room tile going to its nearest diffuser, ties to the first in row-major order),
 * `lowerBound` (the N_lb used), `coverageSetsCount` (1 when that bound is above `requiredCount`:
 * coverage, not airflow, sets the count).
 * Reasons name tiles as `row r, col c`, 0-based.
 */
export function checkAirSupply(room: Room, options: CheckAirSupplyOptions = {}): ComplianceCheck {
  const { cols, tiles, cellSize, units, requirements } = room;
  const diffusers: number[] = [];
  for (let t = 0; t < tiles.length; t++) if (tiles[t] === AIR_SUPPLY) diffusers.push(t);
  const demand = airDemand(room);
  const { roomTiles, requiredAirflow, requiredCount } = demand;
  const count = diffusers.length;
  const reasons: string[] = [];
  const flow = airflowUnit(units);

  if (count < requiredCount) reasons.push(airflowReason(room, count, demand));

  // Coverage and evenness, from each room tile's nearest diffuser (tile units).
  const radius = requirements.diffuserCoverageRadius / cellSize;
  const service = serveTiles(room, diffusers, radius);
  let covered = 0;
  let farthest = -1;
  let farthestD2 = -1;
  const coverLimit = withinLimit(radius * radius);
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] === OUTSIDE) continue;
    const d2 = service.nearestD2[t];
    if (d2 <= coverLimit) covered++;
    if (d2 > farthestD2) {
      farthestD2 = d2;
      farthest = t;
    }
  }
  const coveredFraction = covered / roomTiles;
  const violations: RuleViolation[] = [];
  if (covered < roomTiles) {
    // Only a failing room pays for the list: a second pass over the tiles.
    const uncovered: number[] = [];
    for (let t = 0; t < tiles.length; t++) {
      if (tiles[t] !== OUTSIDE && !(service.nearestD2[t] <= coverLimit)) uncovered.push(t);
    }
    violations.push(
      tileViolation(room, 'airSupply.coverage', requirements.diffuserCoverageRadius, uncovered),
    );
  }
  const maxDistance = count === 0 ? -1 : Math.sqrt(farthestD2) * cellSize;
  if (covered < roomTiles) {
    const range = formatLength(requirements.diffuserCoverageRadius, units);
    reasons.push(
      count === 0
        ? `no diffuser: none of the ${formatFigure(roomTiles)} room tiles is within ${range} of one`
        : `${formatFigure(roomTiles - covered)} of ${formatFigure(roomTiles)} room tiles are farther than ${range} ` +
            `from every diffuser; the farthest, at ${tileLabel(farthest, cols)}, is ` +
            `${formatLength(maxDistance, units)} from the nearest`,
    );
  }

  const minSpacingD2 = checkSpacing(room, diffusers, reasons, violations);

  const evenness = count === 0 ? 0 : evennessOf(service.servedTiles);
  const pass = reasons.length === 0;
  const lowerBound = Math.max(requiredCount, Number.isFinite(options.lowerBound) ? options.lowerBound! : 0);
  return {
    pass,
    confidence: pass
      ? 0.75 + (0.25 * Math.min(lowerBound, count)) / Math.max(1, count)
      : 0.75 * coveredFraction,
    metrics: {
      requiredAirflow,
      requiredCount,
      count,
      suppliedAirflow: count * requirements.diffuserAirflow,
      coveredFraction,
      maxDistanceToDiffuser: maxDistance,
      minSpacing: count >= 2 ? Math.sqrt(minSpacingD2) * cellSize : -1,
      evenness,
      lowerBound,
      // 1 when the proven bound exceeds the airflow count: coverage, not airflow, sets the count.
      coverageSetsCount: lowerBound > requiredCount ? 1 : 0,
    },
    units: airSupplyUnits(flow, units),
    reasons,
    ...(violations.length > 0 ? { violations } : {}),
  };
}

/** Options of {@link checkAirSupply}. */
export interface CheckAirSupplyOptions {
  /**
   * A proven lower bound on the room's diffusers, existing ones included (what the model
   * proved). Default, and never less than: `ceil(Q / diffuser airflow)`.
   */
  readonly lowerBound?: number;
}

/**
 * The spacing rule: every pair of diffusers closer than the minimum, as reasons (the first
 * {@link MAX_LISTED_PAIRS} by name) and one violation. Returns the closest pair's squared
 * distance, tile units (∞ with fewer than two diffusers).
 */
function checkSpacing(
  room: Room,
  diffusers: readonly number[],
  reasons: string[],
  violations: RuleViolation[],
): number {
  const { rows, cols, cellSize, units, requirements } = room;
  const count = diffusers.length;
  const spacing = requirements.diffuserMinSpacing / cellSize;
  let minSpacingD2 = Number.POSITIVE_INFINITY;
  const closePairs: [number, number, number][] = [];
  if (count >= 2) {
    const index = diffuserIndex(diffusers, rows, cols);
    for (let i = 0; i < count; i++) {
      const y = index.ys[i];
      const x = index.xs[i];
      index.nearest(y, x, i);
      minSpacingD2 = Math.min(minSpacingD2, index.lastD2);
      index.forEachWithin(y, x, spacing * spacing, (j, d2) => {
        if (j > i && !isAtLeast(d2, spacing * spacing)) closePairs.push([i, j, d2]);
      });
    }
  }
  if (closePairs.length > 0) {
    const need = formatLength(requirements.diffuserMinSpacing, units);
    for (const [i, j, d2] of closePairs.slice(0, MAX_LISTED_PAIRS)) {
      reasons.push(
        `diffusers at ${tileLabel(diffusers[i], cols)} and ${tileLabel(diffusers[j], cols)} are ` +
          `${formatLength(Math.sqrt(d2) * cellSize, units)} apart; need ${need}`,
      );
    }
    if (closePairs.length > MAX_LISTED_PAIRS) {
      reasons.push(`and ${closePairs.length - MAX_LISTED_PAIRS} more pairs of diffusers closer than ${need}`);
    }
    violations.push(
      pairViolation(
        room,
        'airSupply.spacing',
        requirements.diffuserMinSpacing,
        closePairs.map(([i, j, d2]) => [diffusers[i], diffusers[j], Math.sqrt(d2) * cellSize] as const),
      ),
    );
  }
  return minSpacingD2;
}

/** The unit of each air-supply metric. */
function airSupplyUnits(flow: string, units: string): Record<string, string> {
  return {
    requiredAirflow: flow,
    requiredCount: 'diffusers',
    count: 'diffusers',
    suppliedAirflow: flow,
    coveredFraction: '1',
    maxDistanceToDiffuser: units,
    minSpacing: units,
    evenness: '1',
    lowerBound: 'diffusers',
    coverageSetsCount: '1',
  };
}

/** Why `count` diffusers fall short of the room's airflow. */
function airflowReason(room: Room, count: number, demand: ReturnType<typeof airDemand>): string {
  const { units, requirements } = room;
  const { area, requiredAirflow, requiredCount } = demand;
  const flow = airflowUnit(units);
  return (
    `${plural(count, 'diffuser')} supply ${formatFigure(count * requirements.diffuserAirflow)} ${flow}; ` +
    `the room needs ${formatFigure(requiredAirflow)} ${flow} (${formatFigure(area)} ${units}² × ` +
    `${formatFigure(requirements.supplyAirflowPerArea)} ${flow}/${units}²), at least ` +
    `${plural(requiredCount, 'diffuser')} of ${formatFigure(requirements.diffuserAirflow)} ${flow}: ` +
    `${requiredCount - count} short`
  );
}

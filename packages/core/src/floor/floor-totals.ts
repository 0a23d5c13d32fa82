import type { RunResult } from '../pipeline/run-result.js';
import type { DeviceType } from '../room/device-type.js';
import { isRoomTile, TILE_KIND_BY_CHAR } from '../room/tile-kind.js';

/** A device count summed over a floor's rooms, with the sum of their proven lower bounds. */
export interface FloorDeviceTotal {
  /** New devices placed. */
  readonly count: number;
  /**
   * Sum of the rooms' proven lower bounds: no compliant layout of these rooms has fewer new
   * devices. `null` when a counted room has no bound for this stage.
   */
  readonly lowerBound: number | null;
}

/** What a floor's finished rooms add up to (RULES §5 "Floors"). */
export interface FloorTotals {
  /** Rooms whose run completed; every figure below sums over them only. */
  readonly completedRooms: number;
  /** Completed rooms whose every check passes. */
  readonly compliantRooms: number;
  readonly lights: FloorDeviceTotal;
  /** Power of every light of the counted rooms, new and existing, W. */
  readonly watts: number;
  /** Ceiling area of the counted rooms (tiles inside the rooms), in `units`². */
  readonly area: number;
  /** `watts / area`, in W per `units`²; 0 with no area. */
  readonly lightingPowerDensity: number;
  readonly diffusers: FloorDeviceTotal;
  readonly detectors: FloorDeviceTotal;
  /** The unit of each figure. */
  readonly units: Readonly<Record<'watts' | 'area' | 'lightingPowerDensity', string>>;
}

/**
 * Totals of a floor's completed runs. Failed or unfinished rooms count in no figure, so the
 * totals never claim devices or compliance a room does not have.
 */
export function floorTotals(results: readonly RunResult[], units: 'ft' | 'm'): FloorTotals {
  const completed = results.filter((result) => result.status === 'completed');
  let watts = 0;
  let area = 0;
  for (const result of completed) {
    const roomTiles = result.layout.reduce(
      (sum, row) => sum + [...row].filter((char) => isRoomTile(TILE_KIND_BY_CHAR[char] ?? 0)).length,
      0,
    );
    area += roomTiles * result.room.cellSize ** 2;
    const lightCount = result.compliance.lighting?.metrics.lightCount ?? 0;
    watts += lightCount * result.room.requirements.luminaireWatts;
  }
  return {
    completedRooms: completed.length,
    compliantRooms: completed.filter(isCompliant).length,
    lights: deviceTotal(completed, 'light', (r) => r.stages.lights.lowerBound),
    watts,
    area,
    lightingPowerDensity: area > 0 ? watts / area : 0,
    diffusers: deviceTotal(completed, 'airSupply', (r) => r.stages.airSupply?.lowerBound),
    detectors: deviceTotal(completed, 'smokeDetector', (r) => r.stages.smokeDetectors?.lowerBound),
    units: { watts: 'W', area: `${units}²`, lightingPowerDensity: `W/${units}²` },
  };
}

function isCompliant(result: RunResult): boolean {
  const checks = [result.compliance.lighting, result.compliance.airSupply, result.compliance.smokeDetection];
  return checks.every((check) => check?.pass === true);
}

function deviceTotal(
  results: readonly RunResult[],
  type: DeviceType,
  boundOf: (result: RunResult) => number | undefined,
): FloorDeviceTotal {
  let count = 0;
  let lowerBound: number | null = 0;
  for (const result of results) {
    count += result.placements.filter((placement) => placement.type === type).length;
    const bound = boundOf(result);
    lowerBound = lowerBound === null || bound === undefined ? null : lowerBound + bound;
  }
  return { count, lowerBound };
}

import { checkAirSupply } from '../air-supply/index.js';
import { checkLighting } from '../lighting/index.js';
import { TILE_KIND_BY_DEVICE } from '../room/device-type.js';
import { TileKind } from '../room/tile-kind.js';
import { checkSmokeDetection } from '../smoke-detection/index.js';
import { roundResultFigures } from './result-figures.js';
import { roomFromResult } from './room-from-result.js';
import type { RunResult } from './run-result.js';

/**
 * The result with its compliance checked again on `layout` (default its own): what a reviewer
 * gets after moving or taking out a device by hand. Placements whose tile no longer holds
 * their device are dropped; the stages are kept as the run reported them. The smoke check keeps
 * the detectors the run did not place (the input's) as existing; the light and diffuser
 * confidences use the bounds the run proved.
 */
export function recheckResult(result: RunResult, layout: readonly string[] = result.layout): RunResult {
  const room = roomFromResult({ room: result.room, layout });
  const { cols, tiles } = room;
  const placements = result.placements.filter(
    (p) =>
      p.row >= 0 &&
      p.row < room.rows &&
      p.col >= 0 &&
      p.col < cols &&
      tiles[p.row * cols + p.col] === TILE_KIND_BY_DEVICE[p.type],
  );
  const placedDetectors = new Set(
    placements.filter((p) => p.type === 'smokeDetector').map((p) => p.row * cols + p.col),
  );
  const existingDetectors: number[] = [];
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] === TileKind.SmokeDetector && !placedDetectors.has(t)) existingDetectors.push(t);
  }
  const lightBound = result.compliance.lighting?.metrics.lowerBound;
  const airBound = result.compliance.airSupply?.metrics.lowerBound;
  return roundResultFigures({
    ...result,
    layout: [...layout],
    placements,
    compliance: {
      lighting: checkLighting(room, lightBound !== undefined ? { lowerBound: lightBound } : {}),
      airSupply: checkAirSupply(room, airBound !== undefined ? { lowerBound: airBound } : {}),
      smokeDetection: checkSmokeDetection(room, { existingDetectors }),
    },
  });
}

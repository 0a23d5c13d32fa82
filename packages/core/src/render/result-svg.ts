import { roomFromResult } from '../pipeline/room-from-result.js';
import type { RunResult } from '../pipeline/run-result.js';
import { type PlanSvgOptions, renderPlanSvg } from './plan-svg.js';

/**
 * The placed plan of a run's result: the room rebuilt from the result's summary and layout,
 * the devices the run placed drawn as new and the others as existing. What the CLI's `--svg`,
 * the API's `plan.svg` and the run viewer all draw.
 */
export function renderResultSvg(
  result: Pick<RunResult, 'room' | 'layout' | 'placements'>,
  options: Omit<PlanSvgOptions, 'placements'> = {},
): string {
  return renderPlanSvg(roomFromResult(result), { ...options, placements: result.placements });
}

import type { Room } from '../room/room.js';
import {
  addAtWeakestPoints,
  averageTargetReachable,
  everyFreeTile,
  finishLayout,
  lightPlanContext,
} from './layout-refinement.js';
import type { LightModelOptions } from './light-model-options.js';

/**
 * `greedy-weakest-point`: starting from the existing lights, repeatedly puts a light on the
 * free tile nearest to the task point with the lowest illuminance until both targets hold,
 * then drops every light the targets do not need, the earliest placed first (the first lights
 * go down before the field has any shape, so they are the likeliest to be redundant).
 */
export function placeLightsGreedyWeakestPoint(room: Room, options: LightModelOptions = {}): number[] {
  const context = lightPlanContext(room, options.photometry);
  if (context.field.meetsTargets()) return [];
  if (!averageTargetReachable(context)) return everyFreeTile(context);
  const placed = addAtWeakestPoints(context);
  return finishLayout(context, () => placed).tiles;
}

import type { Room } from '../room/room.js';
import { placeLightsExactMip } from './exact-mip-model.js';
import { lightCountBounds } from './light-count-bound.js';
import type { LightModelName } from './light-model-name.js';
import type { LightModelOptions } from './light-model-options.js';
import type { LightPlacement } from './light-placement.js';
import { placeLightsLumenArray } from './lumen-array-model.js';
import { Photometry } from './photometry.js';
import { placeLightsStaggeredSearch } from './staggered-search-model.js';

/** The heuristic models: a layout, whose proof is the room's cheap bounds. */
const HEURISTICS: Record<
  Exclude<LightModelName, 'exact-mip'>,
  (room: Room, options: LightModelOptions) => number[]
> = {
  'lumen-array': placeLightsLumenArray,
  'staggered-search': placeLightsStaggeredSearch,
};

/**
 * Tile indices (row·cols + col) of the NEW lights the model puts on free tiles of `room`,
 * ascending. Existing `L` tiles stay and count. The layout is compliant with RULES §4
 * whenever the room allows it (verified with the exact evaluator); when it does not, the
 * result is the model's best effort (a light on every free tile if even that misses the
 * average). Pure and deterministic (`exact-mip` unless its wall-clock cap strikes).
 */
export function placeLights(room: Room, model: LightModelName, options: LightModelOptions = {}): number[] {
  return placeLightsWithProof(room, model, options).tiles;
}

/**
 * {@link placeLights} with what the model proved: the lower bound on the room's lights and
 * whether the layout meets it. Heuristic models report the room's cheap bounds
 * ({@link lightCountBounds}); `exact-mip` the solver's.
 */
export function placeLightsWithProof(
  room: Room,
  model: LightModelName,
  options: LightModelOptions = {},
): LightPlacement {
  if (model === 'exact-mip') return placeLightsExactMip(room, options);
  const place = HEURISTICS[model];
  if (!place) throw new Error(`unknown light model ${JSON.stringify(model)}`);
  const tiles = place(room, options);
  const photometry = options.photometry ?? new Photometry(room);
  const bounds = lightCountBounds(photometry);
  // Only lumen-array lays lattices; the other models report what a free layout costs.
  const aligned = model === 'lumen-array' && room.requirements.lightLayout === 'aligned';
  return { tiles, lowerBound: bounds.best, optimal: bounds.existing + tiles.length <= bounds.best, aligned };
}

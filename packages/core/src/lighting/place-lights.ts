import type { Room } from '../room/room.js';
import { placeLightsGreedyWeakestPoint } from './greedy-weakest-point-model.js';
import type { LightModelName } from './light-model-name.js';
import type { LightModelOptions } from './light-model-options.js';
import { placeLightsLumenArray } from './lumen-array-model.js';
import { placeLightsStaggeredSearch } from './staggered-search-model.js';

const MODELS: Record<LightModelName, (room: Room, options: LightModelOptions) => number[]> = {
  'lumen-array': placeLightsLumenArray,
  'greedy-weakest-point': placeLightsGreedyWeakestPoint,
  'staggered-search': placeLightsStaggeredSearch,
};

/**
 * Tile indices (row·cols + col) of the NEW lights the model puts on free tiles of `room`,
 * ascending. Existing `L` tiles stay and count. The layout is compliant with DESIGN §4
 * whenever the room allows it (verified with the exact evaluator); when it does not, the
 * result is the model's best effort (a light on every free tile if even that misses the
 * average). Pure and deterministic.
 */
export function placeLights(room: Room, model: LightModelName, options: LightModelOptions = {}): number[] {
  const place = MODELS[model];
  if (!place) throw new Error(`unknown light model ${JSON.stringify(model)}`);
  return place(room, options);
}

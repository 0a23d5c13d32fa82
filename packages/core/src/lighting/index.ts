export { checkLighting, lightConfidence } from './check-lighting.js';
export { type LightCountBounds, lightCountBounds } from './light-count-bound.js';
export { LIGHT_MODEL_NAMES, type LightModelName } from './light-model-name.js';
export type { LightModelOptions } from './light-model-options.js';
export type { LightPlacement } from './light-placement.js';
export { Photometry } from './photometry.js';
export { placeLights, placeLightsWithProof } from './place-lights.js';

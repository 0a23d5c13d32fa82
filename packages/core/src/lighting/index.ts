export { checkLighting, lightConfidence } from './check-lighting.js';
export { LIGHT_MODEL_NAMES, type LightModelName } from './light-model-name.js';
export type { LightModelOptions } from './light-model-options.js';
export { Photometry } from './photometry.js';
export { placeLights } from './place-lights.js';

/** The three light-placement models that run side by side (RULES §1). */
export const LIGHT_MODEL_NAMES = ['lumen-array', 'staggered-search', 'exact-mip'] as const;

/** Name of one light-placement model. */
export type LightModelName = (typeof LIGHT_MODEL_NAMES)[number];

import type { Photometry } from './photometry.js';

/** Options every light model takes. */
export interface LightModelOptions {
  /**
   * A photometry of the very same room, whose per-room work (kernel, task points, FFT kernel
   * transform, the tiles' shares of the average) the model reuses instead of redoing: the
   * three models of one run share one. The layout is the same with or without it. Default: none.
   */
  readonly photometry?: Photometry;
}

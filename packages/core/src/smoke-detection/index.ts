/**
 * Smoke detectors (RULES §4): the `hex-cover` placement model, the compliance check and the
 * regular-array yardstick the rules measure rectangular rooms against.
 */
export { checkSmokeDetection } from './check-smoke-detection.js';
export {
  EXACT_SMOKE_DETECTION_MODEL,
  placeSmokeDetectors,
  SMOKE_DETECTION_MODEL,
} from './place-smoke-detectors.js';
export { regularArrayDetectorCount } from './regular-array.js';

export * from './boundary-loops.js';
export * from './cad-layers.js';
export * from './device-schedule.js';
export * from './device-schedule-csv.js';
export * from './floor-schedule-csv.js';
export { type ResultDxfOptions, renderResultDxf } from './result-dxf.js';
export { type ReviewSheetOptions, renderReviewSheetSvg } from './review-sheet-svg.js';
export * from './title-block.js';

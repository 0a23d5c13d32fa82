/**
 * @ceiling-grid/core — the domain: room schema, placement models, scoring, the in-process
 * pipeline and the plan renderer. Pure: no file, network or process I/O, no logging or metrics
 * library (callers pass a `StageLogger` and `StageMetrics`; see `@ceiling-grid/observability`).
 */
export * from './air-supply/index.js';
export * from './exact/solver-budget.js';
export * from './export/index.js';
export * from './floor/index.js';
export * from './import/index.js';
export * from './lighting/index.js';
export * from './pipeline/light-stage.js';
export * from './pipeline/placement-stages.js';
export * from './pipeline/recheck-result.js';
export * from './pipeline/result-figures.js';
export * from './pipeline/room-from-result.js';
export * from './pipeline/run-pipeline.js';
export type * from './pipeline/run-result.js';
export type * from './pipeline/stage-instruments.js';
export type * from './placement/compliance-check.js';
export type * from './placement/placement.js';
export * from './placement/rule-violation.js';
export * from './render/index.js';
export * from './room/check-room.js';
export * from './room/device-type.js';
export * from './room/parse-room.js';
export * from './room/requirement-units.js';
export * from './room/requirements.js';
export type * from './room/room.js';
export * from './room/room-layout.js';
export * from './room/room-schema.js';
export * from './room/room-type.js';
export * from './room/room-validation-error.js';
export * from './room/room-with-devices.js';
export * from './room/synthetic-room.js';
export * from './room/tile-kind.js';
export * from './room/to-room-input.js';
export * from './smoke-detection/index.js';

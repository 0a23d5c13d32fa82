export type * from './floor.js';
export * from './floor-issue-rooms.js';
export * from './floor-limits.js';
export * from './floor-totals.js';
export * from './floor-validation-error.js';
export * from './parse-floor.js';

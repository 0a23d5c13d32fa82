/**
 * @ceiling-grid/cli — the `ceiling-grid` command (bin/ceiling-grid.js runs src/main.ts): reads a
 * room, runs the core's pipeline in process, writes the result and the plan, prints a summary.
 */

export type * from './cli-io.js';
export * from './floor-summary.js';
export * from './format-summary.js';
export * from './read-floor-input.js';
export * from './run-cli.js';
export * from './run-floor-cli.js';
export * from './run-import-cli.js';

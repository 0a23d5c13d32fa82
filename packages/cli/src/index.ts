/**
 * @ceiling-grid/cli — the `ceiling-grid` command (bin/ceiling-grid.js runs src/main.ts): reads a
 * room, runs the core's pipeline in process, writes the result and the plan, prints a summary.
 */
export * from './format-summary.js';
export * from './run-cli.js';
export * from './run-import-cli.js';

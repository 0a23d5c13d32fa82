/**
 * `npm run bench`: the queue bench (bench/queue-bench.ts); with `--floor` the floor bench
 * (bench/floor-bench.ts), with `--event-loop` the worker's event-loop bench
 * (bench/event-loop-bench.ts). See docs/BENCHMARKS.md.
 */
const argv = process.argv.slice(2);
if (argv.includes('--floor')) await import('./floor-bench.js');
else if (argv.includes('--event-loop')) await import('./event-loop-bench.js');
else await import('./queue-bench.js');

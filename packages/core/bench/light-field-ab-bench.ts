/**
 * A/B benchmark of the light models against another checkout of the repository, in one
 * process: both cores are loaded side by side and their runs alternate, so both see the same
 * load (on a shared machine, separate runs minutes apart do not). Times are CPU time of this
 * process per call (wall time is reported too); the layouts of both must be identical.
 * Used to show that a refactoring of the light field kept its speed (docs/BENCHMARKS.md).
 *
 *   git worktree add /tmp/base <commit>   (or: git archive <commit> | tar -x -C /tmp/base)
 *   npx tsx packages/core/bench/light-field-ab-bench.ts --baseline /tmp/base [--rounds 7]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as current from '../src/index.js';

const { values } = parseArgs({
  options: { baseline: { type: 'string' }, rounds: { type: 'string', default: '7' } },
});
if (!values.baseline) throw new Error('--baseline <checkout of the other commit> is required');
const rounds = Math.max(1, Number(values.rounds));
const baseline = (await import(
  pathToFileURL(join(values.baseline, 'packages/core/src/index.ts')).href
)) as typeof current;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const room = (path: string) => current.parseRoom(JSON.parse(readFileSync(join(ROOT, path), 'utf8')));
const rooms: [string, current.Room][] = [
  ['sample_grid', room('data/input/sample_grid.json')],
  ['office-l-shaped', room('data/rooms/office-l-shaped.json')],
  ['warehouse-large', room('data/rooms/warehouse-large.json')],
  ['synthetic 100×100', current.syntheticRoom({ rows: 100, cols: 100 })],
];
const MODELS = ['lumen-array', 'staggered-search'] as const;

function cpuMs<T>(fn: () => T): { value: T; cpu: number; wall: number } {
  const startCpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(startCpu);
  return { value, cpu: (used.user + used.system) / 1000, wall };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: string[] = [];
let totalA = 0;
let totalB = 0;
for (const [name, r] of rooms) {
  for (const model of MODELS) {
    // Warm-up of both (JIT), then alternate A, B, B, A, … so neither always goes first.
    baseline.placeLights(r, model);
    current.placeLights(r, model);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
      for (const which of order) {
        const run = cpuMs(() => (which === 'a' ? baseline : current).placeLights(r, model));
        (which === 'a' ? a : b).push(run.cpu);
      }
    }
    const same =
      JSON.stringify(baseline.placeLights(r, model)) === JSON.stringify(current.placeLights(r, model));
    totalA += median(a);
    totalB += median(b);
    rows.push(
      `${name.padEnd(18)} ${model.padEnd(17)} baseline ${median(a).toFixed(1).padStart(8)} ms  ` +
        `this ${median(b).toFixed(1).padStart(8)} ms  (${((median(b) / median(a) - 1) * 100).toFixed(1)}%)` +
        `${same ? '' : '  LAYOUTS DIFFER'}`,
    );
  }
}
console.log(`median CPU time of ${rounds} alternating runs per model and room\n${rows.join('\n')}`);
console.log(
  `total of the medians: baseline ${totalA.toFixed(1)} ms, this ${totalB.toFixed(1)} ms ` +
    `(${((totalB / totalA - 1) * 100).toFixed(1)}%)`,
);

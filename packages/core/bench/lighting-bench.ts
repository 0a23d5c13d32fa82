/**
 * Lighting benchmark: for every room of data/rooms and the synthetic 100×100 and 300×300 offices,
 * each light model's time, light count, average, uniformity and confidence, plus the time of
 * the exact verdict on a 300×300 office with ~10k lights. Times are the median of several
 * runs after a warm-up run (JIT), wall clock.
 *
 *   npx tsx packages/core/bench/lighting-bench.ts [--large]   (--large adds a 500×500 office)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { checkLighting, LIGHT_MODEL_NAMES, placeLights } from '../src/lighting/index.js';
import { parseRoom } from '../src/room/parse-room.js';
import type { Room } from '../src/room/room.js';
import { withDevices } from '../src/room/room-with-devices.js';
import { syntheticRoom } from '../src/room/synthetic-room.js';
import { TileKind } from '../src/room/tile-kind.js';

const ROOMS_DIR = fileURLToPath(new URL('../../../data/rooms/', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median wall-clock and CPU time (this process, all threads) of `runs` calls after one
 * warm-up call. CPU time is reported beside wall time because the benchmark often shares the
 * machine: it stays meaningful when other processes take the cores.
 */
function timed<T>(runs: number, fn: () => T): { value: T; ms: number; cpuMs: number } {
  let value = fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    value = fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { value, ms: median(wall), cpuMs: median(cpu) };
}

const rooms: [string, Room, number][] = readdirSync(ROOMS_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [
    file.replace(/\.json$/, ''),
    parseRoom(JSON.parse(readFileSync(ROOMS_DIR + file, 'utf8'))),
    5,
  ]);
rooms.push(['synthetic 100×100', syntheticRoom({ rows: 100, cols: 100 }), 5]);
rooms.push(['synthetic 300×300', syntheticRoom({ rows: 300, cols: 300 }), 3]);
if (process.argv.includes('--large'))
  rooms.push(['synthetic 500×500', syntheticRoom({ rows: 500, cols: 500 }), 1]);

const header = ['room', 'model', 'wall ms', 'cpu ms', 'lights', 'avg lx', 'U0', 'confidence', 'pass'];
const lines: string[][] = [];
const winners: string[] = [];
for (const [name, room, runs] of rooms) {
  let best = { model: '', confidence: -1 };
  for (const model of LIGHT_MODEL_NAMES) {
    const { value: tiles, ms, cpuMs } = timed(runs, () => placeLights(room, model));
    const check = checkLighting(withDevices(room, tiles, 'light'));
    const m = check.metrics;
    lines.push([
      name,
      model,
      ms.toFixed(1),
      cpuMs.toFixed(1),
      String(m.lightCount),
      m.averageLux.toFixed(1),
      m.uniformity.toFixed(3),
      check.confidence.toFixed(5),
      check.pass ? 'yes' : 'NO',
    ]);
    if (check.confidence > best.confidence) best = { model, confidence: check.confidence };
  }
  winners.push(`${name}: ${best.model} (${best.confidence.toFixed(5)})`);
}

const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const row = (cells: string[]) =>
  cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(row(header));
for (const line of lines) console.log(row(line));
console.log('\nwinner per room (highest confidence; ties go to the first model listed):');
for (const line of winners) console.log(`  ${line}`);

// The exact verdict on a 300×300 office with a light on every third tile each way (~10k lights).
const office = syntheticRoom({ rows: 300, cols: 300 });
const lightTiles: number[] = [];
for (let r = 1; r < 300; r += 3) {
  for (let c = 1; c < 300; c += 3)
    if (office.tiles[r * 300 + c] === TileKind.Free) lightTiles.push(r * 300 + c);
}
const lit = withDevices(office, lightTiles, 'light');
const verdict = timed(5, () => checkLighting(lit));
console.log(
  `\ncheckLighting 300×300 with ${lightTiles.length} lights: ${verdict.ms.toFixed(1)} ms wall, ${verdict.cpuMs.toFixed(1)} ms cpu ` +
    `(average ${verdict.value.metrics.averageLux.toFixed(1)} lx over ${verdict.value.metrics.taskPointCount} task points)`,
);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);

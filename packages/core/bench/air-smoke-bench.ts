/**
 * Air-supply and smoke-detector benchmark: for every room of data/rooms and the synthetic 100×100 and
 * 300×300 offices, after a simple light layout (a troffer every 4 tiles, the same stand-in the
 * tests use, so the figures do not move with the lighting models), each model's time, count
 * and confidence, and the time of each check. `first` is the first call on that room (the
 * process warms up on the rooms before it); `median` is over the following runs. Wall clock.
 *
 *   npx tsx packages/core/bench/air-smoke-bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkAirSupply, placeAirSupply } from '../src/air-supply/index.js';
import { parseRoom } from '../src/room/parse-room.js';
import type { Room } from '../src/room/room.js';
import { withDevices } from '../src/room/room-with-devices.js';
import { syntheticRoom } from '../src/room/synthetic-room.js';
import {
  checkSmokeDetection,
  placeSmokeDetectors,
  regularArrayDetectorCount,
} from '../src/smoke-detection/index.js';
import { simpleLightGrid } from '../test/air-supply/simple-light-grid.js';

const ROOMS_DIR = fileURLToPath(new URL('../../../data/rooms/', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The first call's time, then the median of `runs` more. */
function timed<T>(runs: number, fn: () => T): { value: T; first: number; ms: number } {
  let start = performance.now();
  let value = fn();
  const first = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  return { value, first, ms: median(times) };
}

const rooms: [string, Room, number][] = readdirSync(ROOMS_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [
    file.replace(/\.json$/, ''),
    parseRoom(JSON.parse(readFileSync(ROOMS_DIR + file, 'utf8'))),
    7,
  ]);
rooms.push(['synthetic 100×100', syntheticRoom({ rows: 100, cols: 100 }), 7]);
rooms.push(['synthetic 300×300', syntheticRoom({ rows: 300, cols: 300 }), 5]);

const fixed = (x: number, digits = 1) => x.toFixed(digits);
const header = [
  'room',
  'tiles',
  'air ms first/median',
  'diffusers',
  'air conf',
  'air check ms',
  'smoke ms first/median',
  'detectors',
  'regular',
  'lower bound',
  'smoke conf',
  'smoke check ms',
  'pass',
];
const lines: string[][] = [];
for (const [name, room, runs] of rooms) {
  const lit = withDevices(room, simpleLightGrid(room), 'light');
  const air = timed(runs, () => placeAirSupply(lit));
  const withAir = withDevices(lit, air.value.tiles, 'airSupply');
  const airCheck = timed(runs, () => checkAirSupply(withAir));
  const smoke = timed(runs, () => placeSmokeDetectors(withAir));
  const final = withDevices(withAir, smoke.value.tiles, 'smokeDetector');
  const smokeCheck = timed(runs, () => checkSmokeDetection(final));
  const regular = regularArrayDetectorCount(withAir);
  lines.push([
    name,
    `${room.rows}×${room.cols}`,
    `${fixed(air.first)} / ${fixed(air.ms)}`,
    String(air.value.tiles.length),
    fixed(airCheck.value.confidence, 3),
    fixed(airCheck.ms),
    `${fixed(smoke.first)} / ${fixed(smoke.ms)}`,
    String(smoke.value.tiles.length),
    Number.isFinite(regular) ? String(regular) : '–',
    String(smokeCheck.value.metrics.lowerBound),
    fixed(smokeCheck.value.confidence, 3),
    fixed(smokeCheck.ms),
    airCheck.value.pass && smokeCheck.value.pass ? 'yes' : 'NO',
  ]);
}

const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
const row = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
console.log(row(header));
for (const line of lines) console.log(row(line));
console.log(
  '\n"regular": fewest detectors of a regular rectangular array on tile centres that keeps the rules on the same ceiling (– when none does).',
);

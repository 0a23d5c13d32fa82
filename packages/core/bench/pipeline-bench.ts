/**
 * `npm run bench:core`: the in-process pipeline time for each room of data/rooms and for synthetic
 * rooms of 100×100 and 300×300 tiles (goal: under 250 ms and under 5 s on a 2-core machine).
 * A benchmark, not a test: it prints figures and never fails on them.
 *
 *   npm run bench:core [-- --repeat 3] [--json]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseRoom, type Room, runPipeline, syntheticRoom } from '../src/index.js';

const { values } = parseArgs({
  options: { repeat: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
});
const repeat = Math.max(1, Number(values.repeat));
const roomsDir = fileURLToPath(new URL('../../../data/rooms/', import.meta.url));
const sampleRoom = fileURLToPath(new URL('../../../data/input/sample_grid.json', import.meta.url));

const rooms: [label: string, room: () => Room][] = [
  ['sample_grid', () => parseRoom(JSON.parse(readFileSync(sampleRoom, 'utf8')))],
  ...readdirSync(roomsDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file): [string, () => Room] => [
      file.replace(/\.json$/, ''),
      () => parseRoom(JSON.parse(readFileSync(`${roomsDir}${file}`, 'utf8'))),
    ]),
  ['synthetic 100×100', () => syntheticRoom({ rows: 100, cols: 100 })],
  ['synthetic 300×300', () => syntheticRoom({ rows: 300, cols: 300 })],
];

interface Row {
  room: string;
  tiles: number;
  medianMs: number;
  minMs: number;
  stages: Record<string, number>;
  counts: Record<string, number>;
  compliant: boolean;
  selected: string | null;
}

const rows: Row[] = [];
for (const [label, load] of rooms) {
  const room = load();
  const times: number[] = [];
  let last: ReturnType<typeof runPipeline> | undefined;
  runPipeline(room); // warm-up: JIT and the kernel caches of the first call are not what a worker pays per run
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    last = runPipeline(room);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const result = last!;
  const stages: Record<string, number> = {};
  for (const c of result.stages.lights.candidates) stages[c.model] = round(c.durationMs);
  stages.airSupply = round(result.stages.airSupply?.durationMs ?? 0);
  stages.smokeDetectors = round(result.stages.smokeDetectors?.durationMs ?? 0);
  const counts = { light: 0, airSupply: 0, smokeDetector: 0 };
  for (const p of result.placements) counts[p.type]++;
  const c = result.compliance;
  rows.push({
    room: label,
    tiles: room.rows * room.cols,
    medianMs: round(times[Math.floor(times.length / 2)]),
    minMs: round(times[0]),
    stages,
    counts,
    compliant: Boolean(c.lighting?.pass && c.airSupply?.pass && c.smokeDetection?.pass),
    selected: result.stages.lights.selected,
  });
  if (!values.json) printRow(rows[rows.length - 1]);
}
if (values.json) process.stdout.write(`${JSON.stringify({ repeat, rows }, null, 2)}\n`);

function printRow(row: Row): void {
  const stages = Object.entries(row.stages)
    .map(([name, ms]) => `${name} ${ms}`)
    .join(' · ');
  console.log(
    `${row.room.padEnd(20)} ${String(row.tiles).padStart(6)} tiles  median ${String(row.medianMs).padStart(8)} ms  ` +
      `(min ${row.minMs})  L/S/D ${row.counts.light}/${row.counts.airSupply}/${row.counts.smokeDetector}  ` +
      `${row.compliant ? 'compliant' : 'NOT compliant'}  winner ${row.selected}\n${' '.repeat(22)}${stages}`,
  );
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

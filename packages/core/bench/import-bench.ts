/**
 * The DXF import's cost: for every room of data/rooms, the sample room and two 500 × 500-tile
 * rooms (an L-shaped office with a courtyard, columns every 10 tiles and a light every 6 tiles
 * as existing devices; and the same with a device on 1 tile in 16, near the 16 MiB limit), the
 * size of the room's DXF (`renderResultDxf`, nothing placed) and the median time to import it
 * back, with whether the round trip gave the same layout; then how long the refusal of a drawing
 * of 10⁶ entities takes. A benchmark, not a test: it prints figures and never fails on them.
 *
 *   npx tsx packages/core/bench/import-bench.ts [--repeat 5] [--skip-large]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DxfImportError,
  importRoomFromDxf,
  MAX_DXF_CHARS,
  parseRoom,
  type Room,
  type RunResult,
  renderResultDxf,
  summarizeRoom,
  toLayout,
} from '../src/index.js';

const { values } = parseArgs({
  options: { repeat: { type: 'string', default: '5' }, 'skip-large': { type: 'boolean', default: false } },
});
const repeat = Math.max(1, Number(values.repeat));
const roomsDir = fileURLToPath(new URL('../../../data/rooms/', import.meta.url));
const sampleRoom = fileURLToPath(new URL('../../../data/input/sample_grid.json', import.meta.url));

/** A 500 × 500 L-shaped office with a courtyard, columns, and a device every `pitch` tiles. */
function largeRoom(pitch: number): Room {
  const layout: string[] = [];
  for (let r = 0; r < 500; r++) {
    let line = '';
    for (let c = 0; c < 500; c++) {
      const outside = (r < 150 && c >= 350) || (r >= 220 && r < 260 && c >= 220 && c < 300);
      const column = r % 10 === 9 && c % 10 === 9;
      const device = r % pitch === 0 && c % pitch === 0;
      line += outside ? '-' : column ? '#' : device ? 'LSD'[(r + c) % 3] : '.';
    }
    layout.push(line);
  }
  return parseRoom({ roomId: `large-${pitch}`, cellSize: 2, layout });
}

const rooms: [label: string, room: () => Room][] = [
  ['sample_grid', () => parseRoom(JSON.parse(readFileSync(sampleRoom, 'utf8')))],
  ...readdirSync(roomsDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file): [string, () => Room] => [
      file.replace(/\.json$/, ''),
      () => parseRoom(JSON.parse(readFileSync(`${roomsDir}${file}`, 'utf8'))),
    ]),
  ...(values['skip-large']
    ? []
    : ([
        ['500×500, device every 6', () => largeRoom(6)],
        ['500×500, device every 4', () => largeRoom(4)],
      ] as [string, () => Room][])),
];

function unplaced(room: Room): RunResult {
  return {
    runId: 'bench',
    roomId: room.roomId,
    status: 'completed',
    room: summarizeRoom(room),
    layout: toLayout(room),
    placements: [],
    stages: { lights: { selected: null, candidates: [] } },
    compliance: {},
    durationMs: 0,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${'room'.padEnd(26)} ${'tiles'.padStart(7)} ${'DXF size'.padStart(9)} ${'import'.padStart(9)}  round trip`,
);
for (const [label, load] of rooms) {
  const room = load();
  const dxf = renderResultDxf(unplaced(room), { date: 'bench' });
  const options = { obstructionLayer: 'A-CLNG-BLKD', originX: 0, originY: 0, tileSize: room.cellSize };
  const times: number[] = [];
  let outcome = '';
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    try {
      const back = importRoomFromDxf(dxf, options);
      outcome = JSON.stringify(back.layout) === JSON.stringify(toLayout(room)) ? 'same' : 'DIFFERENT';
    } catch (error) {
      outcome = `refused: ${(error as Error).message.slice(0, 60)}`;
    }
    times.push(performance.now() - start);
  }
  const ms = median(times);
  console.log(
    `${label.padEnd(26)} ${(room.rows * room.cols).toLocaleString('en-US').padStart(7)} ${`${(dxf.length / 1e6).toFixed(2)} MB`.padStart(9)} ${(ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`).padStart(9)}  ${outcome}`,
  );
}

const million = `0\nSECTION\n2\nENTITIES\n${'0\nPOINT\n8\n0\n'.repeat(1_000_000)}0\nENDSEC\n0\nEOF\n`;
const start = performance.now();
let message = '';
try {
  importRoomFromDxf(million, { units: 'ft' });
} catch (error) {
  message = error instanceof DxfImportError ? error.message : `unexpected: ${error}`;
}
console.log(
  `10⁶ entities (${(million.length / 1e6).toFixed(1)} MB, limit ${(MAX_DXF_CHARS / 1e6).toFixed(1)} MB of text): refused in ${(performance.now() - start).toFixed(0)} ms: ${message}`,
);

/**
 * `npm run bench:quality`: how economical the layouts are. For every room of the repository
 * and of a seeded corpus (rectangles, L, U, T, columns, existing devices, metric rooms, up to
 * 100 × 100 tiles), and for each device type: the count placed, the proven lower bound, the
 * textbook regular array, the gap to the bound, whether the count is proven optimal, and the
 * time. Ends with totals. A benchmark, not a test: it prints figures and never fails on them.
 *
 *   npm run bench:quality [-- --rooms 28] [--seed 12] [--max-side 100] [--json]
 */
import { parseArgs } from 'node:util';
import {
  type RunResult,
  regularArrayDetectorCount,
  runPipeline,
  TileKind,
  tilesOfKind,
  withDevices,
} from '../src/index.js';
import { type CorpusRoom, generatedRooms, repositoryRooms } from './quality/quality-corpus.js';
import { regularDiffusers, regularLights } from './quality/regular-arrays.js';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '28' },
    seed: { type: 'string', default: '12' },
    'max-side': { type: 'string', default: '100' },
    json: { type: 'boolean', default: false },
  },
});

type Device = 'lights' | 'diffusers' | 'detectors';

interface Row {
  room: string;
  tiles: number;
  device: Device;
  placed: number;
  lowerBound: number;
  regular: number | null;
  gapPercent: number;
  optimal: boolean;
  compliant: boolean;
}

interface RoomRow {
  room: string;
  tiles: number;
  ms: number;
  rows: Row[];
}

function measure({ label, room }: CorpusRoom): RoomRow {
  const started = performance.now();
  const result: RunResult = runPipeline(room, { runId: label });
  const ms = performance.now() - started;
  const tiles = room.tiles.reduce((n, t) => n + (t === TileKind.Outside ? 0 : 1), 0);
  const placed = (type: string) =>
    result.placements.filter((p) => p.type === type).map((p) => p.row * room.cols + p.col);
  const lights = placed('light');
  const diffusers = placed('airSupply');
  const lit = withDevices(room, lights, 'light');
  const aired = withDevices(lit, diffusers, 'airSupply');
  const detectorsOnInput = tilesOfKind(room, TileKind.SmokeDetector);
  const row = (
    device: Device,
    count: number,
    stage: { lowerBound?: number; optimal?: boolean } | undefined,
    regular: number,
    pass: boolean | undefined,
  ): Row => {
    const lowerBound = stage?.lowerBound ?? 0;
    return {
      room: label,
      tiles,
      device,
      placed: count,
      lowerBound,
      regular: Number.isFinite(regular) ? regular : null,
      gapPercent: lowerBound > 0 ? ((count - lowerBound) / lowerBound) * 100 : 0,
      optimal: Boolean(stage?.optimal),
      compliant: Boolean(pass),
    };
  };
  const regularDetectors = regularArrayDetectorCount(aired, detectorsOnInput) - detectorsOnInput.length;
  return {
    room: label,
    tiles,
    ms,
    rows: [
      row(
        'lights',
        lights.length,
        result.stages.lights,
        regularLights(room),
        result.compliance.lighting?.pass,
      ),
      row(
        'diffusers',
        diffusers.length,
        result.stages.airSupply,
        regularDiffusers(lit),
        result.compliance.airSupply?.pass,
      ),
      row(
        'detectors',
        placed('smokeDetector').length,
        result.stages.smokeDetectors,
        regularDetectors,
        result.compliance.smokeDetection?.pass,
      ),
    ],
  };
}

const corpus = [
  ...repositoryRooms(),
  ...generatedRooms(Number(values.rooms), Number(values.seed), Number(values['max-side'])),
];
const measured: RoomRow[] = [];
for (const entry of corpus) {
  const row = measure(entry);
  measured.push(row);
  if (!values.json) {
    for (const r of row.rows) {
      console.log(
        [
          r.room.padEnd(40),
          String(r.tiles).padStart(6),
          r.device.padEnd(9),
          String(r.placed).padStart(5),
          String(r.lowerBound).padStart(5),
          String(r.regular ?? '–').padStart(5),
          `${r.gapPercent.toFixed(1)}%`.padStart(7),
          (r.optimal ? 'optimal' : '').padEnd(7),
          r.compliant ? 'pass' : 'FAIL',
          r.device === 'lights' ? `${row.ms.toFixed(0)} ms` : '',
        ].join(' '),
      );
    }
  }
}

const totals = (device: Device, filter: (r: RoomRow) => boolean = () => true) => {
  const rows = measured.filter(filter).flatMap((r) => r.rows.filter((x) => x.device === device));
  const sum = (f: (x: Row) => number) => rows.reduce((n, x) => n + f(x), 0);
  const withRegular = rows.filter((x) => x.regular !== null);
  return {
    rooms: rows.length,
    placed: sum((x) => x.placed),
    lowerBound: sum((x) => x.lowerBound),
    regular: withRegular.reduce((n, x) => n + (x.regular ?? 0), 0),
    placedWhereRegular: withRegular.reduce((n, x) => n + x.placed, 0),
    moreThanRegular: withRegular.filter((x) => x.placed > (x.regular ?? 0)).length,
    optimal: rows.filter((x) => x.optimal).length,
    compliant: rows.filter((x) => x.compliant).length,
    within5Percent: rows.filter((x) => x.gapPercent <= 5 + 1e-9).length,
    within10Percent: rows.filter((x) => x.gapPercent <= 10 + 1e-9).length,
  };
};
const summary = {
  rooms: measured.length,
  medianMs: [...measured.map((r) => r.ms)].sort((a, b) => a - b)[Math.floor(measured.length / 2)],
  lights: totals('lights'),
  lightsUpTo1000Tiles: totals('lights', (r) => r.tiles <= 1000),
  diffusers: totals('diffusers'),
  detectors: totals('detectors'),
  detectorsUpTo1000Tiles: totals('detectors', (r) => r.tiles <= 1000),
};
if (values.json) {
  console.log(JSON.stringify({ rooms: measured, summary }, null, 2));
} else {
  console.log(
    '\ncolumns: room, tiles, device, placed, proven lower bound, regular array, gap to the bound, optimal, verdict, pipeline time',
  );
  for (const [name, t] of Object.entries(summary)) {
    if (typeof t !== 'object') continue;
    console.log(
      `${name.padEnd(22)} ${t.rooms} rooms: placed ${t.placed}, proven ≥ ${t.lowerBound}, regular ${t.regular} (placed ${t.placedWhereRegular} where one exists; more than regular in ${t.moreThanRegular}), optimal ${t.optimal}, within 5% ${t.within5Percent}, within 10% ${t.within10Percent}, compliant ${t.compliant}`,
    );
  }
  console.log(`median pipeline time ${summary.medianMs.toFixed(0)} ms over ${summary.rooms} rooms`);
}

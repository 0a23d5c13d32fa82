/**
 * The CAD exports' cost against the pipeline's: for every room of data/rooms, the sample room
 * and a synthetic 500 × 500-tile office, the pipeline time (one run after a warm-up, one run
 * for 500 × 500) and the median time of `renderResultDxf`, `renderDeviceScheduleCsv` and
 * `renderReviewSheetSvg` on its result. Goal: DXF + CSV at most 10 % of the pipeline on
 * 500 × 500. `--audit` also has Debian's ezdxf open and audit each DXF (one Python process).
 * A benchmark, not a test: it prints figures and never fails on them.
 *
 *   npx tsx packages/core/bench/export-bench.ts [--repeat 5] [--audit] [--skip-large]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  parseRoom,
  type Room,
  type RunResult,
  renderDeviceScheduleCsv,
  renderResultDxf,
  renderReviewSheetSvg,
  runPipeline,
  syntheticRoom,
} from '../src/index.js';

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '5' },
    audit: { type: 'boolean', default: false },
    'skip-large': { type: 'boolean', default: false },
  },
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
  ...(values['skip-large']
    ? []
    : [['synthetic 500×500', () => syntheticRoom({ rows: 500, cols: 500 })] as [string, () => Room]]),
];

const dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-export-bench-'));
const audited: { name: string; dxf: string }[] = [];
console.log(
  `${'room'.padEnd(20)} ${'tiles'.padStart(7)} ${'devices'.padStart(7)} ${'pipeline'.padStart(10)} ${'dxf'.padStart(9)} ${'csv'.padStart(8)} ${'sheet'.padStart(8)} ${'dxf+csv'.padStart(8)}  dxf size`,
);
for (const [label, load] of rooms) {
  const room = load();
  const large = room.rows * room.cols > 100_000;
  // Warm-up on small rooms (JIT, the solver's first call); the large one runs once.
  if (!large) runPipeline(room, { runId: 'warm-up' });
  const started = performance.now();
  const result = runPipeline(room, { runId: `bench-${label}` });
  const pipelineMs = performance.now() - started;
  const dxfMs = median(() => renderResultDxf(result, { date: 'bench' }));
  const csvMs = median(() => renderDeviceScheduleCsv(result));
  const sheetMs = median(() => renderReviewSheetSvg(result, { date: 'bench' }));
  const dxf = renderResultDxf(result, { date: 'bench' });
  const file = join(dir, `${label.replace(/[^\w-]/g, '_')}.dxf`);
  writeFileSync(file, dxf);
  audited.push({ name: label, dxf: file });
  const share = ((dxfMs + csvMs) / pipelineMs) * 100;
  console.log(
    `${label.padEnd(20)} ${String(room.rows * room.cols).padStart(7)} ${String(devicesOf(result)).padStart(7)} ` +
      `${ms(pipelineMs).padStart(10)} ${ms(dxfMs).padStart(9)} ${ms(csvMs).padStart(8)} ${ms(sheetMs).padStart(8)} ` +
      `${`${share.toFixed(1)} %`.padStart(8)}  ${(dxf.length / 1e6).toFixed(2)} MB`,
  );
}

if (values.audit) {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(audited));
  const script = fileURLToPath(new URL('../test/export/read_cad_files.py', import.meta.url));
  const started = performance.now();
  const run = spawnSync('/usr/bin/python3', [script, join(dir, 'manifest.json')], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.status !== 0) {
    console.log(`ezdxf audit could not run: ${run.stderr.trim() || run.error?.message}`);
  } else {
    const reports = JSON.parse(run.stdout) as Record<
      string,
      {
        dxf?: { dxfversion: string; auditErrors: string[]; auditFixes: string[]; inserts: unknown[] };
        error?: string;
      }
    >;
    console.log(
      `\nezdxf (Debian) read and audit of all ${audited.length} DXF files: ${ms(performance.now() - started)}`,
    );
    for (const [name, report] of Object.entries(reports)) {
      const d = report.dxf;
      console.log(
        `  ${name.padEnd(20)} ${report.error ?? `${d!.dxfversion}, ${d!.auditErrors.length} audit errors, ${d!.auditFixes.length} fixes, ${d!.inserts.length} INSERTs`}`,
      );
    }
  }
}
rmSync(dir, { recursive: true, force: true });

function median(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function devicesOf(result: RunResult): number {
  return result.layout.join('').replace(/[^LSRD]/g, '').length;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

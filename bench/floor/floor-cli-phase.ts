import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/processes.js';
import { processCpuTimeMs } from '../harness/processes.js';
import type { BenchFloorInput } from './bench-floor-rooms.js';
import { type FloorPhaseFigures, utilisation } from './floor-figures.js';

/** Options of {@link measureFloorCli}. */
export interface FloorCliPhaseOptions {
  readonly name: string;
  readonly floor: BenchFloorInput;
  /** CLI processes; room `i` goes to process `i mod processes`. */
  readonly processes: number;
  readonly logDir: string;
  readonly say: (message: string) => void;
}

interface CliProcessReport {
  readonly code: number;
  readonly commandMs: number;
  readonly cpuMs: number;
}

/**
 * The same rooms through the in-process CLI (`ceiling-grid part.json --out-dir DIR`), split
 * over `processes` processes started side by side: wall time from the spawns to the last exit,
 * start-up included, as a user running them would see it.
 */
export async function measureFloorCli(options: FloorCliPhaseOptions): Promise<FloorPhaseFigures> {
  const dir = mkdtempSync(join(options.logDir, 'cli-'));
  const parts = Array.from({ length: options.processes }, (_, part) => ({
    ...options.floor,
    floorId: `${options.floor.floorId}-part-${part + 1}`,
    rooms: options.floor.rooms.filter((_, i) => i % options.processes === part),
  }));
  options.say(`${options.name}: ${options.floor.rooms.length} rooms over ${options.processes} CLI processes`);
  const t0 = performance.now();
  const reports = await Promise.all(
    parts.map((part, i) => {
      const file = join(dir, `part-${i + 1}.json`);
      writeFileSync(file, JSON.stringify(part));
      return runCliProcess(file, join(dir, `out-${i + 1}`), join(options.logDir, `cli-${i + 1}.log`));
    }),
  );
  const wallMs = performance.now() - t0;
  const summaries = parts.map((_, i) => readSummary(join(dir, `out-${i + 1}`, 'floor-summary.json')));
  rmSync(dir, { recursive: true, force: true });
  const failedProcess = reports.findIndex((report) => report.code !== 0);
  if (failedProcess >= 0)
    throw new Error(`CLI process ${failedProcess + 1} exited ${reports[failedProcess].code}`);
  const rooms = options.floor.rooms.length;
  const completed = summaries.reduce(
    (sum, s) => sum + s.rooms.filter((r) => r.status === 'completed').length,
    0,
  );
  const failed = summaries.reduce((sum, s) => sum + s.rooms.filter((r) => r.status === 'failed').length, 0);
  const cpu = Object.fromEntries(reports.map((report, i) => [`cli-${i + 1}`, report.cpuMs]));
  const cpuTotal = reports.reduce((sum, report) => sum + report.cpuMs, 0);
  return {
    name: options.name,
    path: `ceiling-grid part.json --out-dir DIR × ${options.processes}`,
    processes: options.processes,
    rooms,
    completed,
    failed,
    lost: rooms - completed - failed,
    wallMs: Math.round(wallMs),
    roomsPerSecond: +(rooms / (wallMs / 1000)).toFixed(2),
    commandMs: Object.fromEntries(reports.map((report, i) => [`cli-${i + 1}`, Math.round(report.commandMs)])),
    cpuMsPerRoom: {
      ...Object.fromEntries(
        Object.entries(cpu).map(([label, ms]) => [label, Math.round((ms / rooms) * 10) / 10]),
      ),
      total: Math.round((cpuTotal / rooms) * 10) / 10,
    },
    utilisation: utilisation(cpu, wallMs),
  };
}

function runCliProcess(floorFile: string, outDir: string, logPath: string): Promise<CliProcessReport> {
  return new Promise((resolve, reject) => {
    const log = openSync(logPath, 'a');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/floor/cli-process.ts', floorFile, '--out-dir', outDir],
      { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', log] },
    );
    closeSync(log);
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    // In case the process dies before it reports: its CPU from /proc while it lives.
    let lastCpuMs = 0;
    const watch = setInterval(() => {
      if (child.pid) lastCpuMs = processCpuTimeMs(child.pid) || lastCpuMs;
    }, 500);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(watch);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as CliProcessReport);
      } catch {
        resolve({ code: code ?? 1, commandMs: Number.NaN, cpuMs: lastCpuMs });
      }
    });
  });
}

function readSummary(path: string): { rooms: { status: string }[] } {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { rooms: [] };
  }
}

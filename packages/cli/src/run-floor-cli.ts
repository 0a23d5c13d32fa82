import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Floor,
  renderDeviceScheduleCsv,
  renderResultDxf,
  renderResultSvg,
  runPipeline,
} from '@ceiling-grid/core';
import { createLogger } from '@ceiling-grid/observability';
import type { CliIo } from './cli-io.js';
import {
  formatFloorTotals,
  formatRoomLine,
  type RoomOutcome,
  roomTableHeading,
  summarizeFloor,
  summarizeRoom,
} from './floor-summary.js';
import { FLOOR_SUMMARY_FILE, FloorInputError, readFloorInput } from './read-floor-input.js';
import { kb, type Output, writeAllOrNothing } from './write-all-or-nothing.js';

export const FLOOR_USAGE = `usage: ceiling-grid floor.json --out-dir DIR [--svg] [--dxf] [--csv]
       ceiling-grid room-a.json room-b.json … --out-dir DIR [--floor-id ID] [--name NAME] [--svg] [--dxf] [--csv]
  floor.json  a floor: { floorId, name, rooms: [room…] } (RULES §2 "Floors")
  room-*.json several rooms make one floor; a room without roomId takes its file name
  --out-dir   writes <roomId>.json per room and ${FLOOR_SUMMARY_FILE} here (made if missing)
  --svg       also <roomId>.svg, the placed plan of each room
  --dxf       also <roomId>.dxf, the CAD drawing of each room (docs/CAD.md)
  --csv       also <roomId>.csv, the device schedule of each room
  --floor-id  id of a floor made of room files (default floor); --name its name`;

/** Exit code for an invalid floor or invalid arguments: the caller must fix its input. */
const EXIT_INVALID_INPUT = 2;

/** Whether `argv` asks for the floor command: it names `--out-dir`. */
export function isFloorInvocation(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--out-dir' || arg.startsWith('--out-dir='));
}

/**
 * The floor command (RULES §8 "Floors"): reads a floor file or several room files, runs every
 * room in this process, writes one result per room and `floor-summary.json` into `--out-dir`
 * (every file or none), and prints the rooms and the totals on stderr. A room that fails does
 * not stop the others; its status says so. Returns 0 once written, 2 on an invalid floor or
 * arguments (every bad room and field named, nothing written), 1 on an unexpected failure.
 */
export async function runFloorCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ReturnType<typeof parseFloorArgs>;
  try {
    args = parseFloorArgs(argv);
  } catch (error) {
    io.stderr.write(`error: ${(error as Error).message}\n${FLOOR_USAGE}\n`);
    return EXIT_INVALID_INPUT;
  }
  if (args.help) {
    io.stderr.write(`${FLOOR_USAGE}\n`);
    return 0;
  }
  let floor: Floor;
  try {
    ({ floor } = await readFloorInput(args.inputs, { floorId: args.floorId, name: args.name }));
  } catch (error) {
    if (!(error instanceof FloorInputError)) throw error;
    io.stderr.write(`error: invalid floor: nothing was run or written\n`);
    for (const problem of error.problems) io.stderr.write(`  ${problem}\n`);
    return EXIT_INVALID_INPUT;
  }

  const logger = createLogger({
    service: 'cli',
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: io.stderr,
  });
  io.stderr.write(
    `ceiling-grid · floor ${floor.floorId} · ${floor.rooms.length} rooms\n${roomTableHeading()}\n`,
  );
  const started = performance.now();
  const outputs: Output[] = [];
  const outcomes: RoomOutcome[] = [];
  // The drawing's date is the day it was made, as on any sheet; the results have no clock.
  const drawing = { date: new Date().toISOString().slice(0, 10) };
  for (const room of floor.rooms) {
    const outcome = runRoom(room, logger);
    outcomes.push(outcome);
    io.stderr.write(`${formatRoomLine(summarizeRoom(outcome))}\n`);
    if (!('result' in outcome)) continue;
    const { result } = outcome;
    const file = (ext: string) => join(args.outDir, `${room.roomId}.${ext}`);
    outputs.push([file('json'), `${JSON.stringify(result, null, 2)}\n`]);
    if (args.svg) outputs.push([file('svg'), renderResultSvg(result)]);
    if (args.dxf) outputs.push([file('dxf'), renderResultDxf(result, drawing)]);
    if (args.csv) outputs.push([file('csv'), renderDeviceScheduleCsv(result)]);
  }
  const summary = summarizeFloor(floor, outcomes, performance.now() - started);
  const summaryJson = `${JSON.stringify(summary, null, 2)}\n`;
  outputs.push([join(args.outDir, FLOOR_SUMMARY_FILE), summaryJson]);
  await writeIntoDirectory(args.outDir, outputs);
  io.stderr.write(`${formatFloorTotals(summary)}\n`);
  const bytes = outputs.reduce((sum, [, content]) => sum + Buffer.byteLength(content), 0);
  io.stderr.write(
    `wrote ${outputs.length} files (${(bytes / 1024).toFixed(1)} kB) into ${args.outDir}, the summary in ${FLOOR_SUMMARY_FILE} (${kb(summaryJson)})\n`,
  );
  return 0;
}

/** Runs one room; an unexpected error fails that room only. */
function runRoom(room: Floor['rooms'][number], logger: ReturnType<typeof createLogger>): RoomOutcome {
  const started = performance.now();
  try {
    const result = runPipeline(room, { runId: randomUUID(), logger });
    return { room, result, file: `${room.roomId}.json` };
  } catch (error) {
    return { room, error: (error as Error).message, durationMs: performance.now() - started };
  }
}

/** Makes the directory when missing and writes every file or none; a directory it made goes again on failure. */
async function writeIntoDirectory(dir: string, outputs: readonly Output[]): Promise<void> {
  const made = await mkdir(dir, { recursive: true });
  try {
    await writeAllOrNothing(outputs);
  } catch (error) {
    if (made) await rm(made, { recursive: true, force: true });
    throw error;
  }
}

function parseFloorArgs(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string' },
      svg: { type: 'boolean' },
      dxf: { type: 'boolean' },
      csv: { type: 'boolean' },
      'floor-id': { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const outDir = values['out-dir'] ?? '';
  if (values.help) return { help: true, inputs: positionals, outDir, svg: false, dxf: false, csv: false };
  if (!outDir) throw new Error('a floor needs --out-dir DIR: one result per room goes there');
  if (positionals.length === 0) throw new Error('name a floor file or one or more room files');
  return {
    help: false,
    inputs: positionals,
    outDir,
    svg: values.svg ?? false,
    dxf: values.dxf ?? false,
    csv: values.csv ?? false,
    ...(values['floor-id'] !== undefined ? { floorId: values['floor-id'] } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
  };
}

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  parseRoom,
  RoomValidationError,
  renderDeviceScheduleCsv,
  renderResultDxf,
  renderResultSvg,
  renderReviewSheetSvg,
  runPipeline,
} from '@ceiling-grid/core';
import { createLogger } from '@ceiling-grid/observability';
import type { CliIo } from './cli-io.js';
import { formatRunSummary } from './format-summary.js';
import { isFloorInvocation, runFloorCli } from './run-floor-cli.js';
import { runImportCli } from './run-import-cli.js';
import { kb, writeAllOrNothing } from './write-all-or-nothing.js';

/** Default room when none is named: the sample room the daily job runs. */
export const DEFAULT_ROOM_PATH = 'data/input/sample_grid.json';

const USAGE = `usage: ceiling-grid [room.json|-] [--out result.json] [--svg plan.svg] [--dxf plan.dxf]
                    [--csv schedule.csv] [--sheet sheet.svg] [--coverage]
       ceiling-grid import plan.dxf [--out room.json] …   (a room from a DXF; import --help says more)
       ceiling-grid floor.json|room.json… --out-dir DIR   (a floor; --out-dir x --help says more)
       (in the repository: npm run -s pipeline -- … or npx ceiling-grid …)
  room.json   the room (RULES §2); '-' reads standard input; default ${DEFAULT_ROOM_PATH}
  --out       write the result (RULES §5) here; default standard output
  --svg       also write the placed ceiling plan as SVG
  --dxf       also write the drawing as DXF for CAD (docs/CAD.md: layers, blocks, title block)
  --csv       also write the device schedule as CSV (tag, type, x, y, units, row, col, …)
  --sheet     also write the review sheet as SVG: grid labels, title block, failures drawn
  --coverage  draw the smoke detectors' 0.7·S coverage circles on the SVG`;

/** Exit code for an invalid room or invalid arguments: the caller must fix its input. */
export const EXIT_INVALID_INPUT = 2;

/**
 * The pipeline command (RULES §8): reads a room, runs the pipeline in process, writes the
 * result (and the plan), prints a summary on stderr. Returns the exit code: 0 on success, 2
 * on an invalid room or arguments (nothing written), 1 on an unexpected failure. With
 * `--out-dir` or several room files it is the floor command ({@link runFloorCli}).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'import') return runImportCli(argv.slice(1), io);
  if (isFloorInvocation(argv)) return runFloorCli(argv, io);
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    io.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    return EXIT_INVALID_INPUT;
  }
  if (args.values.help) {
    io.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const source = args.positionals[0] ?? DEFAULT_ROOM_PATH;
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
  } catch (error) {
    io.stderr.write(
      `error: cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return EXIT_INVALID_INPUT;
  }
  let room: ReturnType<typeof parseRoom>;
  try {
    room = parseRoom(parseJson(text, source));
  } catch (error) {
    if (error instanceof RoomValidationError) {
      io.stderr.write(`error: invalid room in ${source}\n`);
      for (const issue of error.issues) io.stderr.write(`  ${issue.path || '(body)'}: ${issue.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    if (error instanceof InvalidJsonError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    throw error;
  }

  const logger = createLogger({
    service: 'cli',
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: io.stderr,
  });
  const result = runPipeline(room, { runId: randomUUID(), logger });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const svg = args.values.svg
    ? renderResultSvg(result, { detectorCoverage: args.values.coverage ?? false })
    : undefined;

  const outputs: [path: string, content: string][] = [];
  if (args.values.out) outputs.push([args.values.out, json]);
  else io.stdout.write(json);
  if (svg && args.values.svg) outputs.push([args.values.svg, svg]);
  // The drawing's date is the day it was made, as on any sheet; the result itself has no clock.
  const drawing = { date: new Date().toISOString().slice(0, 10) };
  if (args.values.dxf) outputs.push([args.values.dxf, renderResultDxf(result, drawing)]);
  if (args.values.csv) outputs.push([args.values.csv, renderDeviceScheduleCsv(result)]);
  if (args.values.sheet) outputs.push([args.values.sheet, renderReviewSheetSvg(result, drawing)]);
  await writeAllOrNothing(outputs);
  io.stderr.write(`${formatRunSummary(result)}\n`);
  if (outputs.length > 0)
    io.stderr.write(`wrote ${outputs.map(([path, content]) => `${path} (${kb(content)})`).join(', ')}\n`);
  return 0;
}

function parseCliArgs(argv: readonly string[]) {
  const parsed = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      svg: { type: 'string' },
      dxf: { type: 'string' },
      csv: { type: 'string' },
      sheet: { type: 'string' },
      coverage: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (parsed.positionals.length > 1)
    throw new Error(
      `expected one room file, got ${parsed.positionals.length}; several rooms make a floor: add --out-dir DIR`,
    );
  return parsed;
}

class InvalidJsonError extends Error {}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidJsonError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}

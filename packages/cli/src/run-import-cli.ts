import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DxfImportError,
  type DxfRoomOptions,
  type ImportedRoom,
  importRoomFromDxf,
} from '@ceiling-grid/core';

/** Where the import command reads and writes (the CLI's streams; swapped out in tests). */
export interface ImportCliIo {
  readStdin(): Promise<string>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const IMPORT_USAGE = `usage: ceiling-grid import plan.dxf|- [--out room.json] [--tile 2] [--units ft|m]
                    [--outline-layer A-WALL] [--obstruction-layer S-COLS] [--origin X,Y]
                    [--room-id ID] [--name NAME] [--room-type office] [--ceiling-height 9]
                    [--devices existing|all|none]
  plan.dxf             an ASCII DXF drawing (docs/CAD.md "Importing a room"); '-' reads standard input
  --out                write the room (RULES §2 JSON) here; default standard output
  --tile               tile edge in the room's units; default 2 (ft) or 0.6 (m)
  --units              the room's units; required when the drawing has no $INSUNITS
  --outline-layer      closed polylines (and circles) outlining the room; default A-WALL
  --obstruction-layer  closed polylines and circles that block tiles; default S-COLS
                       (a DXF written by ceiling-grid: A-CLNG-BLKD, with --origin 0,0)
  --origin             the grid's bottom-left corner in drawing units; default the outline's
  --devices            device blocks read back: existing (default), all, none`;

/** Exit code for a drawing or arguments the import refuses (as the pipeline command's). */
const EXIT_INVALID_INPUT = 2;

/** The option each flag sets, to name the flag when its option is refused. */
const FLAG_BY_FIELD: Readonly<Record<string, string>> = {
  tileSize: '--tile',
  units: '--units',
  outlineLayer: '--outline-layer',
  obstructionLayer: '--obstruction-layer',
  originX: '--origin',
  originY: '--origin',
  roomId: '--room-id',
  name: '--name',
  roomType: '--room-type',
  ceilingHeight: '--ceiling-height',
  devices: '--devices',
};

/**
 * `ceiling-grid import plan.dxf`: reads a room from a DXF drawing and writes it as a room JSON
 * (RULES §2), ready for the pipeline. Returns 0, or 2 with the field and the reason on stderr
 * when the drawing or an argument is refused (nothing written).
 */
export async function runImportCli(argv: readonly string[], io: ImportCliIo): Promise<number> {
  const refuse = (message: string) => {
    io.stderr.write(`error: ${message}\n`);
    return EXIT_INVALID_INPUT;
  };
  let parsed: ReturnType<typeof parseImportArgs>;
  try {
    parsed = parseImportArgs(argv);
  } catch (error) {
    return refuse(`${(error as Error).message}\n${IMPORT_USAGE}`);
  }
  if (parsed.help) {
    io.stderr.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  const { source, out, options } = parsed;
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
  } catch (error) {
    return refuse(
      `cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let room: ImportedRoom;
  try {
    room = importRoomFromDxf(text, options);
  } catch (error) {
    if (!(error instanceof DxfImportError)) throw error;
    const flag = FLAG_BY_FIELD[error.field];
    return refuse(
      `cannot import ${source}: ${flag ? `${flag} (${error.field})` : error.field}: ${error.message}`,
    );
  }
  const json = `${JSON.stringify(room, null, 2)}\n`;
  if (out) await writeAtomically(out, json);
  else io.stdout.write(json);
  io.stderr.write(`${describeRoom(source, room)}${out ? `; wrote ${out}` : ''}\n`);
  return 0;
}

function parseImportArgs(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      tile: { type: 'string' },
      units: { type: 'string' },
      'outline-layer': { type: 'string' },
      'obstruction-layer': { type: 'string' },
      origin: { type: 'string' },
      'room-id': { type: 'string' },
      name: { type: 'string' },
      'room-type': { type: 'string' },
      'ceiling-height': { type: 'string' },
      devices: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true as const, source: '', out: undefined, options: {} };
  if (positionals.length !== 1) throw new Error(`expected one DXF file, got ${positionals.length}`);
  const options: Record<string, unknown> = {
    tileSize: number(values.tile),
    units: values.units,
    outlineLayer: values['outline-layer'],
    obstructionLayer: values['obstruction-layer'],
    roomId: values['room-id'],
    name: values.name,
    roomType: values['room-type'],
    ceilingHeight: number(values['ceiling-height']),
    devices: values.devices,
  };
  if (values.origin !== undefined) {
    const parts = values.origin.split(',');
    if (parts.length !== 2) throw new Error(`--origin must be X,Y (two numbers), got ${values.origin}`);
    [options.originX, options.originY] = parts.map(number);
  }
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return {
    help: false as const,
    source: positionals[0],
    out: values.out,
    options: options as DxfRoomOptions,
  };
}

/** A flag's number; text that is not one becomes NaN, which the options' schema names. */
function number(text: string | undefined): number | undefined {
  return text === undefined ? undefined : text.trim() === '' ? Number.NaN : Number(text);
}

function describeRoom(source: string, room: ImportedRoom): string {
  const cols = room.layout[0].length;
  const count = (pattern: RegExp) =>
    room.layout.reduce((n, line) => n + (line.match(pattern)?.length ?? 0), 0);
  return (
    `imported ${basename(source)}: room ${room.roomId}, ${cols} × ${room.layout.length} tiles of ${room.cellSize} ${room.units}, ` +
    `${count(/[^-]/g)} in the room, ${count(/#/g)} blocked, ${count(/[LSRD]/g)} existing devices`
  );
}

/** The file appears whole or not at all: written under a temporary name, then renamed. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

import type { z } from 'zod';
import { defaultCeilingHeight, defaultRequirements, type Requirements } from './requirements.js';
import type { Room } from './room.js';
import { MAX_SIDE, MAX_TILES, roomInputSchema } from './room-schema.js';
import type { LengthUnit } from './room-type.js';
import type { RoomIssue } from './room-validation-error.js';
import { TILE_KIND_BY_CHAR, TILE_KIND_BY_LEGACY_CODE, TileKind } from './tile-kind.js';

/** Largest tile edge: 10 ft or 3 m (RULES §2). */
const MAX_CELL_SIZE: Record<LengthUnit, number> = { ft: 10, m: 3 };
/** Smallest tile edge: a 0.1 ft (30 mm) grid is already finer than any ceiling system. */
const MIN_CELL_SIZE: Record<LengthUnit, number> = { ft: 0.1, m: 0.03 };
/** Highest ceiling: 60 ft or 18 m (RULES §2). */
const MAX_CEILING_HEIGHT: Record<LengthUnit, number> = { ft: 60, m: 18 };

/** A room that passed every rule of RULES §2; `roomId` is absent when the input gave none. */
export type CheckedRoom = Omit<Room, 'roomId'> & { readonly roomId?: string };

/** The outcome of {@link checkRoom}: the checked room, or every issue found. */
export type RoomCheck =
  | { readonly ok: true; readonly room: CheckedRoom }
  | { readonly ok: false; readonly issues: readonly RoomIssue[] };

/**
 * Checks an input room (RULES §2, `layout` or legacy `matrix`) against every rule, naming each
 * field at fault and why. Pure and free of Node built-ins, so the dashboard's ceiling editor runs
 * this same function in the browser; {@link parseRoom} adds the content-derived id on the server.
 */
export function checkRoom(input: unknown): RoomCheck {
  const parsed = roomInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(toRoomIssue) };
  const body = parsed.data;
  const issues: RoomIssue[] = [];

  const legacy = body.matrix !== undefined;
  checkExclusiveFields(body, legacy, issues);
  if (issues.length > 0) return { ok: false, issues };

  const units: LengthUnit = body.units ?? 'ft';
  const cellSizePath = body.cell_size !== undefined ? 'cell_size' : 'cellSize';
  const cellSize = body.cellSize ?? body.cell_size;
  if (cellSize === undefined) {
    issues.push({ path: 'cellSize', message: 'is required (edge of one square tile, in units)' });
  } else if (cellSize < MIN_CELL_SIZE[units]) {
    issues.push({
      path: cellSizePath,
      message: `must be ≥ ${MIN_CELL_SIZE[units]} ${units}, got ${cellSize}`,
    });
  } else if (cellSize > MAX_CELL_SIZE[units]) {
    issues.push({
      path: cellSizePath,
      message: `must be ≤ ${MAX_CELL_SIZE[units]} ${units}, got ${cellSize}`,
    });
  }

  const roomType = body.roomType ?? 'office';
  const requirements: Requirements = { ...defaultRequirements(roomType, units), ...body.requirements };
  checkRequirementRanges(requirements, body.requirements ?? {}, units, issues);

  const ceilingHeight = body.ceilingHeight ?? defaultCeilingHeight(units);
  if (ceilingHeight > MAX_CEILING_HEIGHT[units]) {
    issues.push({
      path: 'ceilingHeight',
      message: `must be ≤ ${MAX_CEILING_HEIGHT[units]} ${units}, got ${ceilingHeight}`,
    });
  } else if (ceilingHeight <= requirements.workPlaneHeight) {
    issues.push({
      path: 'ceilingHeight',
      message: `must be above the work plane (${requirements.workPlaneHeight} ${units}), got ${ceilingHeight}`,
    });
  }

  const grid = legacy ? readMatrix(body.matrix!, issues) : readLayout(body.layout!, issues);
  if (grid && legacy) checkLegacySize(body.width, body.height, cellSize, grid, issues);
  if (issues.length > 0 || !grid || cellSize === undefined) return { ok: false, issues };

  const roomId = body.roomId ?? body.room_id;
  return {
    ok: true,
    room: {
      ...(roomId !== undefined ? { roomId } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      units,
      cellSize,
      ceilingHeight,
      roomType,
      rows: grid.rows,
      cols: grid.cols,
      tiles: grid.tiles,
      requirements,
    },
  };
}

/** Fields that exclude each other, and the legacy fields a `layout` room may not carry. */
function checkExclusiveFields(
  body: z.output<typeof roomInputSchema>,
  legacy: boolean,
  issues: RoomIssue[],
): void {
  if (body.layout !== undefined && body.matrix !== undefined) {
    issues.push({ path: 'matrix', message: 'give either layout or matrix, not both' });
  }
  if (body.layout === undefined && body.matrix === undefined) {
    issues.push({ path: 'layout', message: 'is required (or the legacy matrix)' });
  }
  if (body.roomId !== undefined && body.room_id !== undefined) {
    issues.push({ path: 'room_id', message: 'give either roomId or room_id, not both' });
  }
  if (body.cellSize !== undefined && body.cell_size !== undefined) {
    issues.push({ path: 'cell_size', message: 'give either cellSize or cell_size, not both' });
  }
  if (!legacy) {
    for (const key of ['width', 'height', 'cell_size', 'room_id'] as const) {
      if (body[key] !== undefined)
        issues.push({ path: key, message: 'belongs to the legacy matrix format only' });
    }
  }
}

interface TileGrid {
  rows: number;
  cols: number;
  tiles: Uint8Array;
}

function readLayout(layout: readonly string[], issues: RoomIssue[]): TileGrid | undefined {
  const rows = layout.length;
  const cols = layout[0].length;
  if (!checkShape(rows, cols, 'layout', issues)) return undefined;
  const tiles = new Uint8Array(rows * cols);
  let roomTiles = 0;
  for (let r = 0; r < rows; r++) {
    const line = layout[r];
    if (line.length !== cols) {
      issues.push({
        path: `layout[${r}]`,
        message: `row ${r + 1} has ${line.length} tiles, expected ${cols}`,
      });
      if (issues.length >= 20) return undefined;
      continue;
    }
    for (let c = 0; c < cols; c++) {
      const kind = TILE_KIND_BY_CHAR[line[c]];
      if (kind === undefined || !Object.hasOwn(TILE_KIND_BY_CHAR, line[c])) {
        issues.push({
          path: `layout[${r}]`,
          message: `unknown tile ${JSON.stringify(line[c])} at row ${r + 1}, col ${c + 1} (legend: - . # L S R D)`,
        });
        if (issues.length >= 20) return undefined;
        continue;
      }
      tiles[r * cols + c] = kind;
      if (kind !== TileKind.Outside) roomTiles++;
    }
  }
  if (roomTiles === 0 && issues.length === 0) {
    issues.push({ path: 'layout', message: 'has no room tile (every tile is "-")' });
  }
  return { rows, cols, tiles };
}

function readMatrix(matrix: readonly (readonly unknown[])[], issues: RoomIssue[]): TileGrid | undefined {
  const rows = matrix.length;
  const cols = matrix[0].length;
  if (!checkShape(rows, cols, 'matrix', issues)) return undefined;
  const tiles = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = matrix[r];
    if (row.length !== cols) {
      issues.push({
        path: `matrix[${r}]`,
        message: `row ${r + 1} has ${row.length} tiles, expected ${cols}`,
      });
      if (issues.length >= 20) return undefined;
      continue;
    }
    for (let c = 0; c < cols; c++) {
      const code = row[c];
      const kind = Number.isInteger(code) ? TILE_KIND_BY_LEGACY_CODE[code as number] : undefined;
      if (kind === undefined) {
        issues.push({
          path: `matrix[${r}][${c}]`,
          message: `unknown tile code ${describeTileCode(code)} at row ${r + 1}, col ${c + 1} (0 free, 1 blocked, 2 light, 3 air supply, 4 return, 5 smoke detector)`,
        });
        if (issues.length >= 20) return undefined;
        continue;
      }
      tiles[r * cols + c] = kind;
    }
  }
  return { rows, cols, tiles };
}

/**
 * A rejected matrix cell, shown in the message. Arrays and objects are named, not printed:
 * JSON.stringify of a deeply nested cell overflows the stack, and a long value would be echoed.
 */
function describeTileCode(code: unknown): string {
  if (Array.isArray(code)) return 'an array';
  if (typeof code === 'object' && code !== null) return 'an object';
  const text = JSON.stringify(code) ?? String(code);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function checkShape(rows: number, cols: number, path: string, issues: RoomIssue[]): boolean {
  if (cols === 0) {
    issues.push({ path: `${path}[0]`, message: 'row 1 is empty; every row needs at least one tile' });
    return false;
  }
  if (cols > MAX_SIDE) {
    issues.push({ path: `${path}[0]`, message: `row 1 has ${cols} tiles, at most ${MAX_SIDE} are allowed` });
    return false;
  }
  if (rows * cols > MAX_TILES) {
    issues.push({
      path,
      message: `has ${(rows * cols).toLocaleString('en-US')} tiles (${rows} × ${cols}), at most ${MAX_TILES.toLocaleString('en-US')} are allowed`,
    });
    return false;
  }
  return true;
}

/** Legacy `width`/`height` may be given in tiles or in feet; either way they must agree with the matrix. */
function checkLegacySize(
  width: number | undefined,
  height: number | undefined,
  cellSize: number | undefined,
  grid: TileGrid,
  issues: RoomIssue[],
): void {
  const agrees = (value: number, tiles: number) =>
    value === tiles || (cellSize !== undefined && Math.abs(value - tiles * cellSize) < 1e-9);
  if (width !== undefined && !agrees(width, grid.cols)) {
    issues.push({ path: 'width', message: `is ${width} but the matrix rows have ${grid.cols} tiles` });
  }
  if (height !== undefined && !agrees(height, grid.rows)) {
    issues.push({ path: 'height', message: `is ${height} but the matrix has ${grid.rows} rows` });
  }
}

/**
 * Physically plausible bounds of the overrides, for ft rooms (m rooms: converted). The schema
 * only asks for positive numbers; beyond these the models would compute with infinities or
 * spend minutes on a room no one could build, so such a value is rejected here, by name.
 */
const REQUIREMENT_BOUNDS: Partial<
  Record<
    keyof Requirements,
    {
      min?: number;
      max: number;
      unit: 'ratio' | 'lx' | 'lm' | 'W' | 'airflowPerArea' | 'airflow' | 'length';
    }
  >
> = {
  illuminanceLux: { max: 100_000, unit: 'lx' },
  spacingCriterion: { max: 10, unit: 'ratio' },
  luminousFlux: { max: 1_000_000, unit: 'lm' },
  luminaireWatts: { max: 10_000, unit: 'W' },
  supplyAirflowPerArea: { max: 100, unit: 'airflowPerArea' },
  diffuserAirflow: { max: 100_000, unit: 'airflow' },
  diffuserCoverageRadius: { max: 1_000, unit: 'length' },
  diffuserMinSpacing: { max: 1_000, unit: 'length' },
  detectorSpacing: { min: 1, max: 1_000, unit: 'length' },
  detectorDiffuserClearance: { max: 1_000, unit: 'length' },
};

/** Factor from the ft-room value of a bound to the m-room value, by kind of quantity. */
const METRIC_FACTOR = {
  ratio: 1,
  lx: 1,
  lm: 1,
  W: 1,
  airflowPerArea: 5.08,
  airflow: 0.4719,
  length: 0.3048,
} as const;
const UNIT_LABEL: Record<LengthUnit, Record<keyof typeof METRIC_FACTOR, string>> = {
  ft: { ratio: '', lx: 'lx', lm: 'lm', W: 'W', airflowPerArea: 'cfm/ft²', airflow: 'cfm', length: 'ft' },
  m: { ratio: '', lx: 'lx', lm: 'lm', W: 'W', airflowPerArea: 'L/s·m²', airflow: 'L/s', length: 'm' },
};

function checkRequirementRanges(
  resolved: Requirements,
  overrides: Partial<Requirements>,
  units: LengthUnit,
  issues: RoomIssue[],
): void {
  const atMostOne = ['uniformity', 'maintenanceFactor'] as const;
  for (const key of atMostOne) {
    if (overrides[key] !== undefined && resolved[key] > 1) {
      issues.push({ path: `requirements.${key}`, message: `must be ≤ 1, got ${resolved[key]}` });
    }
  }
  if (overrides.reflectance !== undefined && resolved.reflectance >= 1) {
    issues.push({ path: 'requirements.reflectance', message: `must be < 1, got ${resolved.reflectance}` });
  }
  for (const [key, bound] of Object.entries(REQUIREMENT_BOUNDS) as [
    Exclude<keyof Requirements, 'lightLayout'>,
    (typeof REQUIREMENT_BOUNDS)[keyof Requirements] & {},
  ][]) {
    const value = overrides[key];
    if (value === undefined) continue;
    const factor = units === 'ft' ? 1 : METRIC_FACTOR[bound.unit];
    const min = bound.min === undefined ? 0 : round3(bound.min * factor);
    const max = round3(bound.max * factor);
    if ((bound.min !== undefined && value < min) || value > max) {
      const range = bound.min === undefined ? `≤ ${max}` : `between ${min} and ${max}`;
      issues.push({
        path: `requirements.${key}`,
        message: `must be ${range}${UNIT_LABEL[units][bound.unit] ? ` ${UNIT_LABEL[units][bound.unit]}` : ''}, got ${value}`,
      });
    }
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A zod issue as a {@link RoomIssue}: `layout[2]`-style path, unknown keys named. */
export function toRoomIssue(issue: z.core.$ZodIssue): RoomIssue {
  const path = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
  if (issue.code === 'unrecognized_keys') {
    return {
      path,
      message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`,
    };
  }
  return { path, message: issue.message };
}

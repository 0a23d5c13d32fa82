import { type Floor, type FloorTotals, floorTotals, type Room, type RunResult } from '@ceiling-grid/core';

/** One room of `floor-summary.json`. */
export interface FloorRoomSummary {
  readonly roomId: string;
  readonly name?: string;
  readonly roomType: string;
  /** `rows × cols` tiles. */
  readonly tiles: string;
  readonly status: 'completed' | 'failed';
  /** Why the room failed, for `status: 'failed'`. */
  readonly error?: string;
  /** The room's result in `--out-dir`, or `null` when the run produced none. */
  readonly file: string | null;
  /** New devices placed. */
  readonly lights: number;
  readonly diffusers: number;
  readonly detectors: number;
  /** Whether every check passes. */
  readonly compliant: boolean;
  /** Each check's verdict; `null` where the run did not get that far. */
  readonly compliance: Readonly<Record<'lighting' | 'airSupply' | 'smokeDetection', boolean | null>>;
  /** The room's run time, ms. */
  readonly durationMs: number;
}

/** `floor-summary.json`: every room's outcome and the floor's totals (RULES §8 "Floors"). */
export interface FloorSummary {
  readonly floorId: string;
  readonly name: string;
  readonly units: Floor['units'];
  readonly rooms: readonly FloorRoomSummary[];
  /** Totals of the completed rooms, as `GET /api/floors/:id` gives them (RULES §5 "Floors"). */
  readonly totals: FloorTotals;
  /** Wall time of every room's run, ms. */
  readonly durationMs: number;
}

/** The outcome of one room's run in the CLI: a result, or the error that stopped it. */
export type RoomOutcome =
  | { readonly room: Room; readonly result: RunResult; readonly file: string }
  | { readonly room: Room; readonly error: string; readonly durationMs: number };

/** The summary of a floor's rooms, in the floor's order. */
export function summarizeFloor(
  floor: Floor,
  outcomes: readonly RoomOutcome[],
  durationMs: number,
): FloorSummary {
  const results = outcomes.flatMap((outcome) => ('result' in outcome ? [outcome.result] : []));
  return {
    floorId: floor.floorId,
    name: floor.name,
    units: floor.units,
    rooms: outcomes.map(summarizeRoom),
    totals: floorTotals(results, floor.units),
    durationMs: round(durationMs),
  };
}

/** One room's summary: counts of new devices, each check's verdict. */
export function summarizeRoom(outcome: RoomOutcome): FloorRoomSummary {
  const { room } = outcome;
  const basics = {
    roomId: room.roomId,
    ...(room.name !== undefined ? { name: room.name } : {}),
    roomType: room.roomType,
    tiles: `${room.rows} × ${room.cols}`,
  };
  if (!('result' in outcome))
    return {
      ...basics,
      status: 'failed',
      error: outcome.error,
      file: null,
      lights: 0,
      diffusers: 0,
      detectors: 0,
      compliant: false,
      compliance: { lighting: null, airSupply: null, smokeDetection: null },
      durationMs: round(outcome.durationMs),
    };
  const { result } = outcome;
  const count = (type: string) => result.placements.filter((p) => p.type === type).length;
  const compliance = {
    lighting: result.compliance.lighting?.pass ?? null,
    airSupply: result.compliance.airSupply?.pass ?? null,
    smokeDetection: result.compliance.smokeDetection?.pass ?? null,
  };
  return {
    ...basics,
    status: result.status,
    ...(result.error !== undefined ? { error: result.error } : {}),
    file: outcome.file,
    lights: count('light'),
    diffusers: count('airSupply'),
    detectors: count('smokeDetector'),
    compliant: result.status === 'completed' && Object.values(compliance).every((pass) => pass === true),
    compliance,
    durationMs: round(result.durationMs),
  };
}

const COLUMNS = [24, 10, 11, 9, 7, 10, 10, 10] as const;

/** The heading of the rooms table {@link formatRoomLine} fills in, one room at a time. */
export function roomTableHeading(): string {
  return row(['room', 'type', 'tiles', 'status', 'lights', 'diffusers', 'detectors', 'ms']);
}

/** One room as a line of the table on stderr; the checks that fail follow it. */
export function formatRoomLine(room: FloorRoomSummary): string {
  const failing = Object.entries(room.compliance)
    .filter(([, pass]) => pass === false)
    .map(([check]) => check);
  const status = room.status === 'failed' ? 'FAILED' : room.compliant ? 'ok' : 'NOT ok';
  const line = row([
    room.roomId,
    room.roomType,
    room.tiles.replace(/ /g, ''),
    status,
    String(room.lights),
    String(room.diffusers),
    String(room.detectors),
    room.durationMs.toFixed(0),
  ]);
  if (room.error) return `${line}  ${room.error}`;
  return failing.length > 0 ? `${line}  fails: ${failing.join(', ')}` : line;
}

/** The floor's totals, for people: what the table's rows add up to. */
export function formatFloorTotals(summary: FloorSummary): string {
  const { totals } = summary;
  const failed = summary.rooms.filter((room) => room.status === 'failed').length;
  const bound = (total: FloorTotals['lights']) =>
    total.lowerBound === null ? '' : ` (proven minimum ${total.lowerBound})`;
  return [
    `floor ${summary.floorId}${summary.name !== summary.floorId ? ` (${summary.name})` : ''} · ${summary.rooms.length} rooms · ${totals.completedRooms} completed, ${failed} failed · ${totals.compliantRooms} compliant · ${(summary.durationMs / 1000).toFixed(1)} s`,
    `  lights    ${totals.lights.count}${bound(totals.lights)} · ${totals.watts} ${totals.units.watts} over ${totals.area.toFixed(0)} ${totals.units.area} = ${totals.lightingPowerDensity.toFixed(2)} ${totals.units.lightingPowerDensity}`,
    `  diffusers ${totals.diffusers.count}${bound(totals.diffusers)}`,
    `  detectors ${totals.detectors.count}${bound(totals.detectors)}`,
  ].join('\n');
}

function row(cells: readonly string[]): string {
  return cells
    .map((cell, i) => (i === 0 || i === 1 ? cell.padEnd(COLUMNS[i]) : cell.padStart(COLUMNS[i])))
    .join(' ')
    .trimEnd();
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

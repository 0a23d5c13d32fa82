import type { RunResult } from '../pipeline/run-result.js';
import type { StageName } from '../room/device-type.js';
import type { LengthUnit } from '../room/room-type.js';

/** Device kinds a schedule lists: the three the pipeline places, and return grilles (input only). */
export const SCHEDULE_DEVICE_TYPES = ['light', 'airSupply', 'returnGrille', 'smokeDetector'] as const;

export type ScheduleDeviceType = (typeof SCHEDULE_DEVICE_TYPES)[number];

/**
 * The tag prefix of each kind: `L-01` lights, `D-01` supply diffusers, `R-01` return grilles,
 * `S-01` smoke detectors — the letters of a drawing's device tags, which differ from the
 * layout's tile letters for diffusers (`S`) and detectors (`D`).
 */
export const DEVICE_TAG_PREFIX: Readonly<Record<ScheduleDeviceType, string>> = {
  light: 'L',
  airSupply: 'D',
  returnGrille: 'R',
  smokeDetector: 'S',
};

const TYPE_BY_CHAR: Readonly<Record<string, ScheduleDeviceType>> = {
  L: 'light',
  S: 'airSupply',
  R: 'returnGrille',
  D: 'smokeDetector',
};

/** One device of the room, as the schedule and the drawing list it. */
export interface ScheduledDevice {
  /** `L-01`, `D-01`, `R-01`, `S-01`: one numbering per kind, in reading order (rows top to bottom, left to right). */
  readonly tag: string;
  readonly type: ScheduleDeviceType;
  /** Tile centre, room units, CAD convention (origin bottom-left of the grid, y up), as `Placement.x`/`y`. */
  readonly x: number;
  readonly y: number;
  readonly units: LengthUnit;
  readonly row: number;
  readonly col: number;
  /** `new`: placed by this run (in `placements`); `existing`: on the input. */
  readonly status: 'new' | 'existing';
  /** The stage that placed it; absent for an existing device. */
  readonly stage?: StageName;
  /** The model that placed it; absent for an existing device. */
  readonly model?: string;
  /** What the device is, for the contractor (`2x2 LED troffer, 3600 lm, 32 W`). */
  readonly description: string;
}

/** What the schedule reads of a result. */
export type ScheduleSource = Pick<RunResult, 'room' | 'layout' | 'placements'>;

/**
 * Every device of the result's final layout, new and existing, with its tag: by kind (lights,
 * supply diffusers, return grilles, smoke detectors), then in reading order. The one source of
 * tags for the CSV schedule, the DXF and the review sheet, so they always agree. New devices
 * take their position, stage and model from `placements`; existing ones their position from
 * the same formula (RULES §5).
 */
export function deviceSchedule(result: ScheduleSource): ScheduledDevice[] {
  const { room, layout, placements } = result;
  const { rows, cellSize, units } = room;
  const placed = new Map<string, (typeof placements)[number]>();
  for (const p of placements) placed.set(`${p.row},${p.col}`, p);
  const byType: Record<ScheduleDeviceType, { row: number; col: number }[]> = {
    light: [],
    airSupply: [],
    returnGrille: [],
    smokeDetector: [],
  };
  for (let row = 0; row < layout.length; row++) {
    const line = layout[row];
    for (let col = 0; col < line.length; col++) {
      const type = TYPE_BY_CHAR[line[col]];
      if (type) byType[type].push({ row, col });
    }
  }
  const at = (value: number) => Math.round(value * 1e6) / 1e6;
  const out: ScheduledDevice[] = [];
  for (const type of SCHEDULE_DEVICE_TYPES) {
    const tiles = byType[type];
    const width = Math.max(2, String(tiles.length).length);
    const description = describe(type, result.room);
    tiles.forEach(({ row, col }, i) => {
      const placement = placed.get(`${row},${col}`);
      const isNew = placement !== undefined && placement.type === type;
      out.push({
        tag: `${DEVICE_TAG_PREFIX[type]}-${String(i + 1).padStart(width, '0')}`,
        type,
        x: isNew ? placement.x : at((col + 0.5) * cellSize),
        y: isNew ? placement.y : at((rows - row - 0.5) * cellSize),
        units,
        row,
        col,
        status: isNew ? 'new' : 'existing',
        ...(isNew ? { stage: placement.stage, model: placement.model } : {}),
        description,
      });
    });
  }
  return out;
}

/** Plain ASCII, so every CAD program and spreadsheet shows it the same. */
function describe(type: ScheduleDeviceType, room: ScheduleSource['room']): string {
  const r = room.requirements;
  const airflow = room.units === 'ft' ? 'cfm' : 'L/s';
  switch (type) {
    case 'light':
      return `2x2 LED troffer, ${r.luminousFlux} lm, ${r.luminaireWatts} W`;
    case 'airSupply':
      return `Square supply diffuser, ${r.diffuserAirflow} ${airflow}`;
    case 'returnGrille':
      return 'Return grille';
    case 'smokeDetector':
      return `Spot smoke detector, listed spacing ${r.detectorSpacing} ${room.units}`;
  }
}

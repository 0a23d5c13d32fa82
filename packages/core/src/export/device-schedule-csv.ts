import { deviceSchedule, type ScheduledDevice, type ScheduleSource } from './device-schedule.js';

/** The columns of the CSV schedule, in order. */
export const SCHEDULE_CSV_COLUMNS = [
  'tag',
  'type',
  'x',
  'y',
  'units',
  'row',
  'col',
  'status',
  'stage',
  'model',
  'description',
] as const;

/**
 * The device schedule as CSV (RFC 4180): a header line, then one record per device of
 * {@link deviceSchedule} — the same tags as the DXF — every line ending in CRLF, a field quoted
 * (and its quotes doubled) when it holds a comma, a quote, CR or LF. Numbers as JavaScript
 * prints them (`x`, `y` to a millionth of a unit), empty `stage` and `model` for an existing
 * device. UTF-8 without a byte-order mark.
 */
export function renderDeviceScheduleCsv(result: ScheduleSource): string {
  let out = `${SCHEDULE_CSV_COLUMNS.join(',')}\r\n`;
  for (const d of deviceSchedule(result)) out += `${scheduleCsvFields(d).map(csvField).join(',')}\r\n`;
  return out;
}

/** A device's fields in {@link SCHEDULE_CSV_COLUMNS} order, unquoted. */
export function scheduleCsvFields(d: ScheduledDevice): string[] {
  return [
    d.tag,
    d.type,
    String(d.x),
    String(d.y),
    d.units,
    String(d.row),
    String(d.col),
    d.status,
    d.stage ?? '',
    d.model ?? '',
    d.description,
  ];
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

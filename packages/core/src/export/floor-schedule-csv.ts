import { deviceSchedule, type ScheduleSource } from './device-schedule.js';
import { csvField, SCHEDULE_CSV_COLUMNS, scheduleCsvFields } from './device-schedule-csv.js';

/** The columns of a floor's CSV schedule: the room's id and run, then a room schedule's columns. */
export const FLOOR_SCHEDULE_CSV_COLUMNS = ['roomId', 'runId', ...SCHEDULE_CSV_COLUMNS] as const;

/** One finished room of a floor, as its schedule needs it. */
export interface FloorScheduleRoom {
  readonly roomId: string;
  readonly runId: string;
  readonly result: ScheduleSource;
}

/**
 * A floor's device schedule as CSV (RFC 4180, CRLF, UTF-8 without BOM): one header line, then
 * every device of every room in the order given, each record the room's id and run id followed
 * by that room's `renderDeviceScheduleCsv` record. Tags number per room (`L-01` recurs in each
 * room), so `roomId` with `tag` names a device on the floor.
 */
export function renderFloorScheduleCsv(rooms: readonly FloorScheduleRoom[]): string {
  let out = `${FLOOR_SCHEDULE_CSV_COLUMNS.join(',')}\r\n`;
  for (const room of rooms) {
    for (const d of deviceSchedule(room.result))
      out += `${[room.roomId, room.runId, ...scheduleCsvFields(d)].map(csvField).join(',')}\r\n`;
  }
  return out;
}

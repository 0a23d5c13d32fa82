import type { LengthUnit } from '../room/room-type.js';

/**
 * A tile as reasons name it: `row 3, col 7`, 0-based (row 0 is the top line of the layout,
 * col 0 its first character), the same numbering as `Placement.row`/`col`.
 */
export function tileLabel(index: number, cols: number): string {
  return `row ${Math.floor(index / cols)}, col ${index % cols}`;
}

/** A figure for a reason: at most two decimals, thousands separated (`2.83`, `1,200`). */
export function formatFigure(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A length with its unit: `2.83 ft`. */
export function formatLength(value: number, units: LengthUnit): string {
  return `${formatFigure(value)} ${units}`;
}

/** The airflow unit of a room: cfm for ft rooms, L/s for m rooms (RULES §4). */
export function airflowUnit(units: LengthUnit): string {
  return units === 'ft' ? 'cfm' : 'L/s';
}

/** `1 diffuser`, `3 diffusers`. */
export function plural(count: number, noun: string): string {
  return `${formatFigure(count)} ${noun}${count === 1 ? '' : 's'}`;
}

import { type LengthUnit, metresPerUnit } from '../room/room-type.js';
import { DxfImportError } from './dxf-import-error.js';

/** The `$INSUNITS` codes a room can be read from: metres per drawing unit and the room's units. */
const INSUNITS: Readonly<Record<number, { name: string; metres: number; units: LengthUnit }>> = {
  1: { name: 'inches', metres: 0.0254, units: 'ft' },
  2: { name: 'feet', metres: 0.3048, units: 'ft' },
  4: { name: 'millimetres', metres: 0.001, units: 'm' },
  5: { name: 'centimetres', metres: 0.01, units: 'm' },
  6: { name: 'metres', metres: 1, units: 'm' },
};

/** How the drawing's numbers become the room's. */
export interface DrawingUnits {
  /** The room's units. */
  readonly units: LengthUnit;
  /** Room units per drawing unit. */
  readonly scale: number;
  /** What the drawing said, for messages: `feet ($INSUNITS 2)`, or `no $INSUNITS`. */
  readonly source: string;
}

/**
 * The room's units and the drawing-to-room scale: from `$INSUNITS` (inches and feet give a
 * `ft` room, millimetres, centimetres and metres an `m` room) unless `units` names the room's
 * units, in which case the drawing is converted to them. A drawing without `$INSUNITS` (or
 * with 0, unitless) is read as drawn in `units`, which must then be given.
 */
export function drawingUnits(insUnits: unknown, units: LengthUnit | undefined): DrawingUnits {
  const code = typeof insUnits === 'number' && Number.isInteger(insUnits) ? insUnits : 0;
  if (code === 0) {
    if (!units) {
      throw new DxfImportError(
        'units',
        'the drawing has no $INSUNITS (its unit is not stated): give units, "ft" or "m", the unit it is drawn in',
      );
    }
    return { units, scale: 1, source: 'no $INSUNITS' };
  }
  const known = INSUNITS[code];
  if (!known) {
    throw new DxfImportError(
      'dxf',
      `$INSUNITS ${code} is not a unit a room is drawn in: save the drawing in inches, feet, millimetres, centimetres or metres`,
    );
  }
  const roomUnits = units ?? known.units;
  return {
    units: roomUnits,
    scale: known.metres / metresPerUnit(roomUnits),
    source: `${known.name} ($INSUNITS ${code})`,
  };
}

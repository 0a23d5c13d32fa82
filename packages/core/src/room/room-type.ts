/** Room types of RULES §2; each selects the default targets and rates of RULES §4. */
export const ROOM_TYPES = [
  'office',
  'classroom',
  'conference',
  'corridor',
  'lobby',
  'retail',
  'warehouse',
] as const;

export type RoomType = (typeof ROOM_TYPES)[number];

/** Length units a room may be drawn in. */
export const LENGTH_UNITS = ['ft', 'm'] as const;

export type LengthUnit = (typeof LENGTH_UNITS)[number];

/** Metres in one foot (exact, by definition). */
export const METRES_PER_FOOT = 0.3048;

/** Metres in one unit of `units`. */
export function metresPerUnit(units: LengthUnit): number {
  return units === 'ft' ? METRES_PER_FOOT : 1;
}

import { defaultRequirements, REQUIREMENT_KEYS, type Requirements } from './requirements.js';
import type { Room } from './room.js';
import { roomHeading } from './room-heading.js';
import { toLayout } from './room-layout.js';
import type { RoomInput } from './room-schema.js';

/**
 * A parsed room back as the RULES §2 JSON it could have come from: `layout` strings, and only
 * the requirements that differ from the room type's defaults (a room keeps its resolved values,
 * not the overrides it was given). `parseRoom(toRoomInput(room))` gives the same room again;
 * the dashboard opens a run's room in the ceiling editor this way.
 */
export function toRoomInput(room: Room): RoomInput {
  const overrides = requirementOverrides(room.requirements, defaultRequirements(room.roomType, room.units));
  return {
    ...roomHeading(room),
    layout: toLayout(room),
    ...(Object.keys(overrides).length > 0 ? { requirements: overrides } : {}),
  };
}

function requirementOverrides(resolved: Requirements, defaults: Requirements): Partial<Requirements> {
  const overrides: Record<string, number | string> = {};
  for (const key of [...REQUIREMENT_KEYS, 'lightLayout'] as const) {
    if (resolved[key] !== defaults[key]) overrides[key] = resolved[key];
  }
  return overrides as Partial<Requirements>;
}

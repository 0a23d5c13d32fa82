/**
 * The room rules without anything Node-only: what the dashboard's ceiling editor bundles for
 * the browser (`@ceiling-grid/core/portable-room`), so the editor checks a room with the very
 * code the server runs. Nothing here may import `node:*` or a module that does; the
 * dashboard's bundle test fails if one does.
 */
export { type CheckedRoom, checkRoom, type RoomCheck } from './check-room.js';
export { LIGHT_LAYOUTS } from './requirements.js';
export { MAX_SIDE, MAX_TILES, type RoomInput } from './room-schema.js';
export { LENGTH_UNITS, type LengthUnit, ROOM_TYPES, type RoomType } from './room-type.js';
export { formatRoomIssue, type RoomIssue } from './room-validation-error.js';
export { TILE_CHARS, TILE_KIND_BY_CHAR, TILE_KIND_BY_LEGACY_CODE, TileKind } from './tile-kind.js';

export * from './dxf-import-error.js';
export * from './dxf-room-options.js';
export { type ImportedRoom, importRoomFromDxf } from './import-room-from-dxf.js';
export { OVERLAP_TOLERANCE } from './tile-raster.js';

import { TileKind } from './tile-kind.js';

/** Device kinds the pipeline places, in placement order. */
export const DEVICE_TYPES = ['light', 'airSupply', 'smokeDetector'] as const;

export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Pipeline stages of RULES §5, in order. */
export const STAGE_NAMES = ['lights', 'airSupply', 'smokeDetectors'] as const;

export type StageName = (typeof STAGE_NAMES)[number];

/** Tile kind each device type writes into the layout. */
export const TILE_KIND_BY_DEVICE: Record<DeviceType, TileKind> = {
  light: TileKind.Light,
  airSupply: TileKind.AirSupply,
  smokeDetector: TileKind.SmokeDetector,
};

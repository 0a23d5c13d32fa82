import { type LengthUnit, METRES_PER_FOOT, type RoomType } from './room-type.js';

/**
 * The engineering values one room is held to (RULES §4), resolved from the room type's
 * defaults and the room's `requirements` overrides. Lengths are in the room's own units;
 * airflow in cfm for ft rooms and L/s for m rooms, as the overrides are written.
 */
export interface Requirements {
  /** Maintained average illuminance target on the work plane, lux. */
  illuminanceLux: number;
  /**
   * Spacing criterion SC: every task point within `SC · h / √2` of a light (h the mounting
   * height above the work plane); 0 turns the rule off.
   */
  spacingCriterion: number;
  /**
   * `free`: the fewest fixtures the rules allow, wherever they stand; `aligned`: lights on
   * evenly spaced row and column lines, one lattice per rectangular zone of the room.
   */
  lightLayout: LightLayout;
  /** Uniformity target U0 = min / mean over task points. */
  uniformity: number;
  /** Luminous flux of one light, lumens. */
  luminousFlux: number;
  /** Power of one light, watts (reported, not used for placement). */
  luminaireWatts: number;
  /** Maintenance factor applied to every light. */
  maintenanceFactor: number;
  /** Average surface reflectance used for the interreflected component. */
  reflectance: number;
  /** Work plane height above the floor, room units. */
  workPlaneHeight: number;
  /** Supply air per floor area: cfm/ft² (ft rooms) or L/s per m² (m rooms). */
  supplyAirflowPerArea: number;
  /** Airflow one diffuser delivers: cfm (ft rooms) or L/s (m rooms). */
  diffuserAirflow: number;
  /** Every room tile centre must lie within this distance of a diffuser, room units. */
  diffuserCoverageRadius: number;
  /** Minimum centre-to-centre distance between two diffusers, room units. */
  diffuserMinSpacing: number;
  /** Listed detector spacing S; coverage radius is 0.7·S, room units. */
  detectorSpacing: number;
  /** Minimum centre-to-centre distance between a detector and a diffuser, room units. */
  detectorDiffuserClearance: number;
}

/** How the lights of a room may be arranged (RULES §4 `lightLayout`). */
export const LIGHT_LAYOUTS = ['free', 'aligned'] as const;
export type LightLayout = (typeof LIGHT_LAYOUTS)[number];

/** Default spacing criterion SC (EN 12464-1 / IES practice for troffers). */
export const DEFAULT_SPACING_CRITERION = 1.5;

/** Numeric keys a room's `requirements` may override (`lightLayout` is the one string key). */
export const REQUIREMENT_KEYS = [
  'illuminanceLux',
  'spacingCriterion',
  'uniformity',
  'luminousFlux',
  'luminaireWatts',
  'maintenanceFactor',
  'reflectance',
  'workPlaneHeight',
  'supplyAirflowPerArea',
  'diffuserAirflow',
  'diffuserCoverageRadius',
  'diffuserMinSpacing',
  'detectorSpacing',
  'detectorDiffuserClearance',
] as const satisfies readonly Exclude<keyof Requirements, 'lightLayout'>[];

const LIGHTING_TARGETS: Record<RoomType, { illuminanceLux: number; uniformity: number }> = {
  office: { illuminanceLux: 500, uniformity: 0.6 },
  classroom: { illuminanceLux: 500, uniformity: 0.6 },
  conference: { illuminanceLux: 500, uniformity: 0.6 },
  corridor: { illuminanceLux: 100, uniformity: 0.4 },
  lobby: { illuminanceLux: 200, uniformity: 0.4 },
  retail: { illuminanceLux: 300, uniformity: 0.4 },
  warehouse: { illuminanceLux: 200, uniformity: 0.4 },
};

/** Supply rate in cfm/ft² by room type (RULES §4). */
const SUPPLY_CFM_PER_FT2: Record<RoomType, number> = {
  office: 1.0,
  classroom: 1.0,
  conference: 1.0,
  corridor: 1.0,
  lobby: 1.0,
  retail: 1.0,
  warehouse: 0.5,
};

/** L/s per cfm. */
const LITRES_PER_SECOND_PER_CFM = 0.47194745;

/** The RULES §4 defaults for a room type, in the given units. */
export function defaultRequirements(roomType: RoomType, units: LengthUnit): Requirements {
  const cfmPerFt2 = SUPPLY_CFM_PER_FT2[roomType];
  return {
    ...LIGHTING_TARGETS[roomType],
    spacingCriterion: DEFAULT_SPACING_CRITERION,
    lightLayout: 'free',
    luminousFlux: 3600,
    luminaireWatts: 32,
    maintenanceFactor: 0.8,
    reflectance: 0.5,
    workPlaneHeight: units === 'ft' ? 2.5 : 0.76,
    // 1 cfm/ft² = 0.4719 L/s ÷ 0.0929 m² = 5.08 L/s·m².
    supplyAirflowPerArea:
      units === 'ft'
        ? cfmPerFt2
        : (cfmPerFt2 * LITRES_PER_SECOND_PER_CFM) / (METRES_PER_FOOT * METRES_PER_FOOT),
    diffuserAirflow: units === 'ft' ? 250 : 118,
    diffuserCoverageRadius: units === 'ft' ? 12 : 3.66,
    diffuserMinSpacing: units === 'ft' ? 6 : 1.83,
    detectorSpacing: units === 'ft' ? 30 : 9.1,
    detectorDiffuserClearance: units === 'ft' ? 3 : 0.91,
  };
}

/** Default ceiling height by units (RULES §2). */
export function defaultCeilingHeight(units: LengthUnit): number {
  return units === 'ft' ? 9 : 2.75;
}

import type { Requirements } from './requirements.js';
import type { LengthUnit } from './room-type.js';

/** The numeric keys of {@link Requirements} (`lightLayout` is a word, not a figure). */
export type RequirementFigure = Exclude<keyof Requirements, 'lightLayout'>;

/**
 * The unit of every numeric requirement of a room in `units` (RULES §4 overrides): lengths in
 * the room's unit, airflow in cfm (ft rooms) or L/s (m rooms), `1` for ratios. The result
 * carries it beside `requirements` (`room.requirementUnits`), so no figure is left to guess.
 */
export function requirementUnits(units: LengthUnit): Readonly<Record<RequirementFigure, string>> {
  const airflow = units === 'ft' ? 'cfm' : 'L/s';
  return {
    illuminanceLux: 'lx',
    spacingCriterion: '1',
    uniformity: '1',
    luminousFlux: 'lm',
    luminaireWatts: 'W',
    maintenanceFactor: '1',
    reflectance: '1',
    workPlaneHeight: units,
    supplyAirflowPerArea: `${airflow}/${units}²`,
    diffuserAirflow: airflow,
    diffuserCoverageRadius: units,
    diffuserMinSpacing: units,
    detectorSpacing: units,
    detectorDiffuserClearance: units,
  };
}

/**
 * Air supply diffusers (RULES §4): the `lattice-relax` placement model and the compliance check.
 */
export { checkAirSupply } from './check-air-supply.js';
export { AIR_SUPPLY_MODEL, EXACT_AIR_SUPPLY_MODEL, placeAirSupply } from './place-air-supply.js';

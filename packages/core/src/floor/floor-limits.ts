/** Most rooms one floor may hold: a large office floor has 50–300; a tower is several floors. */
export const MAX_FLOOR_ROOMS = 500;

/**
 * Most tiles, summed over the rooms, one floor may hold: eight rooms of the largest size, or
 * 500 rooms of 4,000 tiles (about 16,000 ft² each at 2 ft tiles).
 */
export const MAX_FLOOR_TILES = 2_000_000;

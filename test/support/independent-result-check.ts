import { parseRoom, type RunResult } from '@ceiling-grid/core';
import {
  bruteForceAirSupply,
  bruteForceSmokeDetection,
} from '../../packages/core/test/support/brute-force-air-smoke.js';
import { bruteForceLighting } from '../../packages/core/test/support/brute-force-lighting.js';

/**
 * Checks a run's result against RULES §4 with the tests' own brute-force checkers, which
 * share no code with the models: rebuilds the placed room from the result's layout and
 * requirements, and answers rule family by rule family.
 */
export function checkResultIndependently(result: Pick<RunResult, 'room' | 'layout'>): {
  lighting: boolean;
  airSupply: boolean;
  smokeDetection: boolean;
} {
  const { room: summary } = result;
  const room = parseRoom({
    roomId: summary.roomId,
    units: summary.units,
    cellSize: summary.cellSize,
    ceilingHeight: summary.ceilingHeight,
    roomType: summary.roomType,
    layout: result.layout,
    requirements: summary.requirements,
  });
  const lighting = bruteForceLighting(room);
  return {
    lighting:
      lighting.averageLux >= room.requirements.illuminanceLux &&
      lighting.uniformity >= room.requirements.uniformity,
    airSupply: bruteForceAirSupply(room).pass,
    smokeDetection: bruteForceSmokeDetection(room).pass,
  };
}

/**
 * Whether the result kept the input's devices where they were and put new ones only on free
 * tiles: every non-free input tile is unchanged in the output layout.
 */
export function keepsInputTiles(inputLayout: readonly string[], outputLayout: readonly string[]): boolean {
  return inputLayout.every((row, r) =>
    [...row].every((tile, c) =>
      tile === '.' ? '.LSD'.includes(outputLayout[r][c]) : outputLayout[r][c] === tile,
    ),
  );
}

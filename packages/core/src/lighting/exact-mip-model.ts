import { solveCoveringProgramme } from '../exact/covering-solve.js';
import { solverBudget } from '../exact/solver-budget.js';
import type { Room } from '../room/room.js';
import { averageTargetReachable, everyFreeTile, lightPlanContext } from './layout-refinement.js';
import { lightCountBounds } from './light-count-bound.js';
import type { LightModelOptions } from './light-model-options.js';
import type { LightPlacement } from './light-placement.js';
import { LightProgramme } from './light-programme.js';
import { lightingMetrics, meetsLightingTargets } from './lighting-metrics.js';
import { placeLightsLumenArray } from './lumen-array-model.js';
import type { Photometry } from './photometry.js';
import { placeLightsStaggeredSearch } from './staggered-search-model.js';

/**
 * `exact-mip`: the light placement as a 0/1 integer programme, solved with HiGHS.
 *
 * Variables are the free tiles; the rows are RULES §4 word for word, all linear in the
 * variables: the average reaches the target; at every task point E(p) ≥ U0 · average (the
 * mean is linear in the lights, so is the inequality); and every task point has a light within
 * the spacing reach. The objective is the number of lights. The average and spacing rows go in
 * from the start; the uniformity rows, one dense row per task point, come only for the points a
 * solution violates, so each programme solved is a relaxation and its bound a proof.
 *
 * Warm start: the better of `staggered-search` and `lumen-array`. The result is the best
 * layout that passes the exact check, with the proven lower bound; when the solver proves no
 * better layout exists, `optimal`.
 */
export function placeLightsExactMip(room: Room, options: LightModelOptions = {}): LightPlacement {
  const context = lightPlanContext(room, options.photometry);
  const { photometry, field, freeTiles, existingLights } = context;
  const bounds = lightCountBounds(photometry);
  if (field.meetsTargets())
    return { tiles: [], lowerBound: existingLights.length, optimal: true, aligned: false };
  if (!averageTargetReachable(context)) {
    return { tiles: everyFreeTile(context), lowerBound: bounds.best, optimal: false, aligned: false };
  }
  const warm = warmStart(room, options, photometry, existingLights);
  const budget = solverBudget(options.solver);
  // Too big to solve in time, or a task point no light can reach (no layout passes): the
  // heuristic layout with the cheap bounds.
  if (freeTiles.length > budget.maxVariables || field.reach.impossible > 0) {
    return {
      tiles: warm,
      lowerBound: bounds.best,
      optimal: existingLights.length + warm.length <= bounds.best,
      aligned: false,
    };
  }
  const programme = new LightProgramme(context, warm, budget);
  const solved = solveCoveringProgramme(
    programme,
    { ...budget, maxIntegerVariables: Math.min(budget.maxIntegerVariables, budget.maxDenseIntegerVariables) },
    options.now,
  );
  const tiles = solved.solution ? freeTiles.filter((_, j) => solved.solution![j] === 1) : warm;
  const lowerBound = Math.max(bounds.best, existingLights.length + solved.lowerBound);
  return { tiles, lowerBound, optimal: existingLights.length + tiles.length <= lowerBound, aligned: false };
}

/** The better (compliant, then fewer lights) of the two heuristic layouts. */
function warmStart(
  room: Room,
  options: LightModelOptions,
  photometry: Photometry,
  existing: readonly number[],
): number[] {
  let best: { tiles: number[]; pass: boolean } | undefined;
  const known = options.heuristicLayouts;
  for (const [name, place] of [
    ['staggered-search', placeLightsStaggeredSearch],
    ['lumen-array', placeLightsLumenArray],
  ] as const) {
    // The same layout either way: a pipeline that already ran the model hands it over.
    const tiles = known?.[name] ? [...known[name]] : place(room, { ...options, photometry });
    const pass = meetsLightingTargets(photometry, lightingMetrics(photometry, [...existing, ...tiles]));
    if (!best || (pass && !best.pass) || (pass === best.pass && tiles.length < best.tiles.length)) {
      best = { tiles, pass };
    }
  }
  return best!.tiles;
}

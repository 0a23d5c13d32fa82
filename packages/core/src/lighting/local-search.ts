import { TileKind } from '../room/tile-kind.js';
import type { LightPlanContext } from './layout-refinement.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const LIGHT: number = TileKind.Light;

/** Relative slack against rounding, as in the light field. */
const ROUNDING_SLACK = 1e-9;
/** Stop once the average is this close above the target. */
const GOOD_ENOUGH = 1e-4;

/**
 * Local search on a compliant layout for the RULES §4 objective: compliant with the least
 * light over the target (fewest lights first, then the lowest average). Three moves, each
 * kept only when the targets still hold:
 * - remove a light;
 * - remove a light and shift the placed light nearest to the then weakest task point one
 *   tile toward it (frees uniformity where a plain removal fails on it);
 * - move a light one tile to a neighbour that contributes less to the average.
 * Rounds repeat until nothing improves, the average is within 0.01% of the target (the
 * confidence cannot rise by more than 0.000025), or `work` is spent (deterministic: work counts
 * tile visits of trial moves, not time). Existing lights never move.
 */
export function improveLayout(context: LightPlanContext, work: number): void {
  const { field, finder, room, photometry } = context;
  const { rows, cols, targetLux } = photometry;
  const movable = (tile: number) => field.lights[tile] === 1 && room.tiles[tile] !== LIGHT;
  const budget = Math.floor(work / field.trialCost());
  const closeEnough = () => field.averageLux() <= targetLux * (1 + GOOD_ENOUGH);
  let trials = 0;
  for (let round = 0; round < 50 && trials < budget && !closeEnough(); round++) {
    let improved = false;
    const placed = field
      .lightTiles()
      .filter(movable)
      .sort((a, b) => field.contributionLux(b) - field.contributionLux(a) || a - b);
    for (const light of placed) {
      if (trials >= budget || closeEnough()) break;
      if (!field.lights[light]) continue;
      // A removal that would sink the average below target can never pass.
      if (field.averageLux() - field.contributionLux(light) < targetLux * (1 + ROUNDING_SLACK)) continue;
      trials++;
      if (field.canRemove(light)) {
        field.remove(light);
        improved = true;
        continue;
      }
      field.remove(light);
      const weakest = field.weakestTaskPoint();
      const helper = nearestMovableLight(context, weakest, movable);
      let moved = false;
      if (helper >= 0) {
        const target = stepToward(helper, weakest, cols);
        const tile = finder.nearestToPoint(target[0], target[1], 0.75);
        if (tile >= 0 && tile !== light) {
          trials++;
          moved = field.tryChange([helper], [tile]);
        }
      }
      if (moved) improved = true;
      else field.add(light);
    }
    for (const light of field.lightTiles().filter(movable)) {
      if (trials >= budget || closeEnough()) break;
      if (!field.lights[light]) continue;
      const r = Math.floor(light / cols);
      const c = light - r * cols;
      const here = field.contributionLux(light);
      const options: number[] = [];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if ((dr === 0 && dc === 0) || rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
          const tile = rr * cols + cc;
          if (finder.isAvailable(tile) && field.contributionLux(tile) < here) options.push(tile);
        }
      }
      options.sort((a, b) => field.contributionLux(a) - field.contributionLux(b) || a - b);
      for (const tile of options) {
        trials++;
        if (field.tryChange([light], [tile])) {
          improved = true;
          break;
        }
      }
    }
    if (!improved) break;
  }
}

/** The movable light nearest to `tile` (ring search; ties to the lower index), or −1. */
function nearestMovableLight(
  context: LightPlanContext,
  tile: number,
  movable: (t: number) => boolean,
): number {
  const { rows, cols } = context.photometry;
  const r0 = Math.floor(tile / cols);
  const c0 = tile - r0 * cols;
  let best = -1;
  let bestD2 = Number.POSITIVE_INFINITY;
  for (let k = 0; k <= Math.max(rows, cols); k++) {
    if ((k - 1) * (k - 1) > bestD2) break;
    for (let r = r0 - k; r <= r0 + k; r++) {
      if (r < 0 || r >= rows) continue;
      const edge = r === r0 - k || r === r0 + k;
      const step = edge || k === 0 ? 1 : 2 * k;
      for (let c = c0 - k; c <= c0 + k; c += step) {
        if (c < 0 || c >= cols) continue;
        const t = r * cols + c;
        if (!movable(t)) continue;
        const d2 = (r - r0) ** 2 + (c - c0) ** 2;
        if (d2 < bestD2 || (d2 === bestD2 && t < best)) {
          bestD2 = d2;
          best = t;
        }
      }
    }
  }
  return best;
}

/** The point one tile edge from `from`'s centre toward `to`'s centre (or `to` when closer). */
function stepToward(from: number, to: number, cols: number): [number, number] {
  const fr = Math.floor(from / cols);
  const fc = from - fr * cols;
  const tr = Math.floor(to / cols);
  const tc = to - tr * cols;
  const dist = Math.hypot(tr - fr, tc - fc);
  if (dist <= 1) return [tr + 0.5, tc + 0.5];
  return [fr + 0.5 + (tr - fr) / dist, fc + 0.5 + (tc - fc) / dist];
}

import { describe, expect, it } from 'vitest';
import { DiffuserPlan } from '../../src/air-supply/diffuser-plan.js';
import { placeAirSupply } from '../../src/air-supply/index.js';
import { evennessOf, serveTiles } from '../../src/air-supply/served-area.js';
import { ServedAreaTracker } from '../../src/air-supply/served-area-tracker.js';
import { diskOffsets } from '../../src/geometry/disk-offsets.js';
import type { Room } from '../../src/room/room.js';
import { withDevices } from '../../src/room/room-with-devices.js';
import { seededRandom } from '../lighting/random-rooms.js';
import { sharedRooms } from './shared-rooms.js';
import { simpleLightGrid } from './simple-light-grid.js';

/** Evenness of the layout recomputed from scratch, as the check does. */
function freshEvenness(plan: DiffuserPlan): number {
  return evennessOf(serveTiles(plan.room, plan.allTiles(), Math.sqrt(plan.radius2)).servedTiles);
}

/**
 * Random legal moves of the diffusers `placeAirSupply` put in `room`: every evaluated and every
 * committed move must give the evenness a fresh assignment gives.
 */
function checkRandomMoves(room: Room, seed: number): number {
  const plan = new DiffuserPlan(room);
  for (const t of placeAirSupply(room).tiles) plan.add(t);
  const tracker = new ServedAreaTracker(room, plan.allTiles(), Math.sqrt(plan.radius2));
  if (!tracker.fullyCovered) return 0;
  const random = seededRandom(seed);
  const steps = diskOffsets(3);
  const { rows, cols } = plan;
  let committed = 0;
  for (let round = 0; round < 60; round++) {
    const ids = plan.liveIds().filter((id) => !plan.fixed[id]);
    if (ids.length === 0) break;
    const id = ids[Math.floor(random() * ids.length)];
    const from = plan.position[id];
    tracker.startMoves(from, plan.diffusersNear(from, 2 * tracker.reach + 2), 3);
    const legal: number[] = [];
    for (let k = 1; k < steps.dr.length; k++) {
      const r = Math.floor(from / cols) + steps.dr[k];
      const c = (from % cols) + steps.dc[k];
      if (r < 0 || r >= rows || c < 0 || c >= cols) continue;
      const t = r * cols + c;
      if (plan.canPlace(t, id) && plan.moveKeepsCoverage(id, t)) legal.push(t);
    }
    const evaluated = legal.map((t) => tracker.evennessAfterMove(t));
    const others = plan.allTiles().filter((p) => p !== from);
    legal.forEach((t, i) => {
      const moved = [...others, t].sort((a, b) => a - b);
      const fresh = evennessOf(serveTiles(room, moved, Math.sqrt(plan.radius2)).servedTiles);
      expect(evaluated[i]).toBeCloseTo(fresh, 12);
    });
    if (legal.length === 0) continue;
    const pick = Math.floor(random() * legal.length);
    if (!plan.tryMove(id, legal[pick])) continue;
    const after = tracker.commitMove(legal[pick]);
    expect(after).toBe(evaluated[pick]);
    expect(after).toBeCloseTo(freshEvenness(plan), 12);
    expect(tracker.evenness).toBe(after);
    committed++;
  }
  return committed;
}

describe('ServedAreaTracker', () => {
  it.each(sharedRooms())('$file: follows random moves exactly', ({ room }) => {
    const lit = withDevices(room, simpleLightGrid(room), 'light');
    let committed = 0;
    for (let seed = 1; seed <= 3; seed++) committed += checkRandomMoves(lit, seed);
    for (let seed = 4; seed <= 5; seed++) committed += checkRandomMoves(room, seed);
    expect(committed).toBeGreaterThan(0);
  });

  it('refuses a move longer than the batch allows', () => {
    const room = sharedRooms()[0].room;
    const plan = new DiffuserPlan(room);
    for (const t of placeAirSupply(room).tiles) plan.add(t);
    const tracker = new ServedAreaTracker(room, plan.allTiles(), Math.sqrt(plan.radius2));
    const from = plan.position[0];
    tracker.startMoves(from, plan.diffusersNear(from, 2 * tracker.reach + 2), 1);
    expect(() => tracker.evennessAfterMove(from + 2)).toThrow(RangeError);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { floorTotals, parseRoom, type RunResult, runPipeline } from '../../src/index.js';

const sample = parseRoom(JSON.parse(readFileSync('data/input/sample_grid.json', 'utf8')));
const small = parseRoom({ roomId: 'small', cellSize: 2, layout: ['......', '......', '..#...', '......'] });
const budget = { solver: { timeLimitMs: 2000 } };

describe('floorTotals', () => {
  const results = [runPipeline(sample, budget), runPipeline(small, budget)];

  it('adds up devices, bounds, watts and area of the completed rooms, from their results', () => {
    const totals = floorTotals(results, 'ft');
    const count = (type: string) =>
      results.reduce((sum, r) => sum + r.placements.filter((p) => p.type === type).length, 0);
    expect(totals.completedRooms).toBe(2);
    expect(totals.compliantRooms).toBe(2);
    expect(totals.lights.count).toBe(count('light'));
    expect(totals.diffusers.count).toBe(count('airSupply'));
    expect(totals.detectors.count).toBe(count('smokeDetector'));
    expect(totals.lights.lowerBound).toBe(results.reduce((s, r) => s + (r.stages.lights.lowerBound ?? 0), 0));
    expect(totals.lights.lowerBound).toBeLessThanOrEqual(totals.lights.count);
    // Area counts the tiles inside the rooms, blocked ones included; LPD agrees with each room's own.
    const area = (r: RunResult) => r.layout.join('').replace(/-/g, '').length * r.room.cellSize ** 2;
    expect(totals.area).toBe(area(results[0]) + area(results[1]));
    // Watts are every light's (existing ones too); the rooms' own LPD (rounded to 6 digits) agrees.
    const watts = results.map(
      (r) => r.compliance.lighting!.metrics.lightCount * r.room.requirements.luminaireWatts,
    );
    expect(totals.watts).toBe(watts[0] + watts[1]);
    for (const [i, r] of results.entries())
      expect(watts[i] / area(r)).toBeCloseTo(r.compliance.lighting!.metrics.lightingPowerDensity, 4);
    expect(totals.lightingPowerDensity).toBeCloseTo(totals.watts / totals.area, 12);
    expect(totals.units).toEqual({ watts: 'W', area: 'ft²', lightingPowerDensity: 'W/ft²' });
  });

  it('counts nothing of a failed room, and says a bound is unknown rather than guess it', () => {
    const failed = { ...results[1], status: 'failed', error: 'boom' } as RunResult;
    const totals = floorTotals([results[0], failed], 'ft');
    expect(totals.completedRooms).toBe(1);
    expect(totals.lights.count).toBe(results[0].placements.filter((p) => p.type === 'light').length);
    const unbounded = { ...results[1], stages: { ...results[1].stages, airSupply: undefined } } as RunResult;
    expect(floorTotals([results[0], unbounded], 'ft').diffusers.lowerBound).toBeNull();
    expect(floorTotals([], 'm')).toMatchObject({ completedRooms: 0, watts: 0, lightingPowerDensity: 0 });
  });
});

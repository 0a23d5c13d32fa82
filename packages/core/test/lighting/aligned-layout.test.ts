import { describe, expect, it } from 'vitest';
import { rectangularZones } from '../../src/lighting/aligned-layout.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { parseRoom } from '../../src/room/parse-room.js';
import { withDevices } from '../../src/room/room-with-devices.js';
import { bruteForceLighting } from '../support/brute-force-lighting.js';

/** Distinct values, ascending. */
const lines = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);
/** Whether consecutive gaps differ by at most one tile: evenly spaced on the tile grid. */
const even = (values: number[]) => {
  const gaps = values.slice(1).map((v, i) => v - values[i]);
  return gaps.length === 0 || Math.max(...gaps) - Math.min(...gaps) <= 1;
};

describe('lightLayout: "aligned"', () => {
  it('cuts an L into two rectangles and a U into three', () => {
    const l = parseRoom({ cellSize: 2, layout: ['....----', '....----', '........', '........'] });
    expect(rectangularZones(l)).toHaveLength(2);
    const u = parseRoom({ cellSize: 2, layout: ['..--..', '..--..', '......'] });
    expect(rectangularZones(u)).toHaveLength(3);
  });

  it('puts every light of a rectangle on evenly spaced rows and columns, a full lattice', () => {
    const room = parseRoom({
      cellSize: 2,
      layout: Array.from({ length: 15 }, () => '.'.repeat(20)),
      requirements: { lightLayout: 'aligned' },
    });
    const result = runPipeline(room);
    const lights = result.placements.filter((p) => p.type === 'light');
    const rows = lines(lights.map((p) => p.row));
    const cols = lines(lights.map((p) => p.col));
    expect(result.compliance.lighting?.pass).toBe(true);
    expect(lights).toHaveLength(rows.length * cols.length);
    expect(even(rows)).toBe(true);
    expect(even(cols)).toBe(true);
    const selected = result.stages.lights.candidates.find((c) => c.model === result.stages.lights.selected);
    expect(selected?.aligned).toBe(true);
  });

  it('lights an L-shaped office compliantly (brute force), on its zones, and reports what free would cost', () => {
    const layout = [
      ...Array.from({ length: 6 }, () => `${'.'.repeat(10)}${'-'.repeat(10)}`),
      ...Array.from({ length: 8 }, () => '.'.repeat(20)),
    ];
    const aligned = runPipeline(parseRoom({ cellSize: 2, layout, requirements: { lightLayout: 'aligned' } }));
    const free = runPipeline(parseRoom({ cellSize: 2, layout }));
    expect(aligned.stages.lights.selected).toBe('lumen-array');
    const room = parseRoom({ cellSize: 2, layout, requirements: { lightLayout: 'aligned' } });
    const lights = aligned.placements.filter((p) => p.type === 'light').map((p) => p.row * room.cols + p.col);
    const brute = bruteForceLighting(withDevices(room, lights, 'light'));
    expect(brute.averageLux).toBeGreaterThanOrEqual(500);
    expect(brute.uniformity).toBeGreaterThanOrEqual(0.6);
    expect(brute.unreached).toBe(0);
    // The free layout never needs more; the candidates show both counts.
    const freeCount = free.placements.filter((p) => p.type === 'light').length;
    expect(freeCount).toBeLessThanOrEqual(lights.length);
    expect(
      aligned.stages.lights.candidates.some((c) => c.model === 'exact-mip' && c.count === freeCount),
    ).toBe(true);
  });
});

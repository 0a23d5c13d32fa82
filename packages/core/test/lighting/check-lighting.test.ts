import { describe, expect, it } from 'vitest';
import { checkLighting, lightConfidence } from '../../src/lighting/index.js';
import { parseRoom } from '../../src/room/parse-room.js';

describe('lightConfidence (DESIGN §4)', () => {
  it('scores compliant layouts 0.75 + 0.25 · target / average', () => {
    expect(lightConfidence(500, 0.6, 500, 0.6)).toBe(1);
    expect(lightConfidence(1000, 0.9, 500, 0.6)).toBe(0.875);
    expect(lightConfidence(625, 0.7, 500, 0.6)).toBeCloseTo(0.95, 12);
  });

  it('scores the rest 0.75 · min(1, E/target) · min(1, U0/U0 target)', () => {
    expect(lightConfidence(400, 0.7, 500, 0.6)).toBeCloseTo(0.6, 12);
    expect(lightConfidence(400, 0.3, 500, 0.6)).toBeCloseTo(0.75 * 0.8 * 0.5, 12);
    expect(lightConfidence(900, 0.3, 500, 0.6)).toBeCloseTo(0.375, 12);
    expect(lightConfidence(0, 0, 500, 0.6)).toBe(0);
  });

  it('ranks every compliant layout above every non-compliant one', () => {
    const worstCompliant = lightConfidence(1e9, 0.6, 500, 0.6);
    const bestFailing = lightConfidence(499.999, 1, 500, 0.6);
    expect(worstCompliant).toBeGreaterThan(0.75);
    expect(bestFailing).toBeLessThan(0.75);
  });
});

describe('checkLighting', () => {
  it('fails a room without lights: average 0, uniformity 0, confidence 0', () => {
    const check = checkLighting(parseRoom({ cellSize: 2, layout: ['......', '......', '......'] }));
    expect(check.pass).toBe(false);
    expect(check.confidence).toBe(0);
    expect(check.metrics.averageLux).toBe(0);
    expect(check.metrics.uniformity).toBe(0);
    expect(check.metrics.lightCount).toBe(0);
    expect(check.reasons.join(' ')).toMatch(/no lights/);
  });

  it('explains an unreachable target instead of throwing', () => {
    const room = parseRoom({
      cellSize: 2,
      layout: ['L.L.L', '.....', 'L.L.L'],
      requirements: { illuminanceLux: 100000 },
    });
    const check = checkLighting(room);
    expect(check.pass).toBe(false);
    expect(check.reasons).toHaveLength(1);
    expect(check.reasons[0]).toMatch(/^average \d+ lx is below the 100000 lx target \(−\d+%\)$/);
    expect(check.confidence).toBeCloseTo(0.75 * (check.metrics.averageLux / 100000), 12);
  });

  it('names a uniformity shortfall', () => {
    // One light at the end of a corridor: plenty of light on average for a 1 lx target, uneven.
    const room = parseRoom({
      cellSize: 2,
      roomType: 'corridor',
      layout: [
        'L.............................',
        '..............................',
        '..............................',
      ],
      requirements: { illuminanceLux: 1, uniformity: 0.9 },
    });
    const check = checkLighting(room);
    expect(check.pass).toBe(false);
    expect(check.metrics.uniformity).toBeLessThan(0.85);
    expect(check.reasons).toEqual([`uniformity ${check.metrics.uniformity.toFixed(2)} is below 0.9`]);
    expect(check.confidence).toBeCloseTo(0.75 * (check.metrics.uniformity / 0.9), 12);
  });

  it('reports the shortfall in percent, rounded, with a true minus sign', () => {
    const room = parseRoom({ cellSize: 2, layout: ['......', '..L...', '......'] });
    const check = checkLighting(room);
    const percent = Math.round(((check.metrics.averageLux - 500) / 500) * 100);
    expect(check.reasons).toContain(
      `average ${Math.round(check.metrics.averageLux)} lx is below the 500 lx target (−${-percent}%)`,
    );
  });

  it('passes a well-lit room with the DESIGN metrics', () => {
    const room = parseRoom({ cellSize: 2, layout: ['LLLL', 'LLLL', 'LLLL'] });
    const check = checkLighting(room);
    expect(check.pass).toBe(true);
    expect(check.reasons).toEqual([]);
    expect(Object.keys(check.metrics).sort()).toEqual(
      [
        'averageLux',
        'minLux',
        'uniformity',
        'targetLux',
        'targetUniformity',
        'lightCount',
        'taskPointCount',
        'lightingPowerDensity',
      ].sort(),
    );
    expect(check.metrics.targetLux).toBe(500);
    expect(check.metrics.targetUniformity).toBe(0.6);
    // 12 × 32 W over 12 tiles of (0.6096 m)².
    expect(check.metrics.lightingPowerDensity).toBeCloseTo((12 * 32) / (12 * 0.6096 ** 2), 9);
    expect(check.confidence).toBeCloseTo(0.75 + (0.25 * 500) / check.metrics.averageLux, 12);
  });
});

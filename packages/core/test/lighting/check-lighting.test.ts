import { describe, expect, it } from 'vitest';
import { checkLighting, lightConfidence, Photometry } from '../../src/lighting/index.js';
import { parseRoom } from '../../src/room/parse-room.js';

describe('lightConfidence (RULES §4, revised 2026-12-02)', () => {
  const photometry = new Photometry(parseRoom({ cellSize: 2, layout: ['......', '......', '......'] }));
  const metrics = (averageLux: number, uniformity: number, lightCount: number, unreachedTaskPoints = 0) => ({
    averageLux,
    minLux: averageLux * uniformity,
    uniformity,
    lightCount,
    taskPointCount: 10,
    unreachedTaskPoints,
  });

  it('scores compliant layouts 0.75 + 0.25 · N_lb / N: fewer lights score higher, whatever the average', () => {
    expect(lightConfidence(metrics(500, 0.6, 8), photometry, 8)).toBe(1);
    expect(lightConfidence(metrics(1000, 0.9, 16), photometry, 8)).toBe(0.875);
    expect(lightConfidence(metrics(520, 0.7, 10), photometry, 8)).toBeCloseTo(0.95, 12);
    // The old rule preferred the average nearer the target; the count decides now.
    expect(lightConfidence(metrics(700, 0.7, 9), photometry, 8)).toBeGreaterThan(
      lightConfidence(metrics(501, 0.7, 10), photometry, 8),
    );
  });

  it('scores the rest 0.75 · min(1, E/target) · min(1, U0/U0 target) · share of points in reach', () => {
    expect(lightConfidence(metrics(400, 0.7, 5), photometry, 8)).toBeCloseTo(0.6, 12);
    expect(lightConfidence(metrics(400, 0.3, 5), photometry, 8)).toBeCloseTo(0.75 * 0.8 * 0.5, 12);
    expect(lightConfidence(metrics(900, 0.3, 5), photometry, 8)).toBeCloseTo(0.375, 12);
    expect(lightConfidence(metrics(900, 0.9, 5, 4), photometry, 8)).toBeCloseTo(0.75 * 0.6, 12);
    expect(lightConfidence(metrics(0, 0, 0), photometry, 8)).toBe(0);
  });

  it('ranks every compliant layout above every non-compliant one', () => {
    const worstCompliant = lightConfidence(metrics(1e9, 0.6, 1000), photometry, 1);
    const bestFailing = lightConfidence(metrics(499.999, 1, 1), photometry, 1);
    expect(worstCompliant).toBeGreaterThan(0.75);
    expect(bestFailing).toBeLessThan(0.75);
  });
});

describe('the spacing criterion (SC · h / √2)', () => {
  // 40 × 4 ft corridor, 2 ft tiles, 9 ft ceiling: h = 6.5 ft, reach 1.5 · 6.5 / √2 = 6.89 ft.
  const corridor = (layout: string[], requirements = {}) =>
    parseRoom({ cellSize: 2, roomType: 'corridor', layout, ...requirements });
  const ends = ['LL................LL', 'LL................LL'];

  it('fails lights bunched at the two ends even when the averages pass', () => {
    const check = checkLighting(corridor(ends));
    expect(check.metrics.averageLux).toBeGreaterThanOrEqual(100);
    expect(check.pass).toBe(false);
    expect(check.metrics.spacingReach).toBeCloseTo((1.5 * 6.5) / Math.SQRT2, 9);
    expect(check.metrics.unreachedTaskPoints).toBeGreaterThan(0);
    expect(check.reasons.join(' ')).toMatch(
      /task points are farther than 6\.89 ft \(spacing criterion 1\.5 × h \/ √2\) from every light; the first, at row \d+, col \d+, is [\d.]+ ft from the nearest/,
    );
  });

  it('is off with spacingCriterion: 0', () => {
    const check = checkLighting(corridor(ends, { requirements: { spacingCriterion: 0 } }));
    expect(check.metrics.spacingReach).toBe(-1);
    expect(check.metrics.unreachedTaskPoints).toBe(0);
    expect(check.reasons.join(' ')).not.toMatch(/spacing/);
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
    // One light at the end of a corridor: plenty of light on average for a 1 lx target, uneven
    // (the spacing criterion is off, so uniformity is the one rule that fails).
    const room = parseRoom({
      cellSize: 2,
      roomType: 'corridor',
      layout: [
        'L.............................',
        '..............................',
        '..............................',
      ],
      requirements: { illuminanceLux: 1, uniformity: 0.9, spacingCriterion: 0 },
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

  it('passes a well-lit room with the metrics of the rules', () => {
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
        'spacingReach',
        'unreachedTaskPoints',
        'lowerBound',
        'alignment',
      ].sort(),
    );
    expect(check.metrics.targetLux).toBe(500);
    expect(check.metrics.targetUniformity).toBe(0.6);
    // 12 × 32 W over 12 tiles of (2 ft)², in the room's own units.
    expect(check.metrics.lightingPowerDensity).toBeCloseTo((12 * 32) / (12 * 4), 9);
    expect(check.units?.lightingPowerDensity).toBe('W/ft²');
    expect(check.metrics.alignment).toBe(3 + 4);
    // Every light is on the input here, so N_lb counts them all: the count is the bound.
    expect(check.metrics.lowerBound).toBe(12);
    expect(check.confidence).toBe(1);
    // The bound of the room as it came in decides the confidence.
    expect(checkLighting(room, { lowerBound: 9 }).confidence).toBeCloseTo(0.75 + (0.25 * 9) / 12, 12);
  });
});

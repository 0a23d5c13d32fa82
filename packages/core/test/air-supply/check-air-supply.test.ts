import { describe, expect, it } from 'vitest';
import { checkAirSupply } from '../../src/air-supply/index.js';
import { parseRoom } from '../../src/room/parse-room.js';
import { bruteForceAirSupply } from '../support/brute-force-air-smoke.js';
import { roomOf } from './shared-rooms.js';

describe('checkAirSupply, hand-computed', () => {
  it('passes one diffuser at the end of a 1 × 6 strip: 24 ft² needs one, the far tile is 10 ft away', () => {
    const check = checkAirSupply(roomOf(['S.....']));
    expect(check.pass).toBe(true);
    expect(check.reasons).toEqual([]);
    expect(check.metrics.requiredAirflow).toBe(24);
    expect(check.metrics.requiredCount).toBe(1);
    expect(check.metrics.suppliedAirflow).toBe(250);
    expect(check.metrics.maxDistanceToDiffuser).toBe(10);
    expect(check.metrics.minSpacing).toBe(-1);
    expect(check.metrics.evenness).toBe(1);
    expect(check.confidence).toBe(1);
  });

  it('scores evenness from the tiles each diffuser serves, ties to the first diffuser', () => {
    // Cols 0 and 6 of 10: tiles 0–3 go to col 0 (tile 3 is 3 tiles from both), 4–9 to col 6.
    // Shares 4 and 6: mean 5, σ 1, CV 0.2, evenness 0.8.
    const check = checkAirSupply(roomOf(['S.....S...']));
    expect(check.pass).toBe(true);
    expect(check.metrics.evenness).toBeCloseTo(0.8, 12);
    // Count-based (revised §4): 40 ft² needs one diffuser of 250 cfm; two are placed.
    expect(check.metrics.lowerBound).toBe(1);
    expect(check.confidence).toBeCloseTo(0.75 + 0.25 * (1 / 2), 12);
    // A proven bound of two (coverage: no one tile reaches both ends) makes two the optimum.
    expect(checkAirSupply(roomOf(['S.....S...']), { lowerBound: 2 }).confidence).toBe(1);
    expect(check.metrics.minSpacing).toBe(12);
    expect(check.metrics.maxDistanceToDiffuser).toBe(6);
  });

  it('fails two diffusers 4 ft apart, naming both tiles and the shortfall', () => {
    const check = checkAirSupply(roomOf(['S.S.....']));
    expect(check.pass).toBe(false);
    expect(check.reasons).toEqual(['diffusers at row 0, col 0 and row 0, col 2 are 4 ft apart; need 6 ft']);
    expect(check.metrics.minSpacing).toBe(4);
    // Every tile is covered, so the failed score is 0.75 × 1.
    expect(check.confidence).toBe(0.75);
  });

  it('fails a count short of the airflow: 8 × 8 tiles is 256 ft², two diffusers of 250 cfm', () => {
    const layout = Array.from({ length: 8 }, (_, r) => (r === 4 ? '....S...' : '........'));
    const check = checkAirSupply(roomOf(layout));
    expect(check.pass).toBe(false);
    expect(check.metrics.requiredCount).toBe(2);
    expect(check.metrics.count).toBe(1);
    // The farthest tile centre, row 0 col 0, is √32 tiles = 11.31 ft away: covered.
    expect(check.metrics.coveredFraction).toBe(1);
    expect(check.metrics.maxDistanceToDiffuser).toBeCloseTo(Math.sqrt(32) * 2, 12);
    expect(check.reasons).toHaveLength(1);
    expect(check.reasons[0]).toContain('the room needs 256 cfm');
    expect(check.reasons[0]).toContain('at least 2 diffusers');
    expect(check.reasons[0]).toMatch(/1 short$/);
    expect(check.confidence).toBe(0.75);
  });

  it('fails coverage, naming the farthest tile and its distance', () => {
    // 1 × 10 strip, diffuser at col 0: cols 7–9 are 14, 16, 18 ft away.
    const check = checkAirSupply(roomOf(['S.........']));
    expect(check.pass).toBe(false);
    expect(check.metrics.coveredFraction).toBeCloseTo(0.7, 12);
    expect(check.metrics.maxDistanceToDiffuser).toBe(18);
    expect(check.reasons).toEqual([
      '3 of 10 room tiles are farther than 12 ft from every diffuser; the farthest, at row 0, col 9, is 18 ft from the nearest',
    ]);
    expect(check.confidence).toBeCloseTo(0.75 * 0.7, 12);
  });

  it('counts blocked tiles as room tiles to cover and to supply', () => {
    const check = checkAirSupply(roomOf(['S####.', '------']));
    expect(check.metrics.requiredAirflow).toBe(24);
    expect(check.metrics.coveredFraction).toBe(1);
    expect(check.pass).toBe(true);
  });

  it('fails a room with no diffuser at confidence 0', () => {
    const check = checkAirSupply(roomOf(['....']));
    expect(check.pass).toBe(false);
    expect(check.confidence).toBe(0);
    expect(check.metrics.maxDistanceToDiffuser).toBe(-1);
    expect(check.metrics.evenness).toBe(0);
    expect(check.reasons.some((r) => r.startsWith('no diffuser'))).toBe(true);
  });

  it('speaks L/s in a metric room', () => {
    // 0.6 m tiles, 20 × 20 = 144 m² at 5.08 L/s·m² = 731.6 L/s: seven diffusers of 118 L/s.
    const room = parseRoom({
      units: 'm',
      cellSize: 0.6,
      layout: Array.from({ length: 20 }, () => '.'.repeat(20)),
    });
    const check = checkAirSupply(room);
    expect(check.metrics.requiredCount).toBe(7);
    expect(check.reasons[0]).toMatch(/^0 diffusers supply 0 L\/s; the room needs 731\.\d+ L\/s/);
  });
});

describe('checkAirSupply agrees with the brute-force checker', () => {
  // Seeded LCG: random diffuser layouts, some compliant, most not.
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const cases = Array.from({ length: 40 }, (_, i) => {
    const rows = 3 + Math.floor(random() * 14);
    const cols = 3 + Math.floor(random() * 14);
    const density = 0.01 + random() * 0.08;
    const layout = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => {
        if (i % 3 === 0 && r < rows / 3 && c < cols / 3) return '-';
        const x = random();
        return x < density ? 'S' : x < density + 0.05 ? '#' : '.';
      }).join(''),
    );
    if (!layout.some((line) => /[^-]/.test(line))) layout[rows - 1] = '.'.repeat(cols);
    const cellSize = [2, 2, 1.5, 3][i % 4];
    return { name: `case ${i}: ${rows}×${cols}, ${cellSize} ft`, room: roomOf(layout, { cellSize }) };
  });

  it('the random cases hold compliant and non-compliant layouts alike', () => {
    const verdicts = cases.map(({ room }) => bruteForceAirSupply(room));
    expect(verdicts.some((v) => v.pass)).toBe(true);
    expect(verdicts.some((v) => !v.spacingOk)).toBe(true);
    expect(verdicts.some((v) => !v.coverageOk)).toBe(true);
  });

  it.each(cases)('$name', ({ room }) => {
    const check = checkAirSupply(room);
    const brute = bruteForceAirSupply(room);
    expect(check.pass).toBe(brute.pass);
    expect(check.metrics.count).toBe(brute.count);
    expect(check.metrics.requiredCount).toBe(brute.requiredCount);
    expect(check.metrics.requiredAirflow).toBeCloseTo(brute.requiredAirflow, 9);
    expect(check.metrics.coveredFraction).toBeCloseTo(brute.coveredFraction, 12);
    expect(check.metrics.maxDistanceToDiffuser).toBeCloseTo(brute.maxDistanceToDiffuser, 9);
    expect(check.metrics.minSpacing).toBeCloseTo(brute.minSpacing, 9);
    expect(check.metrics.evenness).toBeCloseTo(brute.evenness, 12);
    expect(check.reasons.length === 0).toBe(brute.pass);
  });
});

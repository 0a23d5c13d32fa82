import { describe, expect, it } from 'vitest';
import { checkLighting } from '../../src/lighting/index.js';
import { Photometry } from '../../src/lighting/photometry.js';
import { parseRoom } from '../../src/room/parse-room.js';
import { bruteForcePerimeterMetres } from '../support/brute-force-lighting.js';

// RULES §4 defaults: Φ = 3600 lm, MF = 0.8, ρ = 0.5, work plane 0.76 m (metric rooms).
const MF = 0.8;
const FLUX = 3600;
const RHO = 0.5;

describe('photometry, hand-computed', () => {
  // 3 × 3 m room, 1 m tiles, ceiling 3.26 m: h = 3.26 − 0.76 = 2.5 m. One light in the middle.
  const room = parseRoom({ units: 'm', cellSize: 1, ceilingHeight: 3.26, layout: ['...', '.L.', '...'] });
  const h = 2.5;
  // E_d = MF·(Φ/π)·h²/d⁴ with d² = h² + horizontal².
  const below = (((MF * FLUX) / Math.PI) * (h * h)) / (h * h) ** 2; // d = h: 2880/π/6.25 = 146.68 lx
  const oneMetre = (((MF * FLUX) / Math.PI) * (h * h)) / (h * h + 1) ** 2; // 916.73 · 6.25 / 52.5625 = 109.01 lx
  const diagonal = (((MF * FLUX) / Math.PI) * (h * h)) / (h * h + 2) ** 2; // 916.73 · 6.25 / 68.0625 = 84.18 lx
  // E_r = MF·N·Φ·ρ / (A_s·(1 − ρ)), A_s = 2·9 m² + 12 m · 3.26 m = 57.12 m² → 50.42 lx.
  const reflected = (MF * 1 * FLUX * RHO) / ((2 * 9 + 12 * 3.26) * (1 - RHO));

  it('matches the written-out numbers', () => {
    expect(below).toBeCloseTo(146.68, 2);
    expect(oneMetre).toBeCloseTo(109.01, 2);
    expect(diagonal).toBeCloseTo(84.18, 2);
    expect(reflected).toBeCloseTo(50.42, 2);
  });

  it('gives the direct illuminance right below a light and off-axis', () => {
    const photometry = new Photometry(room);
    expect(photometry.mountingHeightMetres).toBeCloseTo(h, 12);
    const [atBelow, atSide, atCorner] = photometry.directLux([4], [4, 5, 8]);
    expect(atBelow).toBeCloseTo(below, 9);
    expect(atSide).toBeCloseTo(oneMetre, 9);
    expect(atCorner).toBeCloseTo(diagonal, 9);
  });

  it('adds the interreflected component uniformly, with A_s from floor area and perimeter', () => {
    const photometry = new Photometry(room);
    expect(photometry.floorAreaSquareMetres).toBeCloseTo(9, 12);
    expect(photometry.perimeterMetres).toBeCloseTo(12, 12);
    expect(photometry.surfaceAreaSquareMetres).toBeCloseTo(57.12, 9);
    expect(photometry.reflectedPerLight).toBeCloseTo(reflected, 9);
  });

  it('averages E over the nine task points (each centre is exactly 0.5 m from the walls)', () => {
    const check = checkLighting(room);
    expect(check.metrics.taskPointCount).toBe(9);
    const average = reflected + (below + 4 * oneMetre + 4 * diagonal) / 9;
    expect(check.metrics.averageLux).toBeCloseTo(average, 9);
    expect(check.metrics.minLux).toBeCloseTo(reflected + diagonal, 9);
    expect(check.metrics.uniformity).toBeCloseTo((reflected + diagonal) / average, 12);
    expect(check.metrics.lightCount).toBe(1);
    // 32 W over 9 m².
    expect(check.metrics.lightingPowerDensity).toBeCloseTo(32 / 9, 12);
  });

  it('converts feet to metres for h and distances', () => {
    // 2 ft tiles, 9 ft ceiling, 2.5 ft work plane: h = 6.5 ft = 1.9812 m; 4 ft = 1.2192 m off-axis:
    // 916.73 · 3.9252 / (3.9252 + 1.4865)² = 122.87 lx.
    const ftRoom = parseRoom({
      cellSize: 2,
      ceilingHeight: 9,
      layout: ['.....', '.....', '..L..', '.....', '.....'],
    });
    const hFt = 6.5 * 0.3048;
    const off = 4 * 0.3048;
    const expected = (((MF * FLUX) / Math.PI) * (hFt * hFt)) / (hFt * hFt + off * off) ** 2;
    const [value] = new Photometry(ftRoom).directLux([12], [14]);
    expect(value).toBeCloseTo(expected, 9);
    expect(value).toBeCloseTo(122.87, 2);
  });

  it('measures the perimeter of an L-shaped room along its real boundary', () => {
    const lRoom = parseRoom({ units: 'm', cellSize: 1, layout: ['..--', '..--', '....'] });
    // Outline: 2 + 2 (notch) + 2 + 1 + 4 + 3 = 14 edges of 1 m.
    expect(new Photometry(lRoom).perimeterMetres).toBe(14);
    expect(bruteForcePerimeterMetres(lRoom)).toBe(14);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkAirSupply,
  checkLighting,
  checkSmokeDetection,
  parseRoom,
  type Room,
  type RuleViolation,
  recheckResult,
  runPipeline,
} from '../../src/index.js';

/** The tile centre of (row, col), CAD convention, computed here on its own. */
const centre = (room: Room, row: number, col: number) => ({
  x: (col + 0.5) * room.cellSize,
  y: (room.rows - row - 0.5) * room.cellSize,
});

/** Tiles covered by the areas of a violation, as `row,col` keys. */
function tilesOfAreas(room: Room, violation: RuleViolation): Set<string> {
  const out = new Set<string>();
  for (const a of violation.areas ?? []) {
    const col0 = Math.round(a.x / room.cellSize);
    const rowBottom = room.rows - Math.round(a.y / room.cellSize);
    for (let c = col0; c < col0 + Math.round(a.width / room.cellSize); c++) {
      for (let r = rowBottom - Math.round(a.height / room.cellSize); r < rowBottom; r++) out.add(`${r},${c}`);
    }
  }
  return out;
}

describe('violation geometry of the checks', () => {
  it('air-supply coverage: exactly the tile centres farther than the radius from every diffuser', () => {
    const room = parseRoom({ cellSize: 2, layout: ['S.............', '..............', '..............'] });
    const check = checkAirSupply(room);
    const violation = check.violations?.find((v) => v.rule === 'airSupply.coverage');
    expect(violation).toBeDefined();
    const expected: string[] = [];
    for (let r = 0; r < room.rows; r++) {
      for (let c = 0; c < room.cols; c++) {
        if (Math.hypot(r * 2, c * 2) > 12) expected.push(`${r},${c}`);
      }
    }
    expect(violation!.count).toBe(expected.length);
    expect(violation!.limit).toBe(12);
    expect(violation!.points).toEqual(
      expected.map((key) => centre(room, ...(key.split(',').map(Number) as [number, number]))),
    );
    expect([...tilesOfAreas(room, violation!)].sort()).toEqual([...expected].sort());
  });

  it('air-supply spacing and smoke clearance: the pairs, their centres and distance', () => {
    const room = parseRoom({ cellSize: 2, layout: ['S.S.....', 'D.......'] });
    const air = checkAirSupply(room).violations?.find((v) => v.rule === 'airSupply.spacing');
    expect(air).toEqual({
      rule: 'airSupply.spacing',
      limit: 6,
      count: 1,
      pairs: [{ a: centre(room, 0, 0), b: centre(room, 0, 2), distance: 4 }],
    });
    const smoke = checkSmokeDetection(room).violations?.find((v) => v.rule === 'smokeDetection.clearance');
    expect(smoke?.pairs).toEqual([{ a: centre(room, 1, 0), b: centre(room, 0, 0), distance: 2 }]);
  });

  it('smoke coverage: the check points (centres and corners) beyond 0.7·S, and their tiles', () => {
    const room = parseRoom({ cellSize: 2, layout: ['D' + '.'.repeat(14)] });
    const violation = checkSmokeDetection(room).violations?.find((v) => v.rule === 'smokeDetection.coverage');
    // Detector at (1, 1) ft from the top-left; points every 1 ft along y = 0, 1, 2 (down).
    const expected: { x: number; y: number }[] = [];
    for (let y = 0; y <= 2; y++) {
      for (let x = 0; x <= 30; x++) {
        const isPoint = (y === 1 && x % 2 === 1) || (y !== 1 && x % 2 === 0);
        if (isPoint && Math.hypot(x - 1, y - 1) > 21) expected.push({ x, y: 2 - y });
      }
    }
    expect(violation?.points).toEqual(expected);
    expect(violation?.count).toBe(expected.length);
    // The corner at x = 22 ft belongs to the tiles either side of it, cols 10 and 11.
    expect(violation?.areas).toEqual([{ x: 20, y: 0, width: 10, height: 2 }]);
  });

  it('lighting: the task points out of the spacing reach', () => {
    const room = parseRoom({ cellSize: 2, roomType: 'corridor', layout: ['L' + '.'.repeat(29)] });
    const check = checkLighting(room);
    const violation = check.violations?.find((v) => v.rule === 'lighting.spacingCriterion');
    expect(violation).toBeDefined();
    expect(violation!.count).toBe(check.metrics.unreachedTaskPoints);
    const reach = check.metrics.spacingReach;
    expect(violation!.limit).toBe(reach);
    for (const p of violation!.points!) expect(Math.hypot(p.x - 1, p.y - 1)).toBeGreaterThan(reach);
  });

  it('passing checks carry no violations, so a passing result is unchanged', () => {
    const room = parseRoom(
      JSON.parse(
        readFileSync(fileURLToPath(new URL('../../../../data/rooms/corridor.json', import.meta.url)), 'utf8'),
      ),
    );
    const result = runPipeline(room, { runId: 'v' });
    for (const check of Object.values(result.compliance)) expect(check?.violations).toBeUndefined();
    // Re-checked unchanged, the verdicts stay; with the detectors taken out, smoke fails with geometry.
    expect(recheckResult(result).compliance).toEqual(result.compliance);
    const bare = recheckResult(
      result,
      result.layout.map((row) => row.replace(/D/g, '.')),
    );
    expect(bare.compliance.smokeDetection?.pass).toBe(false);
    expect(bare.compliance.smokeDetection?.violations?.[0].rule).toBe('smokeDetection.coverage');
    expect(bare.placements.some((p) => p.type === 'smokeDetector')).toBe(false);
  });
});

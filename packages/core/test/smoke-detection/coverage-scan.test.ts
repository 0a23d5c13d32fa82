import { describe, expect, it } from 'vitest';
import { parseRoom } from '../../src/room/parse-room.js';
import { checkPointGrid } from '../../src/smoke-detection/check-points.js';
import { scanCoverage } from '../../src/smoke-detection/coverage-scan.js';
import { randomRoomLayout, seededRandom } from '../lighting/random-rooms.js';

/** The same figures by brute force: every check point against every detector. */
function bruteForce(cols: number, layout: string[], detectors: number[], limit: number) {
  const room = parseRoom({
    roomId: 'scan',
    units: 'ft',
    cellSize: 2,
    ceilingHeight: 9,
    roomType: 'office',
    layout,
  });
  const grid = checkPointGrid(room);
  let covered = 0;
  let farthest = -1;
  let farthestD2 = -1;
  for (let p = 0; p < grid.mask.length; p++) {
    if (!grid.mask[p] || detectors.length === 0) continue;
    const y = Math.floor(p / grid.width);
    const x = p % grid.width;
    let best = Number.POSITIVE_INFINITY;
    for (const t of detectors) {
      const dy = 2 * Math.floor(t / cols) + 1 - y;
      const dx = 2 * (t % cols) + 1 - x;
      best = Math.min(best, dy * dy + dx * dx);
    }
    if (best <= limit) covered++;
    if (best > farthestD2) {
      farthestD2 = best;
      farthest = p;
    }
  }
  return { grid, expected: { covered, farthest, farthestD2 } };
}

describe('scanCoverage', () => {
  it('matches a brute-force nearest-detector scan on random rooms and detector sets', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 200; i++) {
      const rows = 1 + Math.floor(random() * 25);
      const cols = 1 + Math.floor(random() * 25);
      const layout = randomRoomLayout(random, rows, cols);
      const share = random() < 0.2 ? 0 : random() * 0.2;
      const detectors: number[] = [];
      for (let t = 0; t < rows * cols; t++) if (random() < share) detectors.push(t);
      const limit = 1 + random() * 400;
      const { grid, expected } = bruteForce(cols, layout, detectors, limit);
      expect(scanCoverage(grid, detectors, cols, limit)).toEqual(expected);
    }
  });
});

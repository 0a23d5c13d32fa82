import { describe, expect, it } from 'vitest';
import { mergedRects } from '../../src/geometry/tile-rects.js';
import { boundaryPath, rectsPath } from '../../src/render/tile-regions.js';
import { parseRoom } from '../../src/room/parse-room.js';
import { TileKind } from '../../src/room/tile-kind.js';

const room = (layout: string[]) => parseRoom({ roomId: 'r', cellSize: 2, layout });

describe('mergedRects', () => {
  it('merges a rectangle of tiles into one rect', () => {
    const r = room(['....', '....', '....']);
    expect(mergedRects(r, (k) => k === TileKind.Free)).toEqual([{ row: 0, col: 0, width: 4, height: 3 }]);
  });

  it('covers exactly the matching tiles of an irregular shape', () => {
    const layout = ['--..#', '-...#', '.##..', '.##.-', '-----'];
    const r = room(layout);
    const rects = mergedRects(r, (k) => k === TileKind.Blocked);
    const covered = layout.map((line) => [...line].map(() => 0));
    for (const { row, col, width, height } of rects) {
      for (let y = row; y < row + height; y++) for (let x = col; x < col + width; x++) covered[y][x]++;
    }
    const expected = layout.map((line) => [...line].map((ch) => (ch === '#' ? 1 : 0)));
    expect(covered).toEqual(expected);
    // The 2 × 2 block is one rect, the two single tiles in the last column one tall rect.
    expect(rects).toEqual([
      { row: 0, col: 4, width: 1, height: 2 },
      { row: 2, col: 1, width: 2, height: 2 },
    ]);
  });

  it('returns nothing when nothing matches', () => {
    expect(mergedRects(room(['...']), (k) => k === TileKind.Blocked)).toEqual([]);
  });
});

describe('rectsPath', () => {
  it('writes one closed subpath per rect', () => {
    expect(rectsPath([{ row: 1, col: 2, width: 3, height: 4 }])).toBe('M2 1h3v4h-3z');
  });
});

describe('boundaryPath', () => {
  it('is the four sides of a rectangular room', () => {
    expect(boundaryPath(room(['...', '...']), (k) => k !== TileKind.Outside)).toBe(
      'M0 0H3M0 2H3M0 0V2M3 0V2',
    );
  });

  it('follows the notch of an L-shaped room', () => {
    // Room tiles: (0,0), (1,0), (1,1). Outline: 8 unit edges on 6 segments.
    expect(boundaryPath(room(['.-', '..']), (k) => k !== TileKind.Outside)).toBe(
      'M0 0H1M1 1H2M0 2H2M0 0V2M1 0V1M2 1V2',
    );
  });
});

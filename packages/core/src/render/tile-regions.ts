import type { Room } from '../room/room.js';

/** An axis-aligned block of tiles, in tile coordinates. */
export interface TileRect {
  readonly row: number;
  readonly col: number;
  readonly width: number;
  height: number;
}

/**
 * The tiles matching `predicate`, merged into rectangles: runs along each row, and a run that
 * spans exactly the same columns as one in the row above extends it downwards. A rectangular
 * room is one rectangle instead of 250,000 tiles, which keeps the SVG small.
 * Rectangles come in row-major order of their top-left tile (deterministic).
 */
export function mergedRects(room: Room, predicate: (kind: number) => boolean): TileRect[] {
  const { rows, cols, tiles } = room;
  const rects: TileRect[] = [];
  let open = new Map<number, TileRect>();
  for (let r = 0; r < rows; r++) {
    const next = new Map<number, TileRect>();
    let c = 0;
    while (c < cols) {
      if (!predicate(tiles[r * cols + c])) {
        c++;
        continue;
      }
      const start = c;
      while (c < cols && predicate(tiles[r * cols + c])) c++;
      // Key by both ends: a run continues a rectangle only when both ends line up.
      const key = start * (cols + 1) + c;
      const above = open.get(key);
      if (above) {
        above.height++;
        next.set(key, above);
      } else {
        const rect: TileRect = { row: r, col: start, width: c - start, height: 1 };
        rects.push(rect);
        next.set(key, rect);
      }
    }
    open = next;
  }
  return rects;
}

/** SVG path data for rectangles in tile coordinates (one subpath each). */
export function rectsPath(rects: readonly TileRect[]): string {
  let d = '';
  for (const { row, col, width, height } of rects) d += `M${col} ${row}h${width}v${height}h${-width}z`;
  return d;
}

/**
 * The boundary between the tiles matching `inside` and the rest (grid edge included), as SVG
 * path data of maximal straight segments in tile coordinates. Drawn with square line caps the
 * segments meet cleanly at corners, so no contour tracing is needed.
 */
export function boundaryPath(room: Room, inside: (kind: number) => boolean): string {
  const { rows, cols, tiles } = room;
  const at = (r: number, c: number) =>
    r >= 0 && r < rows && c >= 0 && c < cols && inside(tiles[r * cols + c]);
  let d = '';
  // Horizontal edges on grid line y = r, between row r-1 and row r.
  for (let r = 0; r <= rows; r++) {
    let c = 0;
    while (c < cols) {
      if (at(r - 1, c) === at(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < cols && at(r - 1, c) !== at(r, c)) c++;
      d += `M${start} ${r}H${c}`;
    }
  }
  // Vertical edges on grid line x = c, between column c-1 and column c.
  for (let c = 0; c <= cols; c++) {
    let r = 0;
    while (r < rows) {
      if (at(r, c - 1) === at(r, c)) {
        r++;
        continue;
      }
      const start = r;
      while (r < rows && at(r, c - 1) !== at(r, c)) r++;
      d += `M${c} ${start}V${r}`;
    }
  }
  return d;
}

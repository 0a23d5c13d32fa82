import type { TileGrid, TileRect } from '../geometry/tile-rects.js';

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
export function boundaryPath(room: TileGrid, inside: (kind: number) => boolean): string {
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

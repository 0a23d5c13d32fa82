/** A row-major grid of tile kinds: what the tile geometry reads of a room. */
export interface TileGrid {
  readonly rows: number;
  readonly cols: number;
  readonly tiles: ArrayLike<number>;
}

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
export function mergedRects(grid: TileGrid, predicate: (kind: number) => boolean): TileRect[] {
  const { rows, cols, tiles } = grid;
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

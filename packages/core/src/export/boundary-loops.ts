/** A corner of the tile grid: `x` tile edges from the left, `y` tile edges up from the bottom. */
export interface GridVertex {
  readonly x: number;
  readonly y: number;
}

/** What {@link boundaryLoops} reads of a room: the grid and a byte per tile. */
export interface TileGrid {
  readonly rows: number;
  readonly cols: number;
  readonly tiles: ArrayLike<number>;
}

/**
 * The boundary of the tiles matching `inside`, traced into closed loops of grid corners, in
 * the CAD convention (origin at the grid's bottom-left corner, y up, one unit per tile edge).
 * Every loop keeps the region on its left: outer boundaries run counter-clockwise, holes
 * clockwise. Only corners are listed (collinear edges are merged), the first vertex is not
 * repeated at the end. Two regions that touch at a single corner make two loops (the trace
 * turns left there), so every loop is a simple polygon, as CAD programs want their closed
 * polylines. Loops come in a fixed order (by their first boundary edge, bottom row first, left
 * to right), so the output is deterministic.
 *
 * The plan SVG draws the same boundary as loose segments (`boundaryPath` in render/tile-regions);
 * a CAD outline needs them joined.
 */
export function boundaryLoops(grid: TileGrid, inside: (kind: number) => boolean): GridVertex[][] {
  const { rows, cols, tiles } = grid;
  const at = (r: number, c: number) =>
    r >= 0 && r < rows && c >= 0 && c < cols && inside(tiles[r * cols + c]);
  const width = cols + 1;
  // Vertex id: y · (cols + 1) + x, y counted up from the bottom edge of the grid.
  const vertex = (x: number, y: number) => y * width + x;
  // Directed unit edges, region on the left. Each vertex has at most two outgoing edges
  // (two where two regions touch at a corner); `outA`/`outB` hold their end vertices. Edge id:
  // 2 · vertex, + 1 for the second.
  const vertexCount = (rows + 1) * width;
  const outA = new Int32Array(vertexCount).fill(-1);
  const outB = new Int32Array(vertexCount).fill(-1);
  const starts: number[] = [];
  const add = (from: number, to: number) => {
    if (outA[from] < 0) {
      outA[from] = to;
      starts.push(from);
    } else outB[from] = to;
  };
  for (let r = rows - 1; r >= 0; r--) {
    const yBottom = rows - r - 1;
    const yTop = rows - r;
    for (let c = 0; c < cols; c++) {
      if (!at(r, c)) continue;
      if (!at(r + 1, c)) add(vertex(c, yBottom), vertex(c + 1, yBottom)); // bottom, eastward
      if (!at(r, c + 1)) add(vertex(c + 1, yBottom), vertex(c + 1, yTop)); // right, northward
      if (!at(r - 1, c)) add(vertex(c + 1, yTop), vertex(c, yTop)); // top, westward
      if (!at(r, c - 1)) add(vertex(c, yTop), vertex(c, yBottom)); // left, southward
    }
  }
  const xOf = (v: number) => v % width;
  const yOf = (v: number) => (v - (v % width)) / width;
  /** Rank of a turn from (dx, dy) to (ex, ey): left 0, straight 1, right 2, back 3. */
  const turn = (dx: number, dy: number, ex: number, ey: number) => {
    if (ex === -dy && ey === dx) return 0;
    if (ex === dx && ey === dy) return 1;
    if (ex === dy && ey === -dx) return 2;
    return 3;
  };
  const endOf = (edge: number) => ((edge & 1) === 0 ? outA : outB)[edge >> 1];
  const used = new Uint8Array(2 * vertexCount);
  const loops: GridVertex[][] = [];
  for (const start of starts) {
    for (const first of [2 * start, 2 * start + 1]) {
      if (used[first] || endOf(first) < 0) continue;
      // The edges form cycles under "next edge = the tightest left turn out of my end": at a
      // corner where two regions touch, each of the two edges in takes a different edge out.
      const loop: GridVertex[] = [];
      used[first] = 1;
      let v = endOf(first);
      let dx = xOf(v) - xOf(start);
      let dy = yOf(v) - yOf(start);
      for (;;) {
        let next = 2 * v;
        if (outB[v] >= 0) {
          const rankA = turn(dx, dy, xOf(outA[v]) - xOf(v), yOf(outA[v]) - yOf(v));
          const rankB = turn(dx, dy, xOf(outB[v]) - xOf(v), yOf(outB[v]) - yOf(v));
          if (rankB < rankA) next = 2 * v + 1;
        }
        const to = endOf(next);
        const ex = xOf(to) - xOf(v);
        const ey = yOf(to) - yOf(v);
        if (ex !== dx || ey !== dy) loop.push({ x: xOf(v), y: yOf(v) }); // a corner
        if (next === first) break;
        used[next] = 1;
        v = to;
        dx = ex;
        dy = ey;
      }
      loops.push(loop);
    }
  }
  return loops;
}

/** A box in tile units: the room's bounding box, continuous (`[0, width] × [0, height]`). */
export interface LayoutBox {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/** A staggered layout's shape: `rowCount` rows of `perRow` (even rows) or `perRow + 1` (odd rows). */
export interface StaggeredShape {
  readonly perRow: number;
  readonly rowCount: number;
  readonly count: number;
}

/**
 * The staggered (hexagonal) layouts with the fewest points that cover a `width × height` box
 * with discs of `radius` (continuous geometry, tile units), rows running across.
 *
 * Even rows hold `n` points `2a` apart with `a` from each wall (`a = width / 2n`); odd rows hold
 * `n + 1`, shifted by `a`, the outer two on the walls. Between rows the deepest hole is the
 * circumcentre of a triangle of half-width `a` and height `h`, at `(a² + h²) / 2h` from its
 * corners, so rows may be up to `h = r + √(r² − a²)` apart; the first and last rows may sit up
 * to `e = √(r² − a²)` from the wall. With `a = r·√3/2` that is the hexagonal optimum
 * (`h = 1.5 r`), about 2.6 r² of floor per point.
 *
 * @returns up to `keep` shapes, fewest points first.
 */
export function staggeredShapes(
  width: number,
  height: number,
  radius: number,
  keep: number,
): StaggeredShape[] {
  const shapes: StaggeredShape[] = [];
  for (let perRow = 1; perRow <= Math.ceil(width) + 1; perRow++) {
    const a = width / (2 * perRow);
    if (a >= radius) continue;
    const e = Math.sqrt(radius * radius - a * a);
    const h = radius + e;
    const rowCount = height <= 2 * e ? 1 : Math.ceil((height - 2 * e) / h - 1e-9) + 1;
    shapes.push({ perRow, rowCount, count: perRow * rowCount + Math.floor(rowCount / 2) });
    if (a < radius / 4) break;
  }
  shapes.sort((p, q) => p.count - q.count || p.perRow - q.perRow);
  return shapes.slice(0, keep);
}

/**
 * The points of a staggered shape in the box (tile units, continuous), rows across when
 * `across`, else the same layout turned a quarter (rows down). The spare height is shared out
 * so the rows and the wall margins keep the proportions of the limits above.
 */
export function staggeredPoints(
  box: LayoutBox,
  shape: StaggeredShape,
  radius: number,
  across: boolean,
): [number, number][] {
  const width = across ? box.width : box.height;
  const height = across ? box.height : box.width;
  const a = width / (2 * shape.perRow);
  const e = Math.sqrt(Math.max(0, radius * radius - a * a));
  const h = radius + e;
  const scale = shape.rowCount === 1 ? 1 : height / (2 * e + (shape.rowCount - 1) * h);
  const points: [number, number][] = [];
  for (let j = 0; j < shape.rowCount; j++) {
    const v = shape.rowCount === 1 ? height / 2 : scale * (e + j * h);
    const odd = j % 2 === 1;
    const inRow = odd ? shape.perRow + 1 : shape.perRow;
    for (let i = 0; i < inRow; i++) {
      const u = odd ? 2 * i * a : (2 * i + 1) * a;
      points.push(across ? [box.top + v, box.left + u] : [box.top + u, box.left + v]);
    }
  }
  return points;
}

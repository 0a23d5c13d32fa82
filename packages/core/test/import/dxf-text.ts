/** Minimal ASCII DXF text for the import tests: a HEADER with `$INSUNITS`, then ENTITIES. */
export interface SketchPolyline {
  readonly layer: string;
  readonly points: readonly (readonly [number, number] | readonly [number, number, number])[];
  readonly closed?: boolean;
  /** Write a POLYLINE with VERTEX entities instead of an LWPOLYLINE. */
  readonly old?: boolean;
}

export interface SketchCircle {
  readonly layer: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

/**
 * A DXF of the polylines (a third number in a point is its bulge) and circles, `$INSUNITS`
 * 2 (feet) unless told (`null`: no HEADER at all).
 */
export function sketchDxf(
  shapes: readonly (SketchPolyline | SketchCircle)[],
  insUnits: number | null = 2,
): string {
  const g: (string | number)[] = [];
  const push = (...pairs: (string | number)[]) => g.push(...pairs);
  if (insUnits !== null) push(0, 'SECTION', 2, 'HEADER', 9, '$INSUNITS', 70, insUnits, 0, 'ENDSEC');
  push(0, 'SECTION', 2, 'ENTITIES');
  shapes.forEach((shape, i) => {
    const handle = (0x100 + i).toString(16).toUpperCase();
    if ('r' in shape) {
      push(0, 'CIRCLE', 5, handle, 8, shape.layer, 10, shape.x, 20, shape.y, 30, 0, 40, shape.r);
    } else if (shape.old) {
      push(
        0,
        'POLYLINE',
        5,
        handle,
        8,
        shape.layer,
        66,
        1,
        10,
        0,
        20,
        0,
        30,
        0,
        70,
        shape.closed === false ? 0 : 1,
      );
      for (const [x, y, bulge] of shape.points) {
        push(0, 'VERTEX', 8, shape.layer, 10, x, 20, y, 30, 0);
        if (bulge !== undefined) push(42, bulge);
      }
      push(0, 'SEQEND', 8, shape.layer);
    } else {
      push(
        0,
        'LWPOLYLINE',
        5,
        handle,
        8,
        shape.layer,
        90,
        shape.points.length,
        70,
        shape.closed === false ? 0 : 1,
      );
      for (const [x, y, bulge] of shape.points) {
        push(10, x, 20, y);
        if (bulge !== undefined) push(42, bulge);
      }
    }
  });
  push(0, 'ENDSEC', 0, 'EOF');
  let text = '';
  for (let i = 0; i < g.length; i += 2) text += `${String(g[i]).padStart(3)}\n${g[i + 1]}\n`;
  return text;
}

/** An axis-aligned rectangle as a closed polyline's points. */
export function rect(x0: number, y0: number, x1: number, y1: number): [number, number][] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** A 12 × 8 L-shaped outline with its top right quarter cut away (6 × 4 missing), in drawing units. */
export const L_OUTLINE: [number, number][] = [
  [0, 0],
  [12, 0],
  [12, 4],
  [6, 4],
  [6, 8],
  [0, 8],
];

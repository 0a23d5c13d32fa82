import type { ParsedDxfEntity } from 'dxf';
import { bulgePoints, circleRing } from './bulge-arc.js';
import { DxfImportError } from './dxf-import-error.js';
import type { LayerField, LayerShapes, PlanCircle, PlanPoint } from './layer-shapes.js';

/** How the entity is named in a message: its type and handle, or its place on the layer. */
export function entityLabel(entity: ParsedDxfEntity, ordinal: number): string {
  const handle = typeof entity.handle === 'string' && entity.handle !== '' ? `handle ${entity.handle}` : '';
  return `${entity.type} ${handle || `#${ordinal} on the layer`}`;
}

/** Whether the entity lies on `layer` (DXF layer names ignore case) in model space. */
export function onLayer(entity: ParsedDxfEntity, layer: string): boolean {
  return (
    typeof entity.layer === 'string' &&
    entity.layer.toUpperCase() === layer.toUpperCase() &&
    (entity.paperSpace === undefined || entity.paperSpace === 0)
  );
}

/**
 * The closed shapes on `layer`: LWPOLYLINE and 2D POLYLINE (closed by flag, or by ending where
 * they start; arcs flattened to chords within `tolerance`) and CIRCLE. An open polyline, a mesh,
 * a shape off the XY plane or a coordinate that is not a number is refused by name; other
 * entity types are counted and left alone. `asRings` flattens circles into rings too.
 */
export function readLayerShapes(
  entities: readonly ParsedDxfEntity[],
  layer: string,
  tolerance: number,
  asRings: boolean,
  field: LayerField,
): LayerShapes {
  const rings: PlanPoint[][] = [];
  const circles: PlanCircle[] = [];
  const ignored = new Map<string, number>();
  let spelled = layer;
  let ordinal = 0;
  for (const entity of entities) {
    if (!onLayer(entity, layer)) continue;
    if (ordinal++ === 0) spelled = entity.layer as string;
    const label = () => `${entityLabel(entity, ordinal)} on layer ${spelled}`;
    if (entity.type === 'LWPOLYLINE' || entity.type === 'POLYLINE') {
      if (entity.polygonMesh === true || entity.polyfaceMesh === true) {
        throw new DxfImportError(field, `${label()} is a mesh, not an outline`, spelled);
      }
      rings.push(closedRing(entity, { label, layer: spelled, field }, tolerance));
    } else if (entity.type === 'CIRCLE') {
      const at = { label, layer: spelled, field };
      const flip = planeFlip(entity, at);
      const x = finite(entity.x, at, 'its centre') * flip;
      const y = finite(entity.y, at, 'its centre');
      const r = finite(entity.r, at, 'its radius');
      if (!(r > 0)) throw new DxfImportError(field, `${label()} has radius ${r}; it must be > 0`, spelled);
      if (asRings) rings.push(circleRing(x, y, r, tolerance));
      else circles.push({ x, y, r });
    } else {
      ignored.set(entity.type, (ignored.get(entity.type) ?? 0) + 1);
    }
  }
  return { layer: spelled, rings, circles, ignored };
}

/** Where an entity is, to name it in an error. */
interface EntityPlace {
  readonly label: () => string;
  readonly layer: string;
  readonly field: LayerField;
}

function closedRing(entity: ParsedDxfEntity, at: EntityPlace, tolerance: number): PlanPoint[] {
  const { label, layer, field } = at;
  const flip = planeFlip(entity, at);
  const raw = Array.isArray(entity.vertices)
    ? (entity.vertices as { x?: unknown; y?: unknown; bulge?: unknown }[])
    : [];
  const vertices = raw.map((v, i) => ({
    x: finite(v?.x, at, `vertex ${i + 1}`) * flip,
    y: finite(v?.y, at, `vertex ${i + 1}`),
    bulge: typeof v?.bulge === 'number' && Number.isFinite(v.bulge) ? v.bulge * flip : 0,
  }));
  const first = vertices[0];
  const last = vertices[vertices.length - 1];
  const endsAtStart =
    vertices.length > 2 && Math.hypot(last.x - first.x, last.y - first.y) <= tolerance * 1e-3;
  if (entity.closed !== true && !endsAtStart) {
    throw new DxfImportError(
      field,
      `${label()} is open (${vertices.length} vertices, not closed): only closed polylines can outline a room or an obstruction`,
      layer,
    );
  }
  if (endsAtStart) vertices.pop();
  if (vertices.length < 3) {
    throw new DxfImportError(
      field,
      `${label()} has ${vertices.length} distinct vertices; a closed outline needs at least 3`,
      layer,
    );
  }
  const ring: PlanPoint[] = [];
  vertices.forEach((v, i) => {
    const next = vertices[(i + 1) % vertices.length];
    ring.push({ x: v.x, y: v.y });
    if (v.bulge !== 0) ring.push(...bulgePoints(v, next, v.bulge, tolerance));
  });
  return ring;
}

/**
 * −1 when the entity's extrusion points down (a mirrored drawing: its object coordinates have
 * x reversed), 1 for the usual up; an entity tilted off the XY plane is refused.
 */
function planeFlip(entity: ParsedDxfEntity, { label, layer, field }: EntityPlace): number {
  const ex = typeof entity.extrusionX === 'number' ? entity.extrusionX : 0;
  const ey = typeof entity.extrusionY === 'number' ? entity.extrusionY : 0;
  const ez = typeof entity.extrusionZ === 'number' ? entity.extrusionZ : 1;
  if (Math.abs(ex) > 1e-9 || Math.abs(ey) > 1e-9 || Math.abs(Math.abs(ez) - 1) > 1e-9) {
    throw new DxfImportError(
      field,
      `${label()} does not lie in the XY plane (extrusion ${ex}, ${ey}, ${ez})`,
      layer,
    );
  }
  return ez < 0 ? -1 : 1;
}

function finite(value: unknown, { label, layer, field }: EntityPlace, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DxfImportError(field, `${label()}: ${what} has no valid coordinate`, layer);
  }
  return value;
}

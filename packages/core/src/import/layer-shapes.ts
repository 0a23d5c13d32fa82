/** A point of the drawing, in the coordinates the import works in. */
export interface PlanPoint {
  readonly x: number;
  readonly y: number;
}

/** A circle of the drawing. */
export interface PlanCircle {
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

/** The closed shapes found on one layer. */
export interface LayerShapes {
  /** The layer's name as the drawing spells it (the first entity's), or as asked. */
  readonly layer: string;
  /** Closed polylines (arcs flattened), each without its closing vertex repeated. */
  readonly rings: readonly (readonly PlanPoint[])[];
  readonly circles: readonly PlanCircle[];
  /** Entities of other types on the layer, by type: named when the layer has no closed shape. */
  readonly ignored: ReadonlyMap<string, number>;
}

/** The option that names a layer: what a `DxfImportError` about the layer's content names. */
export type LayerField = 'outlineLayer' | 'obstructionLayer';

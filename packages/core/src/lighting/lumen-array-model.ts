import type { Room } from '../room/room.js';
import { roomBox } from '../room/room-box.js';
import { TileKind } from '../room/tile-kind.js';
import { placeAlignedLights } from './aligned-layout.js';
import { FreeTileFinder } from './free-tile-finder.js';
import {
  averageTargetReachable,
  everyFreeTile,
  finishLayout,
  type LightPlanContext,
  lightPlanContext,
} from './layout-refinement.js';
import type { ExactFieldState } from './light-field.js';
import type { LightModelOptions } from './light-model-options.js';
import type { Photometry } from './photometry.js';
import { regularLightArray } from './regular-light-array.js';

/** Tile kinds read in hot loops, hoisted out of the module namespace. */
const OUTSIDE: number = TileKind.Outside;

/** Largest spacing between neighbouring lights in mounting heights (usual troffer guidance). */
const SPACING_TO_HEIGHT = 1.5;

interface ArrayLayout {
  readonly rows: number;
  readonly cols: number;
  /** Placed tiles, in array order. */
  readonly tiles: readonly number[];
  readonly averageLux: number;
  readonly compliant: boolean;
  /** The field of the evaluation, to return to the layout without evaluating it again. */
  readonly state: ExactFieldState;
}

/**
 * `lumen-array`: the classic lumen-method design. The number of lights comes from
 * N = E·A / (Φ·MF·UF) over the room's bounding box (UF from the §4 interreflection share),
 * laid out as a regular rows × cols array no wider than 1.5·h apart, each position snapped to
 * the nearest free room tile (positions off the room with no free tile near are dropped).
 * The count is corrected by evaluating the array exactly and grown until compliant; then the
 * array is shrunk a row or a column at a time while it stays compliant (fewest lights), and
 * a final pass drops lights the targets do not need. With `lightLayout: "aligned"` the layout
 * is {@link placeAlignedLights}: one lattice per rectangular zone of the room.
 */
export function placeLightsLumenArray(room: Room, options: LightModelOptions = {}): number[] {
  const context = lightPlanContext(room, options.photometry);
  if (context.field.meetsTargets()) return [];
  if (!averageTargetReachable(context)) return everyFreeTile(context);
  const { photometry, field } = context;
  // An aligned ceiling asked for: one lattice per rectangular zone, nothing pruned off its lines.
  if (room.requirements.lightLayout === 'aligned') return placeAlignedLights(room, photometry);
  const bounds = roomBox(room);
  const { height: boxRows, width: boxCols } = bounds;
  const spacingLimit = Math.max(
    1,
    (SPACING_TO_HEIGHT * photometry.mountingHeightMetres) / photometry.cellMetres,
  );
  const minRows = Math.min(boxRows, Math.ceil(boxRows / spacingLimit));
  const minCols = Math.min(boxCols, Math.ceil(boxCols / spacingLimit));

  const evaluated = new Map<number, ArrayLayout>();
  /** The array the field holds now. */
  let current: ArrayLayout | undefined;
  const evaluate = (rows: number, cols: number): ArrayLayout => {
    const key = rows * 1024 + cols;
    const known = evaluated.get(key);
    if (known) return known;
    const tiles = arrayTiles(context, bounds.top, bounds.left, boxRows, boxCols, rows, cols);
    field.reset([...context.existingLights, ...tiles]);
    const layout = {
      rows,
      cols,
      tiles,
      averageLux: field.averageLux(),
      compliant: field.meetsTargets(),
      state: field.exactState(),
    };
    evaluated.set(key, layout);
    current = layout;
    return layout;
  };
  const dimensionsFor = (count: number): [number, number] => {
    const cols = Math.max(minCols, Math.min(boxCols, Math.round(Math.sqrt((count * boxCols) / boxRows))));
    const rows = Math.max(minRows, Math.min(boxRows, Math.ceil(count / cols)));
    return [rows, cols];
  };

  let count = lumenMethodCount(room, photometry, boxRows * boxCols);

  let best: ArrayLayout | undefined;
  let last: ArrayLayout | undefined;
  for (let step = 0; step < 60 && !best; step++) {
    const [rows, cols] = dimensionsFor(count);
    last = evaluate(rows, cols);
    if (last.compliant) best = last;
    else if (rows >= boxRows && cols >= boxCols) break;
    else {
      // Correct the lumen estimate by what the array really delivers; grow by 8% when the
      // average holds but uniformity does not.
      const ratio = last.averageLux < photometry.targetLux ? photometry.targetLux / last.averageLux : 1.08;
      count = Math.max(count + 1, Math.ceil(count * ratio));
    }
  }
  if (best) best = shrinkArray(best, evaluate, minRows, minCols);
  const chosen = (best ?? last)!;
  if (chosen !== current) field.restoreExact(chosen.state);
  const finished = finishLayout(context, () => [...chosen.tiles].reverse());
  // The textbook regular array is the yardstick: when it needs fewer, it is the layout.
  const limit = finished.compliant ? finished.tiles.length - 1 : Number.POSITIVE_INFINITY;
  const regular = regularLightArray(room, photometry, Math.min(limit, context.freeTiles.length));
  return regular ?? finished.tiles;
}

/**
 * Tiles of a rows × cols array over the bounding box, centred in equal cells, each snapped
 * to the nearest free room tile; positions outside the room take a free tile only within
 * half a spacing, else they are dropped.
 */
function arrayTiles(
  context: LightPlanContext,
  top: number,
  left: number,
  boxRows: number,
  boxCols: number,
  rows: number,
  cols: number,
): number[] {
  const { room } = context;
  const taken = new Uint8Array(room.rows * room.cols);
  const finder = new FreeTileFinder(room, taken);
  const pitchY = boxRows / rows;
  const pitchX = boxCols / cols;
  const reach = Math.max(1, 0.5 * Math.min(pitchX, pitchY));
  const tiles: number[] = [];
  for (let i = 0; i < rows; i++) {
    const y = top + (i + 0.5) * pitchY;
    for (let j = 0; j < cols; j++) {
      const x = left + (j + 0.5) * pitchX;
      const base = Math.floor(y) * room.cols + Math.floor(x);
      const inside = room.tiles[base] !== OUTSIDE;
      const tile = finder.nearestToPoint(y, x, inside ? Number.POSITIVE_INFINITY : reach);
      if (tile < 0) continue;
      taken[tile] = 1;
      tiles.push(tile);
    }
  }
  return tiles;
}

/**
 * The lumen method's light count over the bounding box (`boxTiles` tiles); UF counts the
 * interreflected share of §4 on top of the direct light (which all lands on the work plane of
 * an unbounded room).
 */
function lumenMethodCount(room: Room, photometry: Photometry, boxTiles: number): number {
  const rho = room.requirements.reflectance;
  const utilisation =
    1 + (rho / (1 - rho)) * (photometry.floorAreaSquareMetres / photometry.surfaceAreaSquareMetres);
  const boxArea = boxTiles * photometry.cellMetres ** 2;
  const lumens = room.requirements.luminousFlux * room.requirements.maintenanceFactor * utilisation;
  return Math.max(1, Math.ceil((photometry.targetLux * boxArea) / lumens));
}

/**
 * Fewest lights: drops a row or a column of a compliant array while it stays compliant and
 * within the spacing limit (`minRows` × `minCols`).
 */
function shrinkArray(
  start: ArrayLayout,
  evaluate: (rows: number, cols: number) => ArrayLayout,
  minRows: number,
  minCols: number,
): ArrayLayout {
  let best = start;
  while (true) {
    const options: ArrayLayout[] = [];
    if (best.rows > minRows) options.push(evaluate(best.rows - 1, best.cols));
    if (best.cols > minCols) options.push(evaluate(best.rows, best.cols - 1));
    const incumbent: ArrayLayout = best;
    const next = options
      .filter((o) => o.compliant && o.tiles.length < incumbent.tiles.length)
      .sort((a, b) => a.tiles.length - b.tiles.length || a.averageLux - b.averageLux)[0];
    if (!next) return best;
    best = next;
  }
}

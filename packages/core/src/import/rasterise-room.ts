import { MAX_SIDE } from '../room/room-schema.js';
import type { LengthUnit } from '../room/room-type.js';
import { TILE_CHARS, TileKind } from '../room/tile-kind.js';
import { DxfImportError } from './dxf-import-error.js';
import { MAX_IMPORT_TILES } from './dxf-room-options.js';
import type { LayerShapes, PlanPoint } from './layer-shapes.js';
import { centresInside, overlappedTiles, RasterBudget, type TileFrame } from './tile-raster.js';

/** Where the grid lies on the drawing and how big its tiles are. */
export interface GridPlacement {
  /** Room units per drawing unit. */
  readonly scale: number;
  readonly units: LengthUnit;
  /** Tile edge, room units. */
  readonly tileSize: number;
  /** The grid's bottom-left corner, drawing units; default the outline's bottom-left. */
  readonly originX?: number;
  readonly originY?: number;
}

/** The rasterised room: a tile kind per tile, row 0 on top, and how drawing points map to tiles. */
export interface RoomGrid extends TileFrame {
  readonly units: LengthUnit;
  readonly tiles: Uint8Array;
  /** The tile under a drawing point, or undefined off the grid. */
  tileAt(point: PlanPoint): { row: number; col: number } | undefined;
  /** The tiles as RULES §2 layout strings. */
  layout(): string[];
}

/** Rasterises the outline and the obstructions onto the grid (the rules of docs/CAD.md). */
export function rasteriseRoom(
  outline: LayerShapes,
  obstructions: LayerShapes,
  placement: GridPlacement,
): RoomGrid {
  const { scale, tileSize: tile } = placement;
  const { toRoom, rings, rows, cols } = placeOutline(outline, placement);
  const frame: TileFrame = { rows, cols, tile };
  const budget = new RasterBudget();
  const inside = centresInside(rings, frame, budget);
  if (!inside.includes(1)) {
    throw new DxfImportError(
      'outlineLayer',
      `the outline on layer ${outline.layer} holds no tile centre with tiles of ${tile} ${placement.units}: it is thinner than a tile (check tileSize and the units)`,
      outline.layer,
    );
  }
  const blocked = overlappedTiles(
    obstructions.rings.map((ring) => ring.map(toRoom)),
    obstructions.circles.map((c) => ({ ...toRoom(c), r: c.r * scale })),
    frame,
    budget,
  );
  const tiles = new Uint8Array(rows * cols);
  for (let t = 0; t < tiles.length; t++) {
    tiles[t] = inside[t] ? (blocked[t] ? TileKind.Blocked : TileKind.Free) : TileKind.Outside;
  }
  return {
    rows,
    cols,
    tile,
    units: placement.units,
    tiles,
    tileAt(point) {
      const { x, y } = toRoom(point);
      const col = Math.floor(x / tile);
      const row = rows - 1 - Math.floor(y / tile);
      return row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : undefined;
    },
    layout() {
      const out: string[] = [];
      for (let r = 0; r < rows; r++) {
        let line = '';
        for (let c = 0; c < cols; c++) line += TILE_CHARS[tiles[r * cols + c]];
        out.push(line);
      }
      return out;
    },
  };
}

/**
 * The outline in room units from the grid's origin (given, or the outline's bottom-left), and
 * the grid it spans; an outline off the origin's side, too far out or too big is refused.
 */
function placeOutline(outline: LayerShapes, placement: GridPlacement) {
  const { scale, tileSize: tile } = placement;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  for (const ring of outline.rings) {
    for (const p of ring) {
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
    }
  }
  const ox = placement.originX ?? minX;
  const oy = placement.originY ?? minY;
  const toRoom = (p: PlanPoint): PlanPoint => ({ x: (p.x - ox) * scale, y: (p.y - oy) * scale });
  const rings = outline.rings.map((ring) => ring.map(toRoom));
  let maxX = 0;
  let maxY = 0;
  const slack = tile * 1e-6;
  for (const ring of rings) {
    for (const p of ring) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
        throw new DxfImportError(
          'outlineLayer',
          `the outline on layer ${outline.layer} reaches coordinates too large to compute with`,
          outline.layer,
        );
      }
      if (p.x < -slack || p.y < -slack) {
        const axis = p.x < -slack ? 'originX' : 'originY';
        throw new DxfImportError(
          axis,
          `the outline on layer ${outline.layer} reaches ${axis === 'originX' ? 'left of' : 'below'} the grid origin ${axis} = ${axis === 'originX' ? ox : oy}; move the origin to the outline's bottom-left or leave it out`,
          outline.layer,
        );
      }
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  const cols = Math.ceil(maxX / tile - 1e-6);
  const rows = Math.ceil(maxY / tile - 1e-6);
  checkSize(outline.layer, rows, cols, tile, placement.units);
  return { toRoom, rings, rows, cols };
}

function checkSize(layer: string, rows: number, cols: number, tile: number, units: LengthUnit): void {
  if (rows >= 1 && cols >= 1 && rows <= MAX_SIDE && cols <= MAX_SIDE && rows * cols <= MAX_IMPORT_TILES)
    return;
  const size = `${cols.toLocaleString('en-US')} × ${rows.toLocaleString('en-US')} tiles of ${tile} ${units}`;
  throw new DxfImportError(
    rows < 1 || cols < 1 ? 'outlineLayer' : 'tileSize',
    rows < 1 || cols < 1
      ? `the outline on layer ${layer} has no area (${size})`
      : `the outline on layer ${layer} spans ${size}; a room has at most ${MAX_SIDE} tiles a side and ${MAX_IMPORT_TILES.toLocaleString('en-US')} in all (use a larger tileSize, or check the drawing's units)`,
    layer,
  );
}

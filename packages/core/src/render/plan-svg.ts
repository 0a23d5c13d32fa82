import { mergedRects } from '../geometry/tile-rects.js';
import type { Placement } from '../placement/placement.js';
import { TILE_KIND_BY_DEVICE } from '../room/device-type.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import {
  deviceSymbol,
  PLAN_DEVICE_KINDS,
  PLAN_KIND_BY_TILE,
  PLAN_KIND_LETTER,
  type PlanDeviceKind,
  symbolStyleFor,
} from './device-symbols.js';
import { type KindCount, LEGEND_WIDTH, legendSvg } from './legend.js';
import { scaleBarSvg } from './scale-bar.js';
import { escapeXml, formatLength, formatNumber as n, shortHash } from './svg-text.js';
import { boundaryPath, rectsPath } from './tile-regions.js';

/** Options of {@link renderPlanSvg}. */
export interface PlanSvgOptions {
  /** Draw each smoke detector's 0.7·S coverage circle. Default false. */
  detectorCoverage?: boolean;
  /** Title text above the plan. Default: room name or id. */
  title?: string;
  /** Devices the run placed; devices in the room but not listed here are drawn as existing (hollow / muted). Default: all devices drawn as placed. */
  placements?: readonly Placement[];
  /** Pixels per tile; default chosen so the plan is ~800–1200 px wide, at least 2 px per tile. */
  tileSize?: number;
}

/** Longer side of the plan, in pixels, that the default tile size aims for. */
const TARGET_PLAN_PIXELS = 1000;
/** Smallest default tile size: below 2 px a tile is not a tile any more. */
const MIN_DEFAULT_TILE_PIXELS = 2;
/** Largest default tile size: a 2 × 2 tile room drawn 1000 px wide would look absurd. */
const MAX_DEFAULT_TILE_PIXELS = 64;
/** Below this many pixels per tile, tile grid lines would grey the whole plan out: omit them. */
const GRID_MIN_PIXELS = 6;

const MARGIN = 24;
const HEADER = 58;
/** Room for the overall dimension lines above and left of the plan. */
const DIMENSION = 30;
/** Room under the plan for the scale bar. */
const FOOTER = 52;
const GAP = 36;

const WALL = '#1f2933';
const COVERAGE = '#d62828';
const GRID = '#c5ccd4';

/**
 * The default tile size: the plan's longer side about 1000 px, whole pixels from 10 px per
 * tile up (crisp grid lines), quarter pixels below, never under 2 px nor over 64 px.
 */
export function defaultTileSize(rows: number, cols: number): number {
  const fit = Math.min(MAX_DEFAULT_TILE_PIXELS, TARGET_PLAN_PIXELS / Math.max(rows, cols));
  const snapped = fit >= 10 ? Math.floor(fit) : Math.floor(fit * 4) / 4;
  return Math.max(MIN_DEFAULT_TILE_PIXELS, snapped);
}

/** A standalone SVG document of the room's reflected ceiling plan with its devices. Pure string output. */
export function renderPlanSvg(room: Room, options: PlanSvgOptions = {}): string {
  const { rows, cols, tiles, cellSize, units } = room;
  const ts = options.tileSize ?? defaultTileSize(rows, cols);
  if (!Number.isFinite(ts) || ts <= 0) throw new RangeError(`tileSize must be a positive number, got ${ts}`);
  const style = symbolStyleFor(ts);
  const title = options.title ?? room.name ?? room.roomId;
  const id = shortHash([room.roomId, rows, cols, ts, options.detectorCoverage ? 1 : 0], tiles);

  // Placed devices by tile index; only meaningful when the caller says what the run placed.
  const placed = placedTiles(room, options.placements);
  const { counts, devices, detectors, blockedTiles } = planDevices(room, placed, id);

  const planWidth = cols * ts;
  const planHeight = rows * ts;
  const ox = MARGIN + DIMENSION;
  const oy = MARGIN + HEADER + DIMENSION;
  const legendX = ox + planWidth + GAP;
  const coverageRadius = options.detectorCoverage ? 0.7 * room.requirements.detectorSpacing : undefined;
  const roomTileCount = tiles.length - countOf(tiles, TileKind.Outside);
  const legend = legendSvg(legendX, oy, {
    counts,
    blockedTiles,
    style,
    units,
    area: roomTileCount * cellSize * cellSize,
    coverageRadius,
    wallColour: WALL,
    coverageColour: COVERAGE,
  });
  const subtitle =
    `Reflected ceiling plan · ${room.roomType} · ${formatLength(cols * cellSize, units)} × ${formatLength(rows * cellSize, units)}` +
    ` (${cols} × ${rows} tiles of ${formatLength(cellSize, units)}) · ceiling ${formatLength(room.ceilingHeight, units)}`;
  // About 7 px per character of 13 px sans: keep the subtitle on the canvas for narrow plans.
  const width = Math.max(legendX + LEGEND_WIDTH + MARGIN, 2 * MARGIN + Math.ceil(subtitle.length * 7));
  const height = Math.max(oy + planHeight + FOOTER, oy + legend.height) + MARGIN;

  const defs = planDefs(room, id, ts, counts, style);

  const plan = planLayers(room, id, ts, devices, detectors, coverageRadius);

  const pixelsPerUnit = ts / cellSize;
  const maxTitleChars = Math.max(8, Math.floor((width - 2 * MARGIN) / 11.5));
  const shownTitle = title.length > maxTitleChars ? `${title.slice(0, maxTitleChars - 1)}…` : title;

  return [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}"`,
    ` role="img" aria-labelledby="${id}-title" font-family="Helvetica, Arial, 'DejaVu Sans', sans-serif"`,
    ` data-room-id="${escapeXml(room.roomId)}" data-rows="${rows}" data-cols="${cols}" data-tile-size="${n(ts)}">\n`,
    `<title id="${id}-title">${escapeXml(title)}</title>\n`,
    `<desc>${escapeXml(`${subtitle}. ${describeCounts(counts)}.`)}</desc>\n`,
    `<defs>${defs.join('')}</defs>\n`,
    `<rect class="background" width="100%" height="100%" fill="#ffffff"/>\n`,
    `<text class="title" x="${MARGIN}" y="${MARGIN + 20}" font-size="20" font-weight="bold" fill="#1f2933">${escapeXml(shownTitle)}</text>\n`,
    `<text class="subtitle" x="${MARGIN}" y="${MARGIN + 42}" font-size="13" fill="#52606d">${escapeXml(subtitle)}</text>\n`,
    dimensionLines(
      ox,
      oy,
      planWidth,
      planHeight,
      formatLength(cols * cellSize, units),
      formatLength(rows * cellSize, units),
    ),
    '\n',
    `<g class="plan" transform="translate(${ox} ${oy}) scale(${n(ts)})">\n${plan.join('\n')}\n</g>\n`,
    scaleBarSvg(ox, oy + planHeight + 22, pixelsPerUnit, units, Math.min(180, Math.max(90, planWidth * 0.3))),
    `<text x="${ox}" y="${n(oy + planHeight + 60)}" font-size="11" fill="#52606d">${escapeXml(`1 tile = ${formatLength(cellSize, units)} × ${formatLength(cellSize, units)}`)}</text>\n`,
    legend.svg,
    '\n</svg>\n',
  ].join('');
}

/** Device symbols per kind (as `<use>` elements), their counts, the detectors and the blocked tiles. */
function planDevices(room: Room, placed: Set<number> | undefined, id: string) {
  const { cols, tiles } = room;
  const counts = Object.fromEntries(PLAN_DEVICE_KINDS.map((k) => [k, { total: 0, existing: 0 }])) as Record<
    PlanDeviceKind,
    KindCount
  >;
  const devices = Object.fromEntries(PLAN_DEVICE_KINDS.map((k) => [k, [] as string[]])) as Record<
    PlanDeviceKind,
    string[]
  >;
  const detectors: number[] = [];
  let blockedTiles = 0;
  for (let i = 0; i < tiles.length; i++) {
    const tile = tiles[i];
    if (tile === TileKind.Blocked) blockedTiles++;
    const kind = PLAN_KIND_BY_TILE[tile];
    if (kind === undefined) continue;
    const row = Math.floor(i / cols);
    const col = i - row * cols;
    const existing = placed !== undefined && !placed.has(i);
    counts[kind].total++;
    if (existing) counts[kind].existing++;
    if (kind === 'smokeDetector') detectors.push(i);
    const symbol = `${id}-${PLAN_KIND_LETTER[kind]}${existing ? 'x' : ''}`;
    devices[kind].push(
      `<use class="device ${kind}${existing ? ' existing' : ''}" data-row="${row}" data-col="${col}" href="#${symbol}" x="${col}" y="${row}"/>`,
    );
  }
  return { counts, devices, detectors, blockedTiles };
}

/**
 * Strokes inside the plan are set in pixels and divided by the scale, as the plan group is
 * drawn in tile units (integers: compact and exact).
 */
function pixelsInTiles(ts: number): (pixels: number) => string {
  return (pixels: number) => n(pixels / ts);
}

/** The plan's `<defs>`: the room outline, its clip path, the hatches and the device symbols used. */
function planDefs(
  room: Room,
  id: string,
  ts: number,
  counts: Record<PlanDeviceKind, KindCount>,
  style: ReturnType<typeof symbolStyleFor>,
): string[] {
  const px = pixelsInTiles(ts);
  const hatch = (name: string, spacing: number, background: string, ink: string) =>
    `<pattern id="${id}-${name}" patternUnits="userSpaceOnUse" width="${px(spacing)}" height="${px(spacing)}" patternTransform="rotate(45)">` +
    `<rect width="${px(spacing)}" height="${px(spacing)}" fill="${background}"/>` +
    `<path d="M0 0V${px(spacing)}" stroke="${ink}" stroke-width="${px(1)}"/></pattern>`;

  const defs: string[] = [
    `<path id="${id}-room" d="${rectsPath(mergedRects(room, (k) => k !== TileKind.Outside))}"/>`,
    `<clipPath id="${id}-clip"><use href="#${id}-room"/></clipPath>`,
    hatch('blocked', 5, '#d3d7dd', '#7b8794'),
    hatch('outside', 7, '#ffffff', '#e4e7eb'),
  ];
  for (const kind of PLAN_DEVICE_KINDS) {
    const letter = PLAN_KIND_LETTER[kind];
    if (counts[kind].total > counts[kind].existing) {
      defs.push(`<g id="${id}-${letter}">${deviceSymbol(kind, false, style, ts)}</g>`);
    }
    if (counts[kind].existing > 0)
      defs.push(`<g id="${id}-${letter}x">${deviceSymbol(kind, true, style, ts)}</g>`);
  }
  return defs;
}

/** The plan group's layers, bottom to top: outside, room, grid, blocked tiles, coverage, walls, devices. */
function planLayers(
  room: Room,
  id: string,
  ts: number,
  devices: Record<PlanDeviceKind, string[]>,
  detectors: readonly number[],
  coverageRadius: number | undefined,
): string[] {
  const { rows, cols, cellSize } = room;
  const px = pixelsInTiles(ts);
  const plan: string[] = [];
  const outside = mergedRects(room, (k) => k === TileKind.Outside);
  if (outside.length > 0) {
    plan.push(`<path class="outside" d="${rectsPath(outside)}" fill="url(#${id}-outside)"/>`);
  }
  plan.push(`<use class="room" href="#${id}-room" fill="#ffffff"/>`);
  if (ts >= GRID_MIN_PIXELS) plan.push(gridLines(rows, cols, px(1), `url(#${id}-clip)`));
  const blocked = mergedRects(room, (k) => k === TileKind.Blocked);
  if (blocked.length > 0) {
    const edge = ts >= GRID_MIN_PIXELS ? ` stroke="#7b8794" stroke-width="${px(1)}"` : '';
    plan.push(`<path class="blocked" d="${rectsPath(blocked)}" fill="url(#${id}-blocked)"${edge}/>`);
  }
  if (coverageRadius !== undefined && detectors.length > 0) {
    // On small plans the dashed edges of hundreds of circles are noise; the tint alone reads.
    const edges = ts >= GRID_MIN_PIXELS;
    plan.push(coverageCircles(detectors, cols, coverageRadius / cellSize, px, `url(#${id}-clip)`, edges));
  }
  plan.push(
    `<path class="walls" d="${boundaryPath(room, (k) => k !== TileKind.Outside)}" fill="none" stroke="${WALL}" stroke-width="${px(wallPixels(ts))}" stroke-linecap="square"/>`,
  );
  for (const kind of PLAN_DEVICE_KINDS) {
    if (devices[kind].length > 0) plan.push(`<g class="devices ${kind}">${devices[kind].join('')}</g>`);
  }
  return plan;
}

/** Tile indices the run placed, checked against the room: a placement whose tile does not hold that device is ignored. */
function placedTiles(room: Room, placements: readonly Placement[] | undefined): Set<number> | undefined {
  if (placements === undefined) return undefined;
  const placed = new Set<number>();
  for (const { type, row, col } of placements) {
    if (
      !Number.isInteger(row) ||
      !Number.isInteger(col) ||
      row < 0 ||
      row >= room.rows ||
      col < 0 ||
      col >= room.cols
    ) {
      continue;
    }
    const index = row * room.cols + col;
    if (room.tiles[index] === TILE_KIND_BY_DEVICE[type]) placed.add(index);
  }
  return placed;
}

function countOf(tiles: Uint8Array, kind: number): number {
  let count = 0;
  for (const tile of tiles) if (tile === kind) count++;
  return count;
}

/** Wall weight: heavier on big plans, never thinner than 2 px. */
function wallPixels(ts: number): number {
  return Math.min(5, Math.max(2, ts * 0.14));
}

/** Every tile grid line as one path of long lines, clipped to the room (not one rect per tile). */
function gridLines(rows: number, cols: number, strokeWidth: string, clip: string): string {
  let d = '';
  for (let r = 1; r < rows; r++) d += `M0 ${r}H${cols}`;
  for (let c = 1; c < cols; c++) d += `M${c} 0V${rows}`;
  return `<path class="grid" d="${d}" clip-path="${clip}" fill="none" stroke="${GRID}" stroke-width="${strokeWidth}" shape-rendering="crispEdges"/>`;
}

/**
 * Each detector's coverage disc, clipped to the room. The fills share one group opacity so
 * overlaps do not darken: the eye sees covered versus uncovered, which is the question asked.
 */
function coverageCircles(
  detectors: readonly number[],
  cols: number,
  radius: number,
  px: (pixels: number) => string,
  clip: string,
  withEdges: boolean,
): string {
  const r = n(radius);
  let fills = '';
  let edges = '';
  for (const index of detectors) {
    const row = Math.floor(index / cols);
    const col = index - row * cols;
    const centre = `cx="${n(col + 0.5)}" cy="${n(row + 0.5)}" r="${r}"`;
    fills += `<circle class="coverage" data-row="${row}" data-col="${col}" ${centre}/>`;
    edges += `<circle class="coverage-edge" ${centre}/>`;
  }
  return (
    `<g clip-path="${clip}"><g opacity=".13" fill="${COVERAGE}">${fills}</g>` +
    (withEdges
      ? `<g fill="none" stroke="${COVERAGE}" stroke-opacity=".55" stroke-width="${px(1)}" stroke-dasharray="${px(5)} ${px(3)}">${edges}</g>`
      : '') +
    '</g>'
  );
}

/** Overall dimension lines of the plan's envelope, above and left of it, architectural ticks. */
function dimensionLines(ox: number, oy: number, w: number, h: number, across: string, down: string): string {
  const top = oy - 14;
  const left = ox - 14;
  const tick = (x: number, y: number) => `M${n(x - 4)} ${n(y + 4)}L${n(x + 4)} ${n(y - 4)}`;
  const d =
    `M${n(ox)} ${n(top)}H${n(ox + w)}` +
    tick(ox, top) +
    tick(ox + w, top) +
    `M${n(ox)} ${n(oy - 4)}V${n(top - 4)}M${n(ox + w)} ${n(oy - 4)}V${n(top - 4)}` +
    `M${n(left)} ${n(oy)}V${n(oy + h)}` +
    tick(left, oy) +
    tick(left, oy + h) +
    `M${n(ox - 4)} ${n(oy)}H${n(left - 4)}M${n(ox - 4)} ${n(oy + h)}H${n(left - 4)}`;
  return (
    `<g class="dimensions" font-size="12" fill="#52606d">` +
    `<path d="${d}" stroke="#7b8794" stroke-width="1" fill="none"/>` +
    `<text x="${n(ox + w / 2)}" y="${n(top - 5)}" text-anchor="middle">${escapeXml(across)}</text>` +
    `<text transform="translate(${n(left - 5)} ${n(oy + h / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(down)}</text>` +
    `</g>`
  );
}

function describeCounts(counts: Readonly<Record<PlanDeviceKind, KindCount>>): string {
  return PLAN_DEVICE_KINDS.map((kind) => {
    const { total, existing } = counts[kind];
    return `${total} ${kind}${existing > 0 ? ` (${existing} existing)` : ''}`;
  }).join(', ');
}

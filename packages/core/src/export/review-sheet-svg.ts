import { mergedRects } from '../geometry/tile-rects.js';
import type { RunResult } from '../pipeline/run-result.js';
import type { RuleViolation, ViolatedRule } from '../placement/rule-violation.js';
import {
  deviceSymbol,
  PLAN_KIND_LABEL,
  PLAN_KIND_LETTER,
  type PlanDeviceKind,
  symbolStyleFor,
} from '../render/device-symbols.js';
import { defaultTileSize } from '../render/plan-svg.js';
import { scaleBarSvg } from '../render/scale-bar.js';
import { escapeXml, formatNumber as n, shortHash } from '../render/svg-text.js';
import { boundaryPath, rectsPath } from '../render/tile-regions.js';
import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import { DEVICE_TAG_PREFIX, deviceSchedule, type ScheduledDevice } from './device-schedule.js';
import { fmt, type TitleBlockOptions, titleBlock } from './title-block.js';
import { layoutGrid, violationLabel } from './violation-text.js';

/** Options of {@link renderReviewSheetSvg}. */
export interface ReviewSheetOptions extends TitleBlockOptions {
  /** Pixels per tile; default as the plan SVG's (about 1000 px for the longer side). */
  readonly tileSize?: number;
}

const MARGIN = 24;
const HEADER = 56;
/** Room for the column numbers above the plan and the row numbers left of it. */
const LABELS = 30;
const PANEL_WIDTH = 460;
const GAP = 32;
/** Characters per line of the panel's 12 px text. */
const PANEL_CHARS = 68;
const FAIL = '#c2185b';
const PASS = '#2e7d32';
const INK = '#1f2933';
const MUTED = '#52606d';

/** Where on the plan each rule's failures are marked, and how the legend names them. */
const FAILURE_LEGEND: Readonly<Record<ViolatedRule, string>> = {
  'lighting.spacingCriterion': 'Task point beyond the spacing reach of every light',
  'airSupply.coverage': 'Tile centre beyond the coverage radius of every diffuser',
  'airSupply.spacing': 'Two diffusers closer than the minimum spacing',
  'smokeDetection.coverage': 'Check point beyond 0.7·S of every detector',
  'smokeDetection.clearance': 'Detector closer than the clearance to a diffuser',
};

/**
 * A sheet a reviewer can read, as a standalone SVG: the placed plan with row and column
 * numbers along the grid (0-based, as the result and its reasons count them), the device tags
 * of the schedule on plans large enough to read them, what fails drawn where it fails (tiles
 * out of reach tinted and marked, devices too close joined and measured), and beside the plan
 * the title block (room, run, date, units, scale, each rule family's verdict with its figures
 * and reasons, each stage's count against its proven minimum) and a legend. Pure and
 * deterministic.
 */
export function renderReviewSheetSvg(result: RunResult, options: ReviewSheetOptions = {}): string {
  const { room: summary } = result;
  const { rows, cols, cellSize, units } = summary;
  const grid = layoutGrid(result.layout, cols);
  const room: Room = { ...summary, tiles: grid.tiles };
  const ts = options.tileSize ?? defaultTileSize(rows, cols);
  if (!Number.isFinite(ts) || ts <= 0) throw new RangeError(`tileSize must be a positive number, got ${ts}`);
  const id = shortHash(['sheet', summary.roomId, result.runId, rows, cols, ts], grid.tiles);
  const style = symbolStyleFor(ts);
  const devices = deviceSchedule(result);
  const block = titleBlock(result, options, devices);
  const violations = Object.values(result.compliance).flatMap((c) => c?.violations ?? []);

  const planWidth = cols * ts;
  const planHeight = rows * ts;
  const ox = MARGIN + LABELS;
  const oy = MARGIN + HEADER + LABELS;
  const px = (pixels: number) => n(pixels / ts);

  // Plan, in tile units (y down), as the plan SVG draws it.
  const plan: string[] = [];
  plan.push(
    `<path class="room" d="${rectsPath(mergedRects(room, (k) => k !== TileKind.Outside))}" fill="#ffffff"/>`,
  );
  if (ts >= 6) plan.push(gridLines(room, px(1)));
  const blocked = mergedRects(room, (k) => k === TileKind.Blocked);
  if (blocked.length > 0) {
    plan.push(`<path class="blocked" d="${rectsPath(blocked)}" fill="url(#${id}-blocked)"/>`);
  }
  plan.push(
    `<path class="walls" d="${boundaryPath(room, (k) => k !== TileKind.Outside)}" fill="none" stroke="${INK}" stroke-width="${px(Math.min(5, Math.max(2, ts * 0.14)))}" stroke-linecap="square"/>`,
  );
  const kinds = new Map<string, PlanDeviceKind>();
  const uses: string[] = [];
  const tags: string[] = [];
  for (const d of devices) {
    const existing = d.status === 'existing';
    const symbol = `${id}-${PLAN_KIND_LETTER[d.type]}${existing ? 'x' : ''}`;
    kinds.set(symbol, d.type);
    uses.push(
      `<use class="device ${d.type}${existing ? ' existing' : ''}" data-tag="${d.tag}" data-row="${d.row}" data-col="${d.col}" href="#${symbol}" x="${d.col}" y="${d.row}"/>`,
    );
    if (ts >= 28) tags.push(tagText(d, ts));
  }
  plan.push(`<g class="devices">${uses.join('')}</g>`);
  if (tags.length > 0) {
    plan.push(`<g class="tags" font-size="${px(9)}" fill="${INK}" text-anchor="middle">${tags.join('')}</g>`);
  }
  if (violations.length > 0) plan.push(failuresSvg(violations, room, ts, px));

  const labels = gridLabels(rows, cols, ts, ox, oy);
  const defs = sheetDefs(id, ts, kinds, style);

  // The panel: title block, then the legend.
  const panelX = ox + planWidth + GAP;
  const panel = panelSvg(panelX, oy - LABELS, block, violations, style, units);
  const title = summary.name ?? summary.roomId;
  const width = panelX + PANEL_WIDTH + MARGIN;
  const height = Math.max(oy + planHeight + 70, oy - LABELS + panel.height) + MARGIN;
  const subtitle = `Review sheet · ${block.verdict} · ${cols} × ${rows} tiles of ${fmt(cellSize)} ${units}`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}"`,
    ` role="img" aria-labelledby="${id}-title" font-family="Helvetica, Arial, 'DejaVu Sans', sans-serif"`,
    ` data-room-id="${escapeXml(summary.roomId)}" data-rows="${rows}" data-cols="${cols}" data-tile-size="${n(ts)}">\n`,
    `<title id="${id}-title">${escapeXml(`${title}: review sheet`)}</title>\n`,
    `<defs>${defs.join('')}</defs>\n`,
    `<rect class="background" width="100%" height="100%" fill="#ffffff"/>\n`,
    `<text class="title" x="${MARGIN}" y="${MARGIN + 20}" font-size="20" font-weight="bold" fill="${INK}">${escapeXml(title)}</text>\n`,
    `<text class="subtitle" x="${MARGIN}" y="${MARGIN + 42}" font-size="13" fill="${MUTED}">${escapeXml(subtitle)}</text>\n`,
    `<g class="grid-labels" font-size="11" fill="${MUTED}">${labels}</g>\n`,
    `<g class="plan" transform="translate(${ox} ${oy}) scale(${n(ts)})">\n${plan.join('\n')}\n</g>\n`,
    scaleBarSvg(ox, oy + planHeight + 22, ts / cellSize, units, Math.min(180, Math.max(90, planWidth * 0.3))),
    `<text x="${ox}" y="${n(oy + planHeight + 60)}" font-size="11" fill="${MUTED}">${escapeXml(`1 tile = ${fmt(cellSize)} × ${fmt(cellSize)} ${units} · rows and columns numbered from 0 at the top left`)}</text>\n`,
    panel.svg,
    '\n</svg>\n',
  ].join('');
}

/** Row and column numbers along the plan, as often as they fit. */
function gridLabels(rows: number, cols: number, ts: number, ox: number, oy: number): string {
  const rowStep = labelStep(ts, 14);
  const colStep = labelStep(ts, String(cols - 1).length * 7 + 4);
  let labels = '';
  for (let r = 0; r < rows; r += rowStep) {
    labels += `<text x="${n(ox - 6)}" y="${n(oy + (r + 0.5) * ts + 4)}" text-anchor="end">${r}</text>`;
  }
  for (let c = 0; c < cols; c += colStep) {
    labels += `<text x="${n(ox + (c + 0.5) * ts)}" y="${n(oy - 8)}" text-anchor="middle">${c}</text>`;
  }
  return labels;
}

/** The sheet's `<defs>`: the blocked-tile hatch and the device symbols the plan uses. */
function sheetDefs(
  id: string,
  ts: number,
  kinds: ReadonlyMap<string, PlanDeviceKind>,
  style: ReturnType<typeof symbolStyleFor>,
): string[] {
  const px = (pixels: number) => n(pixels / ts);
  const defs: string[] = [
    `<pattern id="${id}-blocked" patternUnits="userSpaceOnUse" width="${px(5)}" height="${px(5)}" patternTransform="rotate(45)"><rect width="${px(5)}" height="${px(5)}" fill="#d3d7dd"/><path d="M0 0V${px(5)}" stroke="#7b8794" stroke-width="${px(1)}"/></pattern>`,
  ];
  for (const [symbol, kind] of kinds) {
    defs.push(`<g id="${symbol}">${deviceSymbol(kind, symbol.endsWith('x'), style, ts)}</g>`);
  }
  return defs;
}

/** The smallest of 1, 2, 5, 10, … tiles between labels that leaves `pixels` between them. */
function labelStep(ts: number, pixels: number): number {
  for (let power = 1; ; power *= 10) {
    for (const step of [1, 2, 5]) if (step * power * ts >= pixels) return step * power;
  }
}

/** A device's tag under its symbol, in tile units. */
function tagText(d: ScheduledDevice, ts: number): string {
  return `<text x="${n(d.col + 0.5)}" y="${n(d.row + 1 - 2 / ts)}">${escapeXml(d.tag)}</text>`;
}

/** The tile grid lines inside the room, one path. */
function gridLines(room: Room, strokeWidth: string): string {
  const { rows, cols, tiles } = room;
  const inside = (r: number, c: number) => tiles[r * cols + c] !== TileKind.Outside;
  let d = '';
  for (let r = 1; r < rows; r++) {
    for (let c = 0; c < cols; ) {
      if (!(inside(r - 1, c) && inside(r, c))) {
        c++;
        continue;
      }
      const start = c;
      while (c < cols && inside(r - 1, c) && inside(r, c)) c++;
      d += `M${start} ${r}H${c}`;
    }
  }
  for (let c = 1; c < cols; c++) {
    for (let r = 0; r < rows; ) {
      if (!(inside(r, c - 1) && inside(r, c))) {
        r++;
        continue;
      }
      const start = r;
      while (r < rows && inside(r, c - 1) && inside(r, c)) r++;
      d += `M${c} ${start}V${r}`;
    }
  }
  return `<path class="grid" d="${d}" fill="none" stroke="#c5ccd4" stroke-width="${strokeWidth}"/>`;
}

/**
 * What fails, in tile units: the tiles out of reach tinted, each failing point marked (a circle
 * for a diffuser's reach, a cross for a detector's, a diamond for a light's), pairs too close
 * joined, ringed and measured.
 */
function failuresSvg(
  violations: readonly RuleViolation[],
  room: Room,
  ts: number,
  px: (pixels: number) => string,
): string {
  const { rows, cellSize, units } = room;
  const X = (x: number) => n(x / cellSize);
  const Y = (y: number) => n(rows - y / cellSize);
  const m = Math.max(0.12, 2.5 / ts);
  const parts: string[] = [];
  for (const v of violations) {
    let body = '';
    if (v.areas && v.areas.length > 0) {
      let d = '';
      for (const a of v.areas) {
        d += `M${X(a.x)} ${Y(a.y + a.height)}h${n(a.width / cellSize)}v${n(a.height / cellSize)}h${n(-a.width / cellSize)}z`;
      }
      body += `<path class="area" d="${d}" fill="${FAIL}" fill-opacity=".12" stroke="${FAIL}" stroke-width="${px(1)}"/>`;
    }
    if (v.points && v.points.length > 0 && ts >= 6) {
      let d = '';
      for (const p of v.points) {
        const x = p.x / cellSize;
        const y = rows - p.y / cellSize;
        if (v.rule === 'smokeDetection.coverage') {
          d += `M${n(x - m)} ${n(y - m)}L${n(x + m)} ${n(y + m)}M${n(x - m)} ${n(y + m)}L${n(x + m)} ${n(y - m)}`;
        } else if (v.rule === 'lighting.spacingCriterion') {
          d += `M${n(x - m)} ${n(y)}L${n(x)} ${n(y - m)}L${n(x + m)} ${n(y)}L${n(x)} ${n(y + m)}z`;
        } else {
          d += `M${n(x - m)} ${n(y)}a${n(m)} ${n(m)} 0 1 0 ${n(2 * m)} 0a${n(m)} ${n(m)} 0 1 0 ${n(-2 * m)} 0`;
        }
      }
      body += `<path class="points" d="${d}" fill="none" stroke="${FAIL}" stroke-width="${px(1.5)}"/>`;
    }
    for (const { a, b, distance } of v.pairs ?? []) {
      body +=
        `<g class="pair"><path d="M${X(a.x)} ${Y(a.y)}L${X(b.x)} ${Y(b.y)}" stroke="${FAIL}" stroke-width="${px(2)}"/>` +
        `<circle cx="${X(a.x)}" cy="${Y(a.y)}" r=".5" fill="none" stroke="${FAIL}" stroke-width="${px(2)}"/>` +
        `<circle cx="${X(b.x)}" cy="${Y(b.y)}" r=".5" fill="none" stroke="${FAIL}" stroke-width="${px(2)}"/>` +
        pairLabel(
          a,
          b,
          rows,
          cellSize,
          px(11),
          `${fmt(distance, 2)} ${units} < ${fmt(v.limit, 2)} ${units}`,
        ) +
        '</g>';
    }
    parts.push(
      `<g class="violation" data-rule="${v.rule}" data-count="${v.count}"><title>${escapeXml(violationLabel(v, units))}</title>${body}</g>`,
    );
  }
  return `<g class="failures">${parts.join('')}</g>`;
}

/**
 * A pair's distance beside it: above a pair that lies across, right of one that stands up and
 * down, so two pairs sharing a device keep their labels apart.
 */
function pairLabel(
  a: { x: number; y: number },
  b: { x: number; y: number },
  rows: number,
  cellSize: number,
  fontSize: string,
  text: string,
): string {
  const x = (a.x + b.x) / 2 / cellSize;
  const y = rows - (a.y + b.y) / 2 / cellSize;
  const across = Math.abs(a.x - b.x) >= Math.abs(a.y - b.y);
  const at = across
    ? `x="${n(x)}" y="${n(y - 0.6)}" text-anchor="middle"`
    : `x="${n(x + 0.6)}" y="${n(y + 0.1)}"`;
  return `<text ${at} font-size="${fontSize}" font-weight="bold" fill="${FAIL}">${escapeXml(text)}</text>`;
}

/** The title block and legend panel at (x, y); returns the markup and its height. */
function panelSvg(
  x: number,
  y: number,
  block: ReturnType<typeof titleBlock>,
  violations: readonly RuleViolation[],
  style: ReturnType<typeof symbolStyleFor>,
  units: string,
): { svg: string; height: number } {
  const out: string[] = [];
  let top = 26;
  const line = (text: string, attrs = '', size = 12, indent = 0) => {
    for (const piece of wrap(text, Math.floor((PANEL_CHARS * 12) / size) - Math.floor(indent / 6))) {
      out.push(`<text x="${14 + indent}" y="${top}" font-size="${size}"${attrs}>${escapeXml(piece)}</text>`);
      top += size + 5;
    }
  };
  line(block.title, ` font-weight="bold" letter-spacing="1.5" fill="${MUTED}"`, 12);
  top += 4;
  for (const [label, value] of block.fields) line(`${label}: ${value}`);
  top += 6;
  const compliant = block.verdict === 'COMPLIANT';
  line(block.verdict, ` font-weight="bold" fill="${compliant ? PASS : FAIL}" class="verdict"`, 15);
  for (const c of block.compliance) {
    top += 4;
    const verdict = c.pass === undefined ? 'NOT CHECKED' : c.pass ? 'PASS' : 'FAIL';
    line(
      `${c.label}: ${verdict}`,
      ` font-weight="bold" fill="${c.pass ? PASS : FAIL}" class="family" data-family="${c.family}"`,
    );
    line(c.summary, ` fill="${MUTED}"`, 11, 10);
    for (const reason of c.reasons) line(`✗ ${reason}`, ` fill="${FAIL}" class="reason"`, 11, 10);
  }
  top += 6;
  for (const s of block.stages) line(s);
  line(block.devices);
  top += 10;
  out.push(`<path d="M14 ${top - 12}H${PANEL_WIDTH - 14}" stroke="#d9dee4"/>`);
  line('LEGEND', ` font-weight="bold" letter-spacing="1.5" fill="${MUTED}"`, 12);
  const icon = (svg: string, label: string) => {
    out.push(`<g transform="translate(14 ${top - 14})">${svg}</g>`);
    out.push(`<text x="44" y="${top}" font-size="12">${escapeXml(label)}</text>`);
    top += 24;
  };
  for (const kind of ['light', 'airSupply', 'returnGrille', 'smokeDetector'] as const) {
    icon(
      `<g transform="scale(20)">${deviceSymbol(kind, false, style === 'solid' ? 'solid' : 'detailed', 20)}</g>`,
      `${PLAN_KIND_LABEL[kind]} (tag ${DEVICE_TAG_PREFIX[kind]}-01…)`,
    );
  }
  icon(
    `<g transform="scale(20)">${deviceSymbol('light', true, style === 'solid' ? 'solid' : 'detailed', 20)}</g>`,
    'Existing device (hollow, dashed)',
  );
  const rules = [...new Set(violations.map((v) => v.rule))];
  for (const rule of rules) {
    icon(failureIcon(rule), FAILURE_LEGEND[rule]);
  }
  for (const v of violations) line(violationLabel(v, units), ` fill="${FAIL}"`, 11);
  const height = top + 6;
  return {
    svg:
      `<g class="title-block" transform="translate(${n(x)} ${n(y)})" fill="${INK}">` +
      `<rect width="${PANEL_WIDTH}" height="${height}" fill="#ffffff" stroke="#9aa5b1"/>` +
      out.join('') +
      `</g>`,
    height,
  };
}

function failureIcon(rule: ViolatedRule): string {
  const stroke = `stroke="${FAIL}" stroke-width="1.5" fill="none"`;
  const tile = `<rect x="1" y="1" width="18" height="18" fill="${FAIL}" fill-opacity=".12" stroke="${FAIL}"/>`;
  switch (rule) {
    case 'smokeDetection.coverage':
      return `${tile}<path d="M7 7L13 13M7 13L13 7" ${stroke}/>`;
    case 'lighting.spacingCriterion':
      return `${tile}<path d="M6 10L10 6L14 10L10 14z" ${stroke}/>`;
    case 'airSupply.coverage':
      return `${tile}<circle cx="10" cy="10" r="3.5" ${stroke}/>`;
    default:
      return `<path d="M3 10H17" ${stroke}/><circle cx="3" cy="10" r="2.5" ${stroke}/><circle cx="17" cy="10" r="2.5" ${stroke}/>`;
  }
}

/** Words into lines of at most `width` characters (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

import {
  deviceSymbol,
  PLAN_DEVICE_KINDS,
  PLAN_KIND_LABEL,
  type PlanDeviceKind,
  type SymbolStyle,
} from './device-symbols.js';
import { escapeXml, formatLength, formatNumber as n } from './svg-text.js';

/** How many devices of one kind the plan shows, and how many of those were already there. */
export interface KindCount {
  total: number;
  existing: number;
}

/** What the legend lists. */
export interface LegendContent {
  readonly counts: Readonly<Record<PlanDeviceKind, KindCount>>;
  readonly blockedTiles: number;
  readonly style: SymbolStyle;
  readonly units: string;
  /** Room floor area in square room units. */
  readonly area: number;
  /** Detector coverage radius (room units) when coverage circles are drawn. */
  readonly coverageRadius?: number;
  /** Dash pattern and colours shared with the plan. */
  readonly wallColour: string;
  readonly coverageColour: string;
}

/** Width of the legend panel in pixels. */
export const LEGEND_WIDTH = 280;

const ROW = 30;
const ICON = 22;
const PAD = 14;

/**
 * The legend panel drawn at (x, y): one row per device kind with its symbol and count (and a
 * hollow "existing" row under a kind that has existing devices), then walls, blocked tiles and,
 * when drawn, detector coverage. Returns the markup and the panel's height.
 */
export function legendSvg(x: number, y: number, content: LegendContent): { svg: string; height: number } {
  const rows: string[] = [];
  let top = 36;
  const row = (attrs: string, icon: string, label: string, count: string, indent = 0) => {
    const labelX = PAD + indent + ICON + 10;
    rows.push(
      `<g ${attrs} transform="translate(0 ${top})">` +
        `<g transform="translate(${PAD + indent} 0)">${icon}</g>` +
        `<text x="${labelX}" y="15">${label}</text>` +
        (count === ''
          ? ''
          : `<text x="${LEGEND_WIDTH - PAD}" y="15" text-anchor="end" font-weight="bold">${count}</text>`) +
        `</g>`,
    );
    top += ROW;
  };
  const scaled = (kind: PlanDeviceKind, existing: boolean, size: number) =>
    `<g transform="scale(${size})">${deviceSymbol(kind, existing, content.style, size)}</g>`;

  for (const kind of PLAN_DEVICE_KINDS) {
    const { total, existing } = content.counts[kind];
    row(
      `class="legend-item" data-kind="${kind}" data-count="${total}"`,
      scaled(kind, false, ICON),
      PLAN_KIND_LABEL[kind],
      String(total),
    );
    if (existing > 0) {
      row(
        `class="legend-item existing" data-kind="${kind}" data-count="${existing}" fill="#52606d"`,
        `<g transform="translate(3 3)">${scaled(kind, true, ICON - 6)}</g>`,
        'of which existing',
        String(existing),
        14,
      );
    }
  }
  top += 6;
  rows.push(`<path d="M${PAD} ${top - 6}H${LEGEND_WIDTH - PAD}" stroke="#d9dee4" stroke-width="1"/>`);
  row(
    'class="legend-item" data-kind="wall"',
    `<path d="M0 11H${ICON}" stroke="${content.wallColour}" stroke-width="4"/>`,
    'Wall (room outline)',
    '',
  );
  row(
    `class="legend-item" data-kind="blocked" data-count="${content.blockedTiles}"`,
    `<rect x="1" y="1" width="${ICON - 2}" height="${ICON - 2}" fill="#d3d7dd" stroke="#7b8794" stroke-width="1"/>` +
      `<path d="M1 ${ICON - 7}L${ICON - 7} 1M1 ${ICON - 1}L${ICON - 1} 1M7 ${ICON - 1}L${ICON - 1} 7" stroke="#7b8794" stroke-width="1"/>`,
    'Blocked tile',
    String(content.blockedTiles),
  );
  if (content.coverageRadius !== undefined) {
    row(
      'class="legend-item" data-kind="coverage"',
      `<circle cx="11" cy="11" r="10" fill="${content.coverageColour}" fill-opacity=".16" stroke="${content.coverageColour}" stroke-width="1" stroke-dasharray="3 2"/>`,
      escapeXml(`Detector coverage 0.7·S = ${formatLength(content.coverageRadius, content.units)}`),
      '',
    );
  }
  top += 4;
  const area = `Room area ${formatArea(content.area)} ${content.units}²`;
  rows.push(`<text x="${PAD}" y="${top + 12}" fill="#52606d" font-size="12">${escapeXml(area)}</text>`);
  const height = top + 26;
  const svg =
    `<g class="legend" transform="translate(${n(x)} ${n(y)})" font-size="13" fill="#1f2933">` +
    `<rect width="${LEGEND_WIDTH}" height="${height}" fill="#ffffff" stroke="#9aa5b1" stroke-width="1"/>` +
    `<text x="${PAD}" y="23" font-size="12" font-weight="bold" letter-spacing="1.5" fill="#52606d">LEGEND</text>` +
    rows.join('') +
    `</g>`;
  return { svg, height };
}

/** An area with thousands separators and no locale dependence (stable output). */
function formatArea(area: number): string {
  const rounded = area >= 100 ? Math.round(area) : Math.round(area * 10) / 10;
  const [whole, fraction] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

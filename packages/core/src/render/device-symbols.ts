import { TileKind } from '../room/tile-kind.js';
import { formatNumber as n } from './svg-text.js';

/** Device kinds the plan draws: the three the pipeline places plus return grilles (input only). */
export const PLAN_DEVICE_KINDS = ['light', 'airSupply', 'returnGrille', 'smokeDetector'] as const;

/** One device kind as the plan names it (CSS class, `data-kind`). */
export type PlanDeviceKind = (typeof PLAN_DEVICE_KINDS)[number];

/** Plan device kind of each device tile kind. */
export const PLAN_KIND_BY_TILE: Readonly<Partial<Record<number, PlanDeviceKind>>> = {
  [TileKind.Light]: 'light',
  [TileKind.AirSupply]: 'airSupply',
  [TileKind.ReturnGrille]: 'returnGrille',
  [TileKind.SmokeDetector]: 'smokeDetector',
};

/** Legend label of each kind. */
export const PLAN_KIND_LABEL: Readonly<Record<PlanDeviceKind, string>> = {
  light: 'Light, 2×2 LED troffer',
  airSupply: 'Air supply diffuser',
  returnGrille: 'Return grille',
  smokeDetector: 'Smoke detector',
};

/** Layout letter of each kind (RULES §2), reused as the short symbol id. */
export const PLAN_KIND_LETTER: Readonly<Record<PlanDeviceKind, string>> = {
  light: 'L',
  airSupply: 'S',
  returnGrille: 'R',
  smokeDetector: 'D',
};

interface Palette {
  /** Main fill of a placed device. */
  fill: string;
  /** Outline and detail lines of a placed device. */
  ink: string;
  /** Solid fill when tiles are too small for detail. */
  solid: string;
  /** Outline of an existing (hollow) device. */
  muted: string;
  /** Solid fill of an existing device when tiles are too small for detail. */
  mutedSolid: string;
}

const PALETTE: Readonly<Record<PlanDeviceKind, Palette>> = {
  light: { fill: '#ffe680', ink: '#a67c00', solid: '#f2c200', muted: '#b39a4a', mutedSolid: '#f3e3a6' },
  airSupply: { fill: '#d6e6ff', ink: '#1d4ed8', solid: '#2f6fe4', muted: '#7393cc', mutedSolid: '#b9cdf2' },
  returnGrille: {
    fill: '#e5e7eb',
    ink: '#4b5563',
    solid: '#6b7280',
    muted: '#8d939c',
    mutedSolid: '#cfd2d7',
  },
  smokeDetector: {
    fill: '#ffffff',
    ink: '#d62828',
    solid: '#d62828',
    muted: '#d98080',
    mutedSolid: '#f2c4c4',
  },
};

/**
 * How much detail a symbol carries: `solid` below 8 px per tile (detail would turn to mush, a
 * coloured square still reads), `detailed` from there, `lettered` (smoke detector reads "SD")
 * from 24 px per tile.
 */
export type SymbolStyle = 'solid' | 'detailed' | 'lettered';

/** The symbol style for a plan drawn at `pixelsPerTile`. */
export function symbolStyleFor(pixelsPerTile: number): SymbolStyle {
  if (pixelsPerTile < 8) return 'solid';
  return pixelsPerTile >= 24 ? 'lettered' : 'detailed';
}

/**
 * The drawing of one device in a unit tile (0..1 in both axes), drawn at `pixelsPerTile`.
 * Stroke widths are chosen in pixels and divided back into tile units so lines keep the same
 * weight whatever the scale. Existing devices are hollow and muted, placed ones filled.
 */
export function deviceSymbol(
  kind: PlanDeviceKind,
  existing: boolean,
  style: SymbolStyle,
  pixelsPerTile: number,
): string {
  const colours = PALETTE[kind];
  if (style === 'solid') {
    const fill = existing ? colours.mutedSolid : colours.solid;
    if (kind === 'smokeDetector') return `<circle cx=".5" cy=".5" r=".45" fill="${fill}"/>`;
    return `<rect x=".05" y=".05" width=".9" height=".9" fill="${fill}"/>`;
  }
  const line = n(Math.min(Math.max(pixelsPerTile * 0.045, 1), 1.75) / pixelsPerTile);
  const thin = n(Math.min(Math.max(pixelsPerTile * 0.03, 0.75), 1.25) / pixelsPerTile);
  const ink = existing ? colours.muted : colours.ink;
  const fill = existing ? '#ffffff' : colours.fill;
  // Existing devices get a dashed outline so they read as "already there" even in greyscale.
  const dash = existing ? ` stroke-dasharray="${n(3 / pixelsPerTile)} ${n(2 / pixelsPerTile)}"` : '';
  switch (kind) {
    case 'light':
      // Troffer: the fixture body, its lens and two lamp lines along the long axis.
      return (
        `<rect x=".07" y=".07" width=".86" height=".86" fill="${fill}" stroke="${ink}" stroke-width="${line}"${dash}/>` +
        `<rect x=".2" y=".2" width=".6" height=".6" fill="${existing ? 'none' : '#fff8d6'}" stroke="${ink}" stroke-width="${thin}"/>` +
        `<path d="M.4 .26V.74M.6 .26V.74" stroke="${ink}" stroke-width="${thin}"/>`
      );
    case 'airSupply':
      // Four-way square diffuser: outer frame, inner core, diagonals to the corners.
      return (
        `<rect x=".1" y=".1" width=".8" height=".8" fill="${fill}" stroke="${ink}" stroke-width="${line}"${dash}/>` +
        `<path d="M.1 .1L.9 .9M.9 .1L.1 .9" stroke="${ink}" stroke-width="${thin}"/>` +
        `<rect x=".32" y=".32" width=".36" height=".36" fill="${fill}" stroke="${ink}" stroke-width="${thin}"/>`
      );
    case 'returnGrille':
      // Return grille: a frame with parallel slots.
      return (
        `<rect x=".1" y=".1" width=".8" height=".8" fill="${fill}" stroke="${ink}" stroke-width="${line}"${dash}/>` +
        `<path d="M.22 .26H.78M.22 .38H.78M.22 .5H.78M.22 .62H.78M.22 .74H.78" stroke="${ink}" stroke-width="${thin}"/>`
      );
    case 'smokeDetector': {
      const ring = `<circle cx=".5" cy=".5" r=".34" fill="${fill}" stroke="${ink}" stroke-width="${line}"${dash}/>`;
      // "SD" is legible only from about 24 px per tile; below that a centre dot marks the head.
      if (style === 'lettered') {
        return (
          ring +
          `<text x=".5" y=".6" font-size=".28" font-weight="bold" text-anchor="middle" fill="${ink}">SD</text>`
        );
      }
      return ring + `<circle cx=".5" cy=".5" r=".1" fill="${ink}"/>`;
    }
  }
}

import type { RuleViolation, ViolatedRule } from '../placement/rule-violation.js';
import { TILE_KIND_BY_CHAR, TileKind } from '../room/tile-kind.js';
import { fmt } from './title-block.js';

/** What each rule's failing items are, for a label. */
const WHAT: Readonly<Record<ViolatedRule, (count: number, limit: string) => string>> = {
  'lighting.spacingCriterion': (n, limit) =>
    `${n} task point${n === 1 ? '' : 's'} beyond ${limit} of every light`,
  'airSupply.coverage': (n, limit) =>
    `${n} tile centre${n === 1 ? '' : 's'} beyond ${limit} of every diffuser`,
  'airSupply.spacing': (n, limit) => `${n} pair${n === 1 ? '' : 's'} of diffusers closer than ${limit}`,
  'smokeDetection.coverage': (n, limit) =>
    `${n} check point${n === 1 ? '' : 's'} beyond ${limit} of every detector`,
  'smokeDetection.clearance': (n, limit) =>
    `${n} detector${n === 1 ? '' : 's'} closer than ${limit} to a diffuser`,
};

/** `FAIL airSupply.coverage: 412 tile centres beyond 12 ft of every diffuser`. */
export function violationLabel(violation: RuleViolation, units: string): string {
  return `FAIL ${violation.rule}: ${WHAT[violation.rule](violation.count, `${fmt(violation.limit, 2)} ${units}`)}`;
}

/**
 * The tiles of a result's layout, one {@link TileKind} byte each, row-major (an unknown
 * character counts as outside). Enough to draw: no validation, so a failed run draws too.
 */
export function layoutGrid(
  layout: readonly string[],
  cols: number,
): { rows: number; cols: number; tiles: Uint8Array } {
  const rows = layout.length;
  const tiles = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const line = layout[r];
    for (let c = 0; c < cols; c++) tiles[r * cols + c] = TILE_KIND_BY_CHAR[line[c]] ?? TileKind.Outside;
  }
  return { rows, cols, tiles };
}

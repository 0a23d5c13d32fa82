/**
 * Writes the CAD exports of the sample room, for the pictures of docs/CAD.md: the DXF drawing,
 * the CSV schedule and the review sheet, and the same three for the sample with its top half's
 * diffusers and all but one detector taken out and re-checked (a room that fails).
 *
 *   npx tsx scripts/export-sample-drawings.ts OUT_DIR
 *
 * scripts/render-sample-drawings.sh turns them into docs/img/sample-plan-dxf.png and
 * docs/img/review-sheet-failing.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseRoom,
  recheckResult,
  renderDeviceScheduleCsv,
  renderResultDxf,
  renderReviewSheetSvg,
  runPipeline,
} from '../packages/core/src/index.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: export-sample-drawings.ts OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const sample = fileURLToPath(new URL('../data/input/sample_grid.json', import.meta.url));
const result = runPipeline(parseRoom(JSON.parse(readFileSync(sample, 'utf8'))), { runId: 'sample' });
const failing = recheckResult(result, failingLayout(result.layout));
// A fixed date: the pictures change only when the drawing does.
const options = { date: '2026-12-02' };
for (const [name, r] of [
  ['sample', result],
  ['sample-failing', failing],
] as const) {
  writeFileSync(join(out, `${name}.dxf`), renderResultDxf(r, options));
  writeFileSync(join(out, `${name}.csv`), renderDeviceScheduleCsv(r));
  writeFileSync(join(out, `${name}-sheet.svg`), renderReviewSheetSvg(r, options));
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(r, null, 2)}\n`);
}
/**
 * The layout with the top half's diffusers and all but the first detector taken out, a
 * diffuser put beside the first diffuser left and a detector under it: coverage fails for
 * both, and a pair of diffusers and a detector stand too close.
 */
function failingLayout(layout: readonly string[]): string[] {
  let detectorsLeft = 1;
  const tiles = layout.map((row, r) => [
    ...row.replace(/S/g, (s) => (r < 9 ? '.' : s)).replace(/D/g, (d) => (detectorsLeft-- > 0 ? d : '.')),
  ]);
  const r = tiles.findIndex((row) => row.includes('S'));
  const c = tiles[r].indexOf('S');
  if (tiles[r][c + 1] === '.') tiles[r][c + 1] = 'S';
  if (tiles[r + 1]?.[c] === '.') tiles[r + 1][c] = 'D';
  return tiles.map((row) => row.join(''));
}

console.log(`wrote the sample's DXF, CSV and review sheet, and a failing variant's, to ${out}`);

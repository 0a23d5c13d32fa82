import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseRoom,
  type RunResult,
  renderDeviceScheduleCsv,
  renderResultDxf,
  renderResultSvg,
  renderReviewSheetSvg,
  runPipeline,
} from '../../src/index.js';

/**
 * Golden results: every room of the repository through the in-process pipeline (what
 * `ceiling-grid room.json` runs), its result and exports compared byte for byte with files
 * committed before a restructuring. A refactoring of the core must leave them all unchanged.
 *
 * `UPDATE_GOLDEN=1 npx vitest run packages/core/test/golden` rewrites the files; do that only
 * for a change of behaviour that is meant, and say why in the commit.
 *
 * What is fixed so that a run gives the same bytes every time:
 * - the run id (the CLI draws a random one);
 * - the solver's wall-clock cap is raised to ten minutes, so only the work limits
 *   (nodes, rounds, search work) bound the exact solves, as they do on any machine that
 *   finishes within the CLI's default cap; on a loaded box the default cap could strike first;
 * - the drawings' date (the CLI writes the day's date).
 *
 * Excluded, because they are clock readings: every `durationMs` field of the result (the run's,
 * each light candidate's and each stage's) is written as 0 in the golden JSON. Nothing else in
 * the result or the exports reads the clock.
 */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FILES = fileURLToPath(new URL('./files/', import.meta.url));
const ROOMS = [
  ...readdirSync(join(ROOT, 'data/rooms'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(ROOT, 'data/rooms', name)),
  join(ROOT, 'data/input/sample_grid.json'),
];
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DRAWING_DATE = '2026-01-01';
const SOLVER = { timeLimitMs: 600_000 };

/** The result as the CLI serializes it, with the clock readings (`durationMs`) set to 0. */
function serializeResult(result: RunResult): string {
  return `${JSON.stringify(result, (key, value) => (key === 'durationMs' ? 0 : value), 2)}\n`;
}

/** Where two texts first differ, as a readable message (a whole-file diff of a DXF is unreadable). */
function firstDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const a = expected.split('\n');
  const b = actual.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `first difference at line ${at + 1}:\n  golden: ${JSON.stringify(a[at])}\n  now:    ${JSON.stringify(b[at])}\n(${a.length} golden lines, ${b.length} now)`;
}

function compareWithGolden(name: string, actual: string): void {
  const path = join(FILES, name);
  if (UPDATE) {
    writeFileSync(path, actual);
    return;
  }
  const golden = readFileSync(path, 'utf8');
  expect(firstDifference(golden, actual), `${name} differs from its golden file`).toBeUndefined();
}

describe('golden results: the pipeline on every room of the repository, byte for byte', () => {
  if (UPDATE) mkdirSync(FILES, { recursive: true });

  it('covers every room of data/rooms and the sample room', () => {
    expect(ROOMS.length).toBeGreaterThanOrEqual(8);
    if (!UPDATE)
      for (const room of ROOMS)
        expect(readdirSync(FILES)).toContain(`${basename(room, '.json')}.result.json`);
  });

  for (const file of ROOMS) {
    const name = basename(file, '.json');
    it(`${name}: result JSON, DXF, CSV, plan SVG and review sheet are unchanged`, () => {
      const room = parseRoom(JSON.parse(readFileSync(file, 'utf8')));
      const result = runPipeline(room, { runId: `golden-${name}`, solver: SOLVER });
      expect(result.status).toBe('completed');
      compareWithGolden(`${name}.result.json`, serializeResult(result));
      compareWithGolden(`${name}.dxf`, renderResultDxf(result, { date: DRAWING_DATE }));
      compareWithGolden(`${name}.csv`, renderDeviceScheduleCsv(result));
      compareWithGolden(`${name}.plan.svg`, renderResultSvg(result, { detectorCoverage: true }));
      compareWithGolden(`${name}.sheet.svg`, renderReviewSheetSvg(result, { date: DRAWING_DATE }));
    });
  }

  it('the comparison catches a changed byte and names the line (control)', () => {
    expect(firstDifference('a\nb\nc\n', 'a\nb\nc\n')).toBeUndefined();
    expect(firstDifference('a\nb\nc\n', 'a\nB\nc\n')).toContain('line 2');
    expect(firstDifference('a\nb\n', 'a\nb\nc\n')).toContain('line 3');
  });

  it('the clock readings are the only fields set aside (control)', () => {
    const text = serializeResult({
      runId: 'r',
      durationMs: 12.5,
      stages: { x: { durationMs: 3, count: 2 } },
    } as never);
    expect(JSON.parse(text)).toEqual({
      runId: 'r',
      durationMs: 0,
      stages: { x: { durationMs: 0, count: 2 } },
    });
  });
});

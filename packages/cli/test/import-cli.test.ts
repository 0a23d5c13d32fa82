import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRoom, renderResultDxf, toLayout } from '@ceiling-grid/core';
import { describe, expect, it } from 'vitest';
import { rect, sketchDxf } from '../../core/test/import/dxf-text.js';
import { unplacedResult } from '../../core/test/support/unplaced-result.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the CLI's bin from the repository root. */
function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['packages/cli/bin/ceiling-grid.js', ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ceiling-grid import (a room from a DXF)', () => {
  it("reads back a DXF the CLI's export wrote: the sample room, its existing devices included", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-import-'));
    const room = parseRoom(JSON.parse(readFileSync(join(REPO, 'data/input/sample_grid.json'), 'utf8')));
    const dxf = renderResultDxf(unplacedResult(room, 'cli-import'));
    writeFileSync(join(dir, 'plan.dxf'), dxf);
    const out = join(dir, 'room.json');
    const run = cli([
      'import',
      join(dir, 'plan.dxf'),
      '--tile',
      '2',
      '--obstruction-layer',
      'A-CLNG-BLKD',
      '--origin',
      '0,0',
      '--room-id',
      'sample-again',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const imported = JSON.parse(readFileSync(out, 'utf8'));
    expect(imported).toMatchObject({ roomId: 'sample-again', units: 'ft', cellSize: 2 });
    expect(imported.layout).toEqual(toLayout(room));
    expect(run.stderr).toMatch(
      /imported plan\.dxf: room sample-again, 24 × 18 tiles of 2 ft, 412 in the room, 8 blocked, 2 existing devices; wrote/,
    );
    expect(run.stdout).toBe('');
  });

  it('reads standard input and writes the room to standard output; --units for a drawing without $INSUNITS', () => {
    const dxf = sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 6, 4) }], null);
    const run = cli(['import', '-', '--units', 'ft', '--tile', '2', '--ceiling-height', '10'], dxf);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ units: 'ft', ceilingHeight: 10, layout: ['...', '...'] });
  });

  it.each([
    [
      'no units',
      ['--tile', '2'],
      sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 6, 4) }], null),
      /--units \(units\): the drawing has no \$INSUNITS/,
    ],
    [
      'a tile that is no number',
      ['--tile', 'two'],
      sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 6, 4) }]),
      /--tile \(tileSize\): tileSize: must be a number/,
    ],
    [
      'an open outline',
      [],
      sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 6, 4), closed: false }]),
      /--outline-layer \(outlineLayer\): LWPOLYLINE handle 100 on layer A-WALL is open/,
    ],
    [
      'no outline on the layer',
      ['--outline-layer', 'WALLS'],
      sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 6, 4) }]),
      /no closed outline on layer WALLS/,
    ],
    [
      'a bad origin',
      ['--origin', '1'],
      sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 6, 4) }]),
      /--origin must be X,Y/,
    ],
    ['not a DXF', [], '{"layout": ["..."]}', /dxf: line 1 should be a group code/],
  ])('%s: exit 2, the field and the reason, nothing written', (_what, args, dxf, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-import-'));
    writeFileSync(join(dir, 'plan.dxf'), dxf);
    const run = cli(['import', join(dir, 'plan.dxf'), ...args, '--out', join(dir, 'room.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(dir, 'room.json'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['plan.dxf']);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ROOMS_DIR = fileURLToPath(new URL('../../../data/rooms/', import.meta.url));

/** Runs the CLI's bin (the launcher `npx ceiling-grid` runs) from the repository root. */
function pipeline(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['packages/cli/bin/ceiling-grid.js', ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const workdir = () => mkdtempSync(join(tmpdir(), 'ceiling-grid-cli-'));

describe('pipeline CLI (RULES §8)', () => {
  it('runs the sample room by default through npm, writes the result and the plan, summarises on stderr', () => {
    const dir = workdir();
    const out = join(dir, 'result.json');
    const svg = join(dir, 'plan.svg');
    const run = spawnSync('npm', ['run', '-s', 'pipeline', '--', '--out', out, '--svg', svg], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result).toMatchObject({ roomId: 'sample-open-office', status: 'completed' });
    expect(result.layout).toHaveLength(18);
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
    expect(run.stderr).toContain('sample-open-office');
    expect(run.stderr).toMatch(/lights\s+\S+\s+\d+\s+placed/);
    expect(run.stderr).toContain(`wrote ${out}`);
    expect(run.stdout).toBe('');
  });

  it('is the ceiling-grid bin of the workspace: npx ceiling-grid runs it', () => {
    const dir = workdir();
    const out = join(dir, 'r.json');
    const run = spawnSync(
      'npx',
      [
        '--no-install',
        'ceiling-grid',
        join(ROOMS_DIR, 'corridor.json'),
        '--out',
        out,
        '--svg',
        join(dir, 'p.svg'),
      ],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ roomId: 'corridor', status: 'completed' });
    expect(readFileSync(join(dir, 'p.svg'), 'utf8')).toContain('<svg');
    expect(run.stderr).toMatch(/^ceiling-grid · corridor/);
  });

  it('writes the DXF drawing, the CSV schedule and the review sheet beside the result', () => {
    const dir = workdir();
    const [out, dxf, csv, sheet] = ['r.json', 'p.dxf', 's.csv', 'sheet.svg'].map((name) => join(dir, name));
    const run = pipeline([
      join(ROOMS_DIR, 'corridor.json'),
      '--out',
      out,
      '--dxf',
      dxf,
      '--csv',
      csv,
      '--sheet',
      sheet,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { placements: unknown[] };
    const drawing = readFileSync(dxf, 'utf8');
    expect(drawing.startsWith('0\nSECTION\n2\nHEADER\n')).toBe(true);
    expect(drawing).toContain('$INSUNITS');
    expect(drawing).toContain('E-LITE');
    // One schedule row per placement, after the header (RFC 4180: CRLF line ends).
    const rows = readFileSync(csv, 'utf8').split('\r\n').filter(Boolean);
    expect(rows[0]).toMatch(/^tag,type,x,y,units,row,col/);
    expect(rows.filter((row) => /^[A-Z]+-\d+,/.test(row) && row.includes(',new,'))).toHaveLength(
      result.placements.length,
    );
    expect(readFileSync(sheet, 'utf8')).toContain('<svg');
    expect(run.stderr).toContain(`wrote ${out}`);
    expect(run.stderr).toContain(dxf);
  });

  it('reads standard input with "-" and writes the result to standard output without --out', () => {
    const room = readFileSync(join(ROOMS_DIR, 'corridor.json'), 'utf8');
    const run = pipeline(['-'], room);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ roomId: 'corridor', status: 'completed' });
  });

  it('reads the legacy matrix format', () => {
    const run = pipeline([join(ROOMS_DIR, 'legacy-matrix.json')]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).layout).toHaveLength(10);
  });

  it('rejects a malformed room with exit 2, the field and the reason, and writes nothing', () => {
    const dir = workdir();
    const roomPath = join(dir, 'bad.json');
    writeFileSync(roomPath, JSON.stringify({ cellSize: 2, layout: ['....', '..x.'] }));
    const out = join(dir, 'result.json');
    const run = pipeline([roomPath, '--out', out, '--svg', join(dir, 'plan.svg')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('layout[1]: unknown tile "x" at row 2, col 3');
    expect(readdirSync(dir)).toEqual(['bad.json']);
  });

  it.each([
    ['invalid JSON', '{"cellSize": 2,', /is not valid JSON/],
    ['a missing cell size', '{"layout": ["..."]}', /cellSize: is required/],
    ['an empty input', '', /is not valid JSON/],
  ])('exits 2 on %s', (_label, input, message) => {
    const run = pipeline(['-'], input);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('exits 2 on a missing file and on an unknown option', () => {
    const missing = pipeline(['no-such-room.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read no-such-room.json: ENOENT');
    const unknown = pipeline(['--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/usage:/);
  });

  it('does not leave a result behind when the output folder does not exist', () => {
    const dir = workdir();
    const run = pipeline([join(ROOMS_DIR, 'corridor.json'), '--out', join(dir, 'missing', 'result.json')]);
    expect(run.code).toBe(1);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

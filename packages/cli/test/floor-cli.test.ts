import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { floorTotals, parseRoom, type RunResult } from '@ceiling-grid/core';
import { describe, expect, it } from 'vitest';
import { formatRoomLine, runCli, summarizeFloor, summarizeRoom } from '../src/index.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ROOMS_DIR = fileURLToPath(new URL('../../../data/rooms/', import.meta.url));
const workdir = () => mkdtempSync(join(tmpdir(), 'ceiling-grid-floor-cli-'));

/** Runs the CLI in this process, as the bin does, and keeps what it printed. */
async function cli(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  const code = await runCli(argv, { readStdin: async () => '', stdout, stderr });
  return { code, stdout: out, stderr: err };
}

const room = (roomId: string, layout: string[], extra: object = {}) => ({
  roomId,
  cellSize: 2,
  layout,
  ...extra,
});
const small = (roomId: string, extra: object = {}) =>
  room(roomId, ['........', '........', '...#....', '........', '........', '........'], extra);

function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('floor CLI (RULES §8 "Floors")', () => {
  it('runs a floor file: one result per room and a summary whose totals are the rooms added up', async () => {
    const dir = workdir();
    const corridor = readJson(join(ROOMS_DIR, 'corridor.json'));
    const floorPath = writeJson(dir, 'floor.json', {
      floorId: 'level-3',
      name: 'Level 3',
      rooms: [corridor, small('store', { roomType: 'warehouse' }), small('office-1')],
    });
    const outDir = join(dir, 'out');
    const run = await cli([floorPath, '--out-dir', outDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual([
      'corridor.json',
      'floor-summary.json',
      'office-1.json',
      'store.json',
    ]);
    const results = ['corridor', 'store', 'office-1'].map(
      (id) => readJson(join(outDir, `${id}.json`)) as RunResult,
    );
    expect(results.map((r) => [r.roomId, r.status])).toEqual([
      ['corridor', 'completed'],
      ['store', 'completed'],
      ['office-1', 'completed'],
    ]);
    const summary = readJson(join(outDir, 'floor-summary.json'));
    expect(summary).toMatchObject({ floorId: 'level-3', name: 'Level 3', units: 'ft' });
    expect(summary.totals).toEqual(floorTotals(results, 'ft'));
    expect(summary.totals.completedRooms).toBe(3);
    const store = summary.rooms[1];
    expect(store).toMatchObject({
      roomId: 'store',
      roomType: 'warehouse',
      tiles: '6 × 8',
      file: 'store.json',
    });
    expect(store.lights).toBe(results[1].placements.filter((p) => p.type === 'light').length);
    expect(store.detectors).toBe(results[1].placements.filter((p) => p.type === 'smokeDetector').length);
    expect(store.compliant).toBe(Object.values(results[1].compliance).every((check) => check?.pass));
    // The table: a line per room, then the totals.
    expect(run.stderr).toMatch(/^ceiling-grid · floor level-3 · 3 rooms/);
    expect(run.stderr).toMatch(/\nstore\s+warehouse\s+6×8\s/);
    expect(run.stderr).toContain('floor level-3 (Level 3) · 3 rooms · 3 completed, 0 failed');
    expect(run.stderr).toContain(`lights    ${summary.totals.lights.count}`);
    expect(run.stdout).toBe('');
  });

  it('makes a floor of several room files, ids from the file names, with the plans beside the results', async () => {
    const dir = workdir();
    const { roomId: _id, ...unnamed } = small('x');
    const a = writeJson(dir, 'meeting-2.json', unnamed);
    const b = join(ROOMS_DIR, 'legacy-matrix.json');
    const outDir = join(dir, 'out');
    const run = await cli([a, b, '--out-dir', outDir, '--floor-id', 'annex', '--svg', '--csv', '--dxf']);
    expect(run.code, run.stderr).toBe(0);
    const legacyId = readJson(b).room_id;
    const files = readdirSync(outDir).sort();
    for (const id of ['meeting-2', legacyId])
      for (const ext of ['json', 'svg', 'csv', 'dxf']) expect(files).toContain(`${id}.${ext}`);
    expect(readFileSync(join(outDir, 'meeting-2.svg'), 'utf8')).toContain('<svg');
    expect(readFileSync(join(outDir, 'meeting-2.csv'), 'utf8')).toMatch(/^tag,type,x,y/);
    expect(readJson(join(outDir, 'floor-summary.json'))).toMatchObject({
      floorId: 'annex',
      rooms: [{ roomId: 'meeting-2' }, { roomId: legacyId }],
    });
  });

  it('rejects an invalid floor whole with exit 2, naming every bad room and field, and writes nothing', async () => {
    const dir = workdir();
    const floorPath = writeJson(dir, 'floor.json', {
      floorId: 'level-4',
      rooms: [
        small('ok-room'),
        room('bad-tile', ['....', '..x.']),
        { roomId: 'no-cell', layout: ['....'] },
        small('ok-room'),
      ],
    });
    const outDir = join(dir, 'out');
    const run = await cli([floorPath, '--out-dir', outDir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid floor: nothing was run or written');
    expect(run.stderr).toContain(
      `${floorPath} rooms[1] (bad-tile): layout[1]: unknown tile "x" at row 2, col 3`,
    );
    expect(run.stderr).toContain(`${floorPath} rooms[2] (no-cell): cellSize: is required`);
    expect(existsSync(outDir)).toBe(false);
    // With the rooms fixed, the floor-wide rule names both rooms of the same id.
    const duplicate = writeJson(dir, 'dup.json', {
      floorId: 'level-4',
      rooms: [small('ok-room'), small('ok-room')],
    });
    const again = await cli([duplicate, '--out-dir', outDir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      `${duplicate} rooms[1] (ok-room): roomId: "ok-room" is also the id of ${duplicate} rooms[0] (ok-room)`,
    );
    expect(existsSync(outDir)).toBe(false);
  });

  it('names each bad room file, mixed units among them, and a room id that would overwrite the summary', async () => {
    const dir = workdir();
    const feet = writeJson(dir, 'feet.json', small('feet'));
    const metres = writeJson(dir, 'metres.json', small('metres', { units: 'm', cellSize: 0.6 }));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"roomId": ');
    const outDir = join(dir, 'out');
    const unreadable = await cli([feet, broken, join(dir, 'missing.json'), '--out-dir', outDir]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/broken\.json: not valid JSON/);
    expect(unreadable.stderr).toContain(`${join(dir, 'missing.json')}: cannot read: ENOENT`);
    const mixed = await cli([feet, metres, '--out-dir', outDir]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`${metres}: units: must be ft like ${feet}`);
    const clash = await cli([writeJson(dir, 's.json', small('floor-summary')), '--out-dir', outDir]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('would overwrite the floor summary');
    expect(existsSync(outDir)).toBe(false);
  });

  it('exits 2 when several rooms come without --out-dir, or a floor without input', async () => {
    const dir = workdir();
    const a = writeJson(dir, 'a.json', small('a'));
    const b = writeJson(dir, 'b.json', small('b'));
    const noDir = await cli([a, b]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('several rooms make a floor: add --out-dir DIR');
    const noInput = await cli(['--out-dir', join(dir, 'out')]);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('name a floor file or one or more room files');
  });

  it('is the same command through the bin', () => {
    const dir = workdir();
    const floorPath = writeJson(dir, 'floor.json', { floorId: 'f', rooms: [small('r1'), small('r2')] });
    const run = spawnSync(
      process.execPath,
      ['packages/cli/bin/ceiling-grid.js', floorPath, '--out-dir', join(dir, 'out')],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['floor-summary.json', 'r1.json', 'r2.json']);
    expect(run.stderr).toContain('2 completed, 0 failed');
  });

  it('keeps a room whose run threw in the summary as failed, with no file and no devices counted', () => {
    const failedRoom = parseRoom(small('lab'));
    const outcome = { room: failedRoom, error: 'solver crashed', durationMs: 12.5 };
    const summary = summarizeRoom(outcome);
    expect(summary).toMatchObject({
      roomId: 'lab',
      status: 'failed',
      error: 'solver crashed',
      file: null,
      lights: 0,
    });
    expect(summary.compliance).toEqual({ lighting: null, airSupply: null, smokeDetection: null });
    expect(formatRoomLine(summary)).toMatch(/^lab\s+office\s+6×8\s+FAILED .* solver crashed$/);
    const floor = { floorId: 'f', name: 'f', units: 'ft' as const, rooms: [failedRoom] };
    expect(summarizeFloor(floor, [outcome], 20).totals.completedRooms).toBe(0);
  });
});

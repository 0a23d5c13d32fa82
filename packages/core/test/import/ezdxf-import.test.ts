import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../../../support/require-tool.js';
import { importRoomFromDxf, parseRoom } from '../../src/index.js';

const SCRIPT = fileURLToPath(new URL('./draw_l_room.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-dxf-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a DXF drawn by ezdxf (Debian python3-ezdxf), not by this project', () => {
  it('imports as the L-shaped room with its two columns, tile by tile', () => {
    const python = requireTool('python3-ezdxf');
    const file = join(dir, 'l-room.dxf');
    const run = spawnSync(python, [SCRIPT, file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const room = importRoomFromDxf(readFileSync(file, 'utf8'), { tileSize: 2, roomId: 'ezdxf-l-room' });
    // 20 × 15 tiles of 2 ft, row 0 on top. The wing (x 0–20, y 16–30) is rows 0–6, columns 0–9.
    // The column of radius 0.75 on the grid point (10, 8) covers a corner of four tiles: rows 10
    // and 11, columns 4 and 5. The one of radius 0.5 at (31, 7) sits inside row 11, column 15.
    expect(room.layout).toEqual([
      '..........----------',
      '..........----------',
      '..........----------',
      '..........----------',
      '..........----------',
      '..........----------',
      '..........----------',
      '....................',
      '....................',
      '....................',
      '....##..............',
      '....##.........#....',
      '....................',
      '....................',
      '....................',
    ]);
    expect([room.units, room.cellSize]).toEqual(['ft', 2]);
    const parsed = parseRoom(room);
    expect([parsed.rows, parsed.cols]).toEqual([15, 20]);
  });
});

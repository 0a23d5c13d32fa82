import { parseFloor } from '@ceiling-grid/core';
import { describe, expect, it } from 'vitest';
import { benchFloor, floorTiles } from '../../bench/floor/bench-floor-rooms.js';
import type { FloorPhaseFigures } from '../../bench/floor/floor-figures.js';
import { utilisation } from '../../bench/floor/floor-figures.js';
import { formatFloorReport } from '../../bench/floor/floor-report.js';
import { commandDelta } from '../../bench/floor/redis-command-stats.js';

describe('the floor bench (npm run bench -- --floor)', () => {
  it('builds the same valid 200-room floor of mixed types and sizes from the same seed', () => {
    const floor = benchFloor(200, 1);
    expect(benchFloor(200, 1)).toEqual(floor);
    expect(benchFloor(200, 2)).not.toEqual(floor);
    const parsed = parseFloor(floor);
    expect(parsed.rooms).toHaveLength(200);
    const types = new Set(parsed.rooms.map((room) => room.roomType));
    expect([...types].sort()).toEqual(
      ['classroom', 'conference', 'corridor', 'lobby', 'office', 'retail', 'warehouse'].sort(),
    );
    const sizes = parsed.rooms.map((room) => room.rows * room.cols);
    expect(Math.min(...sizes)).toBeLessThan(100);
    expect(Math.max(...sizes)).toBeGreaterThan(700);
    expect(floorTiles(floor)).toBe(sizes.reduce((a, b) => a + b, 0));
    // Some rooms are L-shaped and some carry existing devices.
    expect(floor.rooms.some((room) => room.layout.some((row) => row.includes('-')))).toBe(true);
    expect(floor.rooms.some((room) => room.layout.some((row) => /[LD]/.test(row)))).toBe(true);
  });

  it('counts the Redis commands between two INFO snapshots per room, scripts apart, its own INFO left out', () => {
    const delta = commandDelta(
      { evalsha: 10, hget: 5, info: 3 },
      { evalsha: 30, hget: 45, xadd: 20, info: 9 },
      10,
    );
    expect(delta).toEqual({ perUnit: 8, scriptCallsPerUnit: 2, byCommand: { hget: 4, evalsha: 2, xadd: 2 } });
  });

  it('gives utilisation per process as % of one core and the sum', () => {
    expect(utilisation({ a: 500, b: 1500 }, 1000)).toEqual({ a: 50, b: 150, total: 200 });
  });

  it('reports each phase and says which goal was missed', () => {
    const phase = (name: string, wallMs: number): FloorPhaseFigures => ({
      name,
      path: 'x',
      processes: 2,
      rooms: 4,
      completed: 4,
      failed: 0,
      lost: 0,
      wallMs,
      roomsPerSecond: 4 / (wallMs / 1000),
      cpuMsPerRoom: { total: 100 },
      utilisation: { total: 150 },
    });
    const text = formatFloorReport({
      machine: {
        cpus: 2,
        cpuModel: 'test',
        node: 'v20',
        redis: '7',
        redisPid: undefined,
        loadAtStart: 1,
        loadAtEnd: 2,
      },
      settings: { rooms: 4 },
      phases: [phase('api-2-workers', 2000), phase('cli', 1000)],
      goals: [{ name: 'ratio', value: 2, target: '≤ 1.3', met: false }],
    });
    expect(text).toMatch(/api-2-workers\s+2\s+4\+0\/4\s+0\s+2\.0\s+2\.00\s+100/);
    expect(text).toContain('MISSED ratio: 2 (target ≤ 1.3)');
  });
});

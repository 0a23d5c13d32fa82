import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  importRoomFromDxf,
  parseRoom,
  type Room,
  type RunResult,
  renderResultDxf,
  runPipeline,
  toLayout,
} from '../../src/index.js';
import { unplacedResult } from '../support/unplaced-result.js';

const ROOMS = fileURLToPath(new URL('../../../../data/rooms/', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../../data/input/sample_grid.json', import.meta.url));
const roomFiles: [name: string, path: string][] = [
  ['sample_grid', SAMPLE],
  ...readdirSync(ROOMS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f): [string, string] => [f.replace(/\.json$/, ''), join(ROOMS, f)]),
];

/** How a DXF written by renderResultDxf is read back (docs/CAD.md): its blocked-tile layer, its origin. */
const exportLayers = (room: Room) => ({
  obstructionLayer: 'A-CLNG-BLKD',
  originX: 0,
  originY: 0,
  tileSize: room.cellSize,
});

const rooms = new Map<string, Room>();
const placed = new Map<string, RunResult>();

beforeAll(() => {
  for (const [name, path] of roomFiles) {
    const room = parseRoom(JSON.parse(readFileSync(path, 'utf8')));
    rooms.set(name, room);
    placed.set(name, runPipeline(room, { runId: `round-trip-${name}` }));
  }
}, 120_000);

describe('DXF export then import gives the same room', () => {
  it('covers every repository room and the sample', () => {
    expect(roomFiles.length).toBeGreaterThanOrEqual(8);
  });

  it.each(roomFiles.map(([name]) => name))(
    '%s, before a run: same tiles, size, tile size, units and existing devices',
    (name) => {
      const room = rooms.get(name)!;
      const back = importRoomFromDxf(
        renderResultDxf(unplacedResult(room), { date: 'd' }),
        exportLayers(room),
      );
      expect(back.layout).toEqual(toLayout(room));
      expect(back.units).toBe(room.units);
      expect(back.cellSize).toBe(room.cellSize);
      const again = parseRoom(back);
      expect([again.rows, again.cols]).toEqual([room.rows, room.cols]);
      expect(Buffer.from(again.tiles).equals(Buffer.from(room.tiles))).toBe(true);
    },
  );

  it.each(roomFiles.map(([name]) => name))(
    '%s, after a run: the input room back (new devices left out), or the placed layout with devices "all"',
    (name) => {
      const room = rooms.get(name)!;
      const result = placed.get(name)!;
      const dxf = renderResultDxf(result, { date: 'd' });
      expect(result.placements.length).toBeGreaterThan(0);
      expect(importRoomFromDxf(dxf, exportLayers(room)).layout).toEqual(toLayout(room));
      expect(importRoomFromDxf(dxf, { ...exportLayers(room), devices: 'all' }).layout).toEqual(result.layout);
      const bare = importRoomFromDxf(dxf, { ...exportLayers(room), devices: 'none' }).layout;
      expect(bare).toEqual(toLayout(room).map((line) => line.replace(/[LSRD]/g, '.')));
    },
  );

  it("keeps the room's units: a metric room comes back in metres from $INSUNITS alone", () => {
    const room = rooms.get('classroom-metric')!;
    const back = importRoomFromDxf(renderResultDxf(unplacedResult(room), { date: 'd' }), {
      obstructionLayer: 'A-CLNG-BLKD',
    });
    expect(back.units).toBe('m');
    expect(back.cellSize).toBe(0.6);
    expect(back.layout).toEqual(toLayout(room));
  });
});

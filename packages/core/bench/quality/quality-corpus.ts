import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRoom, type Room, type RoomType } from '../../src/index.js';

/** A room of the quality corpus, with where it came from. */
export interface CorpusRoom {
  readonly label: string;
  readonly room: Room;
}

/** The repository's rooms: data/rooms and the sample room. */
export function repositoryRooms(): CorpusRoom[] {
  const roomsDir = fileURLToPath(new URL('../../../../data/rooms/', import.meta.url));
  const sample = fileURLToPath(new URL('../../../../data/input/sample_grid.json', import.meta.url));
  return [
    { label: 'sample_grid', room: parseRoom(JSON.parse(readFileSync(sample, 'utf8'))) },
    ...readdirSync(roomsDir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => ({
        label: file.replace(/\.json$/, ''),
        room: parseRoom(JSON.parse(readFileSync(`${roomsDir}${file}`, 'utf8'))),
      })),
  ];
}

/** Mulberry32: a small seeded generator, so the corpus is the same on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAPES = ['rectangle', 'L', 'U', 'T', 'columns', 'existing', 'metric'] as const;
const TYPES: RoomType[] = ['office', 'classroom', 'conference', 'corridor', 'lobby', 'retail', 'warehouse'];

/**
 * `count` seeded rooms: rectangles, L, U and T shapes, column grids, rooms with existing
 * devices, metric rooms; sides from 8 to `maxSide` tiles (a few at the largest).
 */
export function generatedRooms(count: number, seed: number, maxSide: number): CorpusRoom[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const out: CorpusRoom[] = [];
  for (let i = 0; i < count; i++) {
    const shape = SHAPES[i % SHAPES.length];
    // Most rooms small to medium, every tenth one large.
    const big = i % 10 === 9;
    const side = () => (big ? Math.floor(maxSide * (0.6 + 0.4 * random())) : 8 + Math.floor(random() * 28));
    const rows = side();
    const cols = side();
    const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => '.'));
    const cut = (r0: number, r1: number, c0: number, c1: number) => {
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) grid[r][c] = '-';
    };
    const third = (n: number) => Math.max(2, Math.floor(n / 3));
    if (shape === 'L') cut(0, third(rows) + 1, cols - third(cols) - 1, cols);
    if (shape === 'U') cut(0, rows - third(rows), third(cols), cols - third(cols));
    if (shape === 'T') {
      cut(third(rows), rows, 0, third(cols));
      cut(third(rows), rows, cols - third(cols), cols);
    }
    if (shape === 'columns' || random() < 0.3) {
      const pitch = 5 + Math.floor(random() * 6);
      for (let r = pitch - 1; r < rows; r += pitch)
        for (let c = pitch - 1; c < cols; c += pitch) if (grid[r][c] === '.') grid[r][c] = '#';
    }
    if (shape === 'existing') {
      const put = (ch: string) => {
        const r = Math.floor(random() * rows);
        const c = Math.floor(random() * cols);
        if (grid[r][c] === '.') grid[r][c] = ch;
      };
      put('D');
      put('S');
      put('L');
    }
    const metric = shape === 'metric';
    const roomType = pick(TYPES);
    const room = parseRoom({
      roomId: `gen-${seed}-${i}`,
      name: `${shape} ${roomType} ${rows} × ${cols}`,
      units: metric ? 'm' : 'ft',
      cellSize: metric ? 0.6 : 2,
      ceilingHeight: metric ? 2.7 + random() : 8.5 + Math.floor(random() * 4),
      roomType,
      layout: grid.map((row) => row.join('')),
    });
    out.push({ label: `gen-${i} ${shape} ${roomType} ${rows}×${cols}`, room });
  }
  return out;
}

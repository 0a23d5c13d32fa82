import { describe, expect, it } from 'vitest';
import {
  boundaryLoops,
  deviceSchedule,
  parseRoom,
  type RunResult,
  recheckResult,
  renderDeviceScheduleCsv,
  renderResultDxf,
  renderReviewSheetSvg,
  runPipeline,
  summarizeRoom,
  titleBlock,
} from '../../src/index.js';
import { hasClasses, parseXmlDocument } from '../render/xml-document.js';

const grid = (layout: string[]) => ({
  rows: layout.length,
  cols: layout[0].length,
  tiles: Uint8Array.from(layout.join(''), (ch) => (ch === '.' ? 1 : 0)),
});
const isOne = (k: number) => k === 1;

/** Signed area (shoelace): counter-clockwise positive. */
const area = (loop: { x: number; y: number }[]) =>
  loop.reduce((sum, p, i) => {
    const q = loop[(i + 1) % loop.length];
    return sum + (p.x * q.y - q.x * p.y) / 2;
  }, 0);

describe('boundaryLoops', () => {
  it('traces a rectangle as one counter-clockwise loop of its four corners, y up', () => {
    expect(boundaryLoops(grid(['...', '...']), isOne)).toEqual([
      [
        { x: 3, y: 0 },
        { x: 3, y: 2 },
        { x: 0, y: 2 },
        { x: 0, y: 0 },
      ],
    ]);
  });

  it('gives a hole its own clockwise loop, so the areas sum to the room', () => {
    const loops = boundaryLoops(grid(['....', '.--.', '.-..', '....']), isOne);
    expect(loops).toHaveLength(2);
    expect(area(loops[0])).toBe(16);
    expect(area(loops[1])).toBe(-3);
  });

  it('splits regions that touch only at a corner into simple loops', () => {
    const loops = boundaryLoops(grid(['.-', '-.']), isOne);
    expect(loops.map(area)).toEqual([1, 1]);
    for (const loop of loops) expect(new Set(loop.map((p) => `${p.x},${p.y}`)).size).toBe(loop.length);
  });

  it('traces an L-shaped room with every corner once', () => {
    const loops = boundaryLoops(grid(['..--', '..--', '....']), isOne);
    expect(loops).toHaveLength(1);
    expect(loops[0]).toHaveLength(6);
    expect(area(loops[0])).toBe(8);
  });

  it('keeps every tile of random grids inside exactly one outer loop’s worth of area', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(random() * 9);
      const cols = 1 + Math.floor(random() * 9);
      const layout = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (random() < 0.6 ? '.' : '-')).join(''),
      );
      const loops = boundaryLoops(grid(layout), isOne);
      const tiles = layout.join('').replace(/-/g, '').length;
      expect(loops.reduce((sum, loop) => sum + area(loop), 0)).toBe(tiles);
      // Every unit edge of the boundary is in exactly one loop.
      let edges = 0;
      for (const loop of loops) {
        for (let i = 0; i < loop.length; i++) {
          const p = loop[i];
          const q = loop[(i + 1) % loop.length];
          edges += Math.abs(q.x - p.x) + Math.abs(q.y - p.y);
        }
      }
      let expected = 0;
      const at = (r: number, c: number) => r >= 0 && r < rows && c >= 0 && c < cols && layout[r][c] === '.';
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          if (!at(r, c)) continue;
          expected +=
            Number(!at(r - 1, c)) + Number(!at(r + 1, c)) + Number(!at(r, c - 1)) + Number(!at(r, c + 1));
        }
      }
      expect(edges).toBe(expected);
    }
  });
});

/** A small run result by hand: one existing diffuser and detector, new lights. */
function smallResult(model = 'lumen-array'): RunResult {
  const input = parseRoom({ roomId: 'small', cellSize: 2, layout: ['S.....', '......', '.....D'] });
  return {
    runId: 'r1',
    roomId: 'small',
    status: 'completed',
    room: summarizeRoom(input),
    layout: ['SL..L.', '......', '.L...D'],
    placements: [
      { type: 'light', row: 0, col: 1, x: 3, y: 5, stage: 'lights', model },
      { type: 'light', row: 0, col: 4, x: 9, y: 5, stage: 'lights', model },
      { type: 'light', row: 2, col: 1, x: 3, y: 1, stage: 'lights', model },
    ],
    stages: { lights: { selected: model, candidates: [] } },
    compliance: {},
    durationMs: 1,
  };
}

describe('deviceSchedule and the CSV', () => {
  it('tags every device, new and existing, by kind then in reading order', () => {
    const devices = deviceSchedule(smallResult());
    expect(devices.map((d) => [d.tag, d.type, d.status, d.row, d.col, d.x, d.y])).toEqual([
      ['L-01', 'light', 'new', 0, 1, 3, 5],
      ['L-02', 'light', 'new', 0, 4, 9, 5],
      ['L-03', 'light', 'new', 2, 1, 3, 1],
      ['D-01', 'airSupply', 'existing', 0, 0, 1, 5],
      ['S-01', 'smokeDetector', 'existing', 2, 5, 11, 1],
    ]);
    expect(devices[0]).toMatchObject({ stage: 'lights', model: 'lumen-array', units: 'ft' });
    expect(devices[3].stage).toBeUndefined();
  });

  it('pads tags to the widest number of their kind', () => {
    const input = parseRoom({ cellSize: 2, layout: ['L'.repeat(120)] });
    const tags = deviceSchedule({
      room: summarizeRoom(input),
      layout: ['L'.repeat(120)],
      placements: [],
    }).map((d) => d.tag);
    expect(tags[0]).toBe('L-001');
    expect(tags[119]).toBe('L-120');
  });

  it('writes RFC 4180: CRLF after every record, fields with commas, quotes or line breaks quoted', () => {
    const csv = renderDeviceScheduleCsv(smallResult('odd, "quoted"\nmodel'));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('tag,type,x,y,units,row,col,status,stage,model,description');
    expect(lines[1]).toBe(
      'L-01,light,3,5,ft,0,1,new,lights,"odd, ""quoted""\nmodel","2x2 LED troffer, 3600 lm, 32 W"',
    );
    expect(lines[4]).toBe('D-01,airSupply,1,5,ft,0,0,existing,,,"Square supply diffuser, 250 cfm"');
    expect(lines.at(-1)).toBe('');
  });
});

describe('the title block', () => {
  it('takes the date from the options, else from the result object, never from the clock', () => {
    const result = smallResult();
    expect(titleBlock(result).fields).toContainEqual(['Date', 'not recorded']);
    expect(titleBlock(result, { date: '2026-12-02' }).fields).toContainEqual(['Date', '2026-12-02']);
    const view = { ...result, finishedAt: '2026-11-30T08:00:00Z' };
    expect(titleBlock(view).fields).toContainEqual(['Date', '2026-11-30T08:00:00Z']);
  });
});

describe('renderResultDxf', () => {
  it('keeps the group structure whatever the room name holds', () => {
    const result = smallResult();
    const hostile = {
      ...result,
      runId: 'run\r\n0\nEOF',
      room: { ...result.room, name: 'Line\nbreak %%c "quoted" × ünïcode' },
    };
    const dxf = renderResultDxf(hostile);
    const lines = dxf.split('\n');
    // Codes and values alternate: every code line is an integer, and the file ends with EOF.
    for (let i = 0; i + 1 < lines.length; i += 2) expect(lines[i].trim(), `line ${i}`).toMatch(/^-?\d+$/);
    expect(lines.filter((l) => l === 'EOF')).toHaveLength(1);
    expect(dxf).toContain('Room: Line break % %c "quoted" × ünïcode');
  });
});

describe('renderReviewSheetSvg', () => {
  const room = parseRoom({
    roomId: 'review',
    name: 'Review <room> & co',
    cellSize: 2,
    layout: ['............', '............', '....##......', '............', '............', '............'],
  });
  const passing = runPipeline(room, { runId: 'sheet' });
  const failing = recheckResult(
    passing,
    passing.layout.map((row) => row.replace(/S/g, '.')),
  );

  it('is well-formed, numbers the rows and columns, and carries the title block', () => {
    const svg = renderReviewSheetSvg(passing, { date: '2026-12-02', tileSize: 40 });
    const elements = parseXmlDocument(svg);
    const labels = elements.find((e) => hasClasses(e, 'grid-labels'))!;
    expect(labels.children.map((t) => t.text)).toEqual([
      ...Array.from({ length: 6 }, (_, i) => String(i)),
      ...Array.from({ length: 12 }, (_, i) => String(i)),
    ]);
    const text = elements.filter((e) => e.name === 'text').map((e) => e.text);
    expect(text).toContain('Date: 2026-12-02');
    expect(text).toContain('COMPLIANT');
    expect(text).toContain('Room: Review <room> & co');
    expect(elements.some((e) => hasClasses(e, 'failures'))).toBe(false);
    // Tags of the schedule under the devices, at this size.
    const tags = elements.find((e) => hasClasses(e, 'tags'))!.children.map((t) => t.text);
    expect(tags.sort()).toEqual(
      deviceSchedule(passing)
        .map((d) => d.tag)
        .sort(),
    );
    expect(renderReviewSheetSvg(passing, { date: '2026-12-02', tileSize: 40 })).toBe(svg);
  });

  it('draws what fails where it fails, and says it in the title block', () => {
    expect(failing.compliance.airSupply?.pass).toBe(false);
    const svg = renderReviewSheetSvg(failing, { tileSize: 40 });
    const elements = parseXmlDocument(svg);
    const drawn = elements.filter((e) => hasClasses(e, 'violation'));
    const expected = Object.values(failing.compliance).flatMap((c) => c?.violations ?? []);
    expect(drawn.map((e) => e.attributes.get('data-rule'))).toEqual(expected.map((v) => v.rule));
    expect(drawn.map((e) => e.attributes.get('data-rule'))).toContain('airSupply.coverage');
    const text = elements.filter((e) => e.name === 'text').map((e) => e.text);
    expect(text).toContain('NOT COMPLIANT');
    expect(text.some((t) => t.startsWith('✗') && t.includes('diffuser'))).toBe(true);
  });

  it('labels every tenth row of a 500-tile-wide plan, not every row', () => {
    const big = parseRoom({ cellSize: 2, layout: Array.from({ length: 500 }, () => '.'.repeat(500)) });
    const result: RunResult = {
      runId: 'big',
      roomId: big.roomId,
      status: 'completed',
      room: summarizeRoom(big),
      layout: Array.from({ length: 500 }, () => '.'.repeat(500)),
      placements: [],
      stages: { lights: { selected: null, candidates: [] } },
      compliance: {},
      durationMs: 0,
    };
    const svg = renderReviewSheetSvg(result);
    const labels = parseXmlDocument(svg).find((e) => hasClasses(e, 'grid-labels'))!;
    expect(labels.children.length).toBeLessThanOrEqual(100);
    expect(labels.children.map((t) => t.text)).toContain('490');
  });
});

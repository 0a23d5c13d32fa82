import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Placement } from '../../src/placement/placement.js';
import { defaultTileSize, renderPlanSvg } from '../../src/render/index.js';
import { parseRoom } from '../../src/room/parse-room.js';
import type { Room } from '../../src/room/room.js';
import { withDevices } from '../../src/room/room-with-devices.js';
import { syntheticRoom } from '../../src/room/synthetic-room.js';
import { hasClasses, parseXmlDocument, type XmlElement } from './xml-document.js';

const roomsDir = new URL('data/rooms/', new URL('../../../../', import.meta.url));
const sampleRoom = (file: string): Room =>
  parseRoom(JSON.parse(readFileSync(new URL(file, roomsDir), 'utf8')));

/** A small room with every tile kind: 3 lights, 2 diffusers, 1 return grille, 2 detectors, 2 blocked, 6 outside. */
const MIXED_LAYOUT = ['--....L..', '--.L..S..', '..R...#..', '.D...L..D', '-..#....S', '-........'];
const mixedRoom = () => parseRoom({ roomId: 'mixed', name: 'Mixed', cellSize: 2, layout: MIXED_LAYOUT });

const devicesOf = (elements: XmlElement[], kind: string) =>
  elements.filter((e) => hasClasses(e, 'device', kind));

/** Tiles inside the union of a path made of axis-aligned rectangles (the renderer's `M c r h w v h h -w z`). */
function tilesOfRectPath(d: string, rows: number, cols: number): boolean[] {
  const covered = new Array<boolean>(rows * cols).fill(false);
  for (const sub of d.split('M').filter(Boolean)) {
    const [start, ...moves] = sub.split(/(?=[hvz])/);
    const [x0, y0] = start.split(' ').map(Number);
    let x = x0;
    let y = y0;
    let [minX, maxX, minY, maxY] = [x, x, y, y];
    for (const move of moves) {
      if (move[0] === 'h') x += Number(move.slice(1));
      if (move[0] === 'v') y += Number(move.slice(1));
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
    for (let r = minY; r < maxY; r++) for (let c = minX; c < maxX; c++) covered[r * cols + c] = true;
  }
  return covered;
}

describe('renderPlanSvg', () => {
  it('is a well-formed SVG document with a viewBox, a size and a title', () => {
    const svg = renderPlanSvg(mixedRoom());
    const elements = parseXmlDocument(svg);
    const root = elements[0];
    expect(root.name).toBe('svg');
    expect(root.attributes.get('xmlns')).toBe('http://www.w3.org/2000/svg');
    const width = Number(root.attributes.get('width'));
    const height = Number(root.attributes.get('height'));
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(root.attributes.get('viewBox')).toBe(`0 0 ${width} ${height}`);
    expect(root.children[0].name).toBe('title');
    expect(root.children[0].text).toBe('Mixed');
  });

  it.each(readdirSync(roomsDir).filter((f) => f.endsWith('.json')))(
    'renders sample room %s well-formed',
    (file) => {
      const room = sampleRoom(file);
      for (const options of [{}, { detectorCoverage: true, placements: [] }]) {
        expect(() => parseXmlDocument(renderPlanSvg(room, options))).not.toThrow();
      }
    },
  );

  it('draws one element per device, of the right kind, on its tile', () => {
    const elements = parseXmlDocument(renderPlanSvg(mixedRoom()));
    for (const [kind, letter] of [
      ['light', 'L'],
      ['airSupply', 'S'],
      ['returnGrille', 'R'],
      ['smokeDetector', 'D'],
    ]) {
      const expected: string[] = [];
      MIXED_LAYOUT.forEach((line, row) => {
        [...line].forEach((ch, col) => {
          if (ch === letter) expected.push(`${row},${col}`);
        });
      });
      const drawn = devicesOf(elements, kind).map((e) => {
        expect(e.attributes.get('x')).toBe(e.attributes.get('data-col'));
        expect(e.attributes.get('y')).toBe(e.attributes.get('data-row'));
        return `${e.attributes.get('data-row')},${e.attributes.get('data-col')}`;
      });
      expect(drawn, kind).toEqual(expected);
    }
    expect(elements.filter((e) => hasClasses(e, 'device'))).toHaveLength(8);
    expect(elements.filter((e) => hasClasses(e, 'existing'))).toHaveLength(0);
  });

  it('lists every device kind in the legend with its count', () => {
    const elements = parseXmlDocument(renderPlanSvg(mixedRoom()));
    const legend = (kind: string) =>
      elements.filter((e) => hasClasses(e, 'legend-item') && e.attributes.get('data-kind') === kind);
    expect(legend('light').map((e) => e.attributes.get('data-count'))).toEqual(['3']);
    expect(legend('airSupply').map((e) => e.attributes.get('data-count'))).toEqual(['2']);
    expect(legend('returnGrille').map((e) => e.attributes.get('data-count'))).toEqual(['1']);
    expect(legend('smokeDetector').map((e) => e.attributes.get('data-count'))).toEqual(['2']);
    expect(legend('blocked').map((e) => e.attributes.get('data-count'))).toEqual(['2']);
    // The count is also printed, not only an attribute.
    const lightRow = legend('light')[0];
    expect(lightRow.children.filter((e) => e.name === 'text').map((e) => e.text)).toContain('3');
  });

  it('draws devices missing from `placements` as existing, and counts them in the legend', () => {
    const base = parseRoom({ roomId: 'e', cellSize: 2, layout: ['L....', '..D..', '....S'] });
    const room = withDevices(withDevices(base, [3, 11], 'light'), [13], 'smokeDetector');
    const placements: Placement[] = [
      { type: 'light', row: 0, col: 3, x: 7, y: 5, stage: 'lights', model: 'm' },
      { type: 'light', row: 2, col: 1, x: 3, y: 1, stage: 'lights', model: 'm' },
      { type: 'smokeDetector', row: 2, col: 3, x: 7, y: 1, stage: 'smokeDetectors', model: 'm' },
      // Ignored: the tile holds no such device.
      { type: 'airSupply', row: 1, col: 1, x: 3, y: 3, stage: 'airSupply', model: 'm' },
    ];
    const elements = parseXmlDocument(renderPlanSvg(room, { placements }));
    const existing = elements.filter((e) => hasClasses(e, 'device', 'existing'));
    expect(
      existing.map(
        (e) => `${e.attributes.get('class')} ${e.attributes.get('data-row')},${e.attributes.get('data-col')}`,
      ),
    ).toEqual([
      'device light existing 0,0',
      'device airSupply existing 2,4',
      'device smokeDetector existing 1,2',
    ]);
    expect(devicesOf(elements, 'light')).toHaveLength(3);
    const existingRow = elements.find(
      (e) => hasClasses(e, 'legend-item', 'existing') && e.attributes.get('data-kind') === 'light',
    );
    expect(existingRow?.attributes.get('data-count')).toBe('1');
    // Existing and placed devices point at different symbols.
    const hrefs = new Set(devicesOf(elements, 'light').map((e) => e.attributes.get('href')));
    expect(hrefs.size).toBe(2);
  });

  it('escapes a malicious room name and title', () => {
    const name = `</title><script>alert("x")</script> & 'q' \u0001`;
    const room = parseRoom({ roomId: 'evil', name, cellSize: 2, layout: ['..'] });
    const svg = renderPlanSvg(room);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0001');
    const elements = parseXmlDocument(svg);
    expect(elements.some((e) => e.name === 'script')).toBe(false);
    expect(elements.find((e) => e.name === 'title')?.text).toBe(name.replace('\u0001', ''));
    expect(elements.find((e) => hasClasses(e, 'title'))?.text).toBe(name.replace('\u0001', ''));

    const titled = renderPlanSvg(room, { title: 'A < B & "C"' });
    expect(parseXmlDocument(titled).find((e) => e.name === 'title')?.text).toBe('A < B & "C"');
  });

  it('draws the room shape over exactly the room tiles, outside tiles apart, and walls around it', () => {
    const room = sampleRoom('office-l-shaped.json');
    const elements = parseXmlDocument(renderPlanSvg(room));
    const roomShape = elements.find((e) => e.name === 'path' && e.attributes.get('id')?.endsWith('-room'));
    const outside = elements.find((e) => hasClasses(e, 'outside'));
    const blocked = elements.find((e) => hasClasses(e, 'blocked'));
    const inRoom = tilesOfRectPath(roomShape!.attributes.get('d')!, room.rows, room.cols);
    const inOutside = tilesOfRectPath(outside!.attributes.get('d')!, room.rows, room.cols);
    const inBlocked = tilesOfRectPath(blocked!.attributes.get('d')!, room.rows, room.cols);
    const layout = JSON.parse(readFileSync(new URL('office-l-shaped.json', roomsDir), 'utf8'))
      .layout as string[];
    layout.forEach((line, row) => {
      [...line].forEach((ch, col) => {
        const i = row * room.cols + col;
        expect(inRoom[i], `room at ${row},${col}`).toBe(ch !== '-');
        expect(inOutside[i], `outside at ${row},${col}`).toBe(ch === '-');
        expect(inBlocked[i], `blocked at ${row},${col}`).toBe(ch === '#');
      });
    });
    // Walls: as long as the room's perimeter in tile edges (60 × 44 ft L: 2·30 + 2·22 tiles).
    const walls = elements.find((e) => hasClasses(e, 'walls'))!.attributes.get('d')!;
    let length = 0;
    for (const seg of walls.split('M').filter(Boolean)) {
      const [, x, y, axis, to] = /^(\d+) (\d+)([HV])(\d+)$/.exec(seg)!;
      length += axis === 'H' ? Number(to) - Number(x) : Number(to) - Number(y);
    }
    expect(length).toBe(2 * 30 + 2 * 22);
  });

  it('draws detector coverage circles only when asked, 0.7·S in radius, clipped to the room', () => {
    const room = mixedRoom();
    const plain = parseXmlDocument(renderPlanSvg(room));
    expect(plain.filter((e) => hasClasses(e, 'coverage'))).toHaveLength(0);
    expect(plain.some((e) => e.attributes.get('data-kind') === 'coverage')).toBe(false);

    const covered = parseXmlDocument(renderPlanSvg(room, { detectorCoverage: true }));
    const circles = covered.filter((e) => hasClasses(e, 'coverage'));
    // Two detectors, at (3,1) and (3,8); S = 30 ft, tiles of 2 ft: radius 21 ft = 10.5 tiles.
    expect(
      circles.map((c) => [c.attributes.get('cx'), c.attributes.get('cy'), c.attributes.get('r')]),
    ).toEqual([
      ['1.5', '3.5', '10.5'],
      ['8.5', '3.5', '10.5'],
    ]);
    let clipped = false;
    for (let e = circles[0].parent; e; e = e.parent) clipped ||= e.attributes.has('clip-path');
    expect(clipped).toBe(true);
    expect(covered.some((e) => e.attributes.get('data-kind') === 'coverage')).toBe(true);
  });

  it('scales coverage with the room units and the detector spacing override', () => {
    const room = parseRoom({
      roomId: 'm',
      units: 'm',
      cellSize: 0.5,
      layout: ['D..'],
      requirements: { detectorSpacing: 10 },
    });
    const circle = parseXmlDocument(renderPlanSvg(room, { detectorCoverage: true })).find((e) =>
      hasClasses(e, 'coverage'),
    );
    // 0.7 · 10 m = 7 m = 14 tiles of 0.5 m.
    expect(circle?.attributes.get('r')).toBe('14');
  });

  it('draws the tile grid on readable plans and omits it when tiles are tiny', () => {
    const small = parseXmlDocument(renderPlanSvg(mixedRoom()));
    const grid = small.find((e) => hasClasses(e, 'grid'))!;
    // 6 rows, 9 cols: 5 inner horizontal and 8 inner vertical lines.
    expect(grid.attributes.get('d')!.split('M').filter(Boolean)).toHaveLength(5 + 8);
    const big = parseXmlDocument(renderPlanSvg(syntheticRoom({ rows: 500, cols: 500 })));
    expect(big.some((e) => hasClasses(e, 'grid'))).toBe(false);
  });

  it('keeps a 500 × 500 room small: merged shapes, no element per tile', () => {
    const room = syntheticRoom({ rows: 500, cols: 500 });
    const svg = renderPlanSvg(room);
    const elements = parseXmlDocument(svg);
    expect(elements.length).toBeLessThan(100);
    expect(svg.length).toBeLessThan(100_000);
  });

  it('keeps a 300 × 300 room with 10,000 lights under 1.5 MB', () => {
    const base = syntheticRoom({ rows: 300, cols: 300 });
    const lights: number[] = [];
    for (let r = 1; r < 300; r += 3)
      for (let c = 1; c < 300; c += 3) if (base.tiles[r * 300 + c] === 1) lights.push(r * 300 + c);
    const room = withDevices(base, lights, 'light');
    const svg = renderPlanSvg(room, { detectorCoverage: true });
    expect(lights.length).toBeGreaterThan(9_000);
    expect(Buffer.byteLength(svg)).toBeLessThan(1_500_000);
    expect(devicesOf(parseXmlDocument(svg), 'light')).toHaveLength(lights.length);
  });

  it('is deterministic', () => {
    const room = sampleRoom('existing-devices.json');
    const options = { detectorCoverage: true, placements: [] };
    expect(renderPlanSvg(room, options)).toBe(renderPlanSvg(room, options));
    const copy = { ...room, tiles: room.tiles.slice() };
    expect(renderPlanSvg(copy, options)).toBe(renderPlanSvg(room, options));
  });

  it('uses the given tile size and rejects a meaningless one', () => {
    const room = mixedRoom();
    const at = (tileSize: number) =>
      Number(parseXmlDocument(renderPlanSvg(room, { tileSize }))[0].attributes.get('height'));
    // The plan grows by 6 rows × 10 px when tiles grow by 10 px (the legend is shorter than the plan).
    expect(at(50) - at(40)).toBe(60);
    expect(() => renderPlanSvg(room, { tileSize: 0 })).toThrow(RangeError);
    expect(() => renderPlanSvg(room, { tileSize: Number.NaN })).toThrow(RangeError);
  });

  it('labels the scale bar in the room units', () => {
    const metric = parseXmlDocument(renderPlanSvg(sampleRoom('classroom-metric.json')));
    expect(metric.find((e) => hasClasses(e, 'scale-bar'))?.attributes.get('data-units')).toBe('m');
    const imperial = parseXmlDocument(renderPlanSvg(mixedRoom()));
    const bar = imperial.find((e) => hasClasses(e, 'scale-bar'))!;
    expect(bar.attributes.get('data-units')).toBe('ft');
    const labels = imperial.filter((e) => e.parent?.parent === bar && e.name === 'text').map((e) => e.text);
    expect(labels.at(-1)).toBe(`${bar.attributes.get('data-length')} ft`);
  });
});

describe('defaultTileSize', () => {
  it.each([
    [22, 30, 33],
    [500, 500, 2],
    [300, 300, 3.25],
    [60, 100, 10],
    [1000, 1000, 2],
    [2, 2, 64],
    [4, 40, 25],
  ])('%i rows × %i cols → %f px', (rows, cols, expected) => {
    expect(defaultTileSize(rows, cols)).toBe(expected);
  });
});

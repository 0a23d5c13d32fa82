import { describe, expect, it } from 'vitest';
import {
  DxfImportError,
  type DxfRoomOptions,
  importRoomFromDxf,
  MAX_DXF_CHARS,
  MAX_DXF_ENTITIES,
  parseRoom,
  renderResultDxf,
} from '../../src/index.js';
import { unplacedResult } from '../support/unplaced-result.js';
import { L_OUTLINE, rect, sketchDxf } from './dxf-text.js';

/** The error `importRoomFromDxf` throws, to assert on its field, layer and message. */
function importError(dxf: string, options: DxfRoomOptions = {}): DxfImportError {
  try {
    importRoomFromDxf(dxf, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DxfImportError);
    return error as DxfImportError;
  }
  throw new Error('the import was expected to fail');
}

/** The layout an analytic shape gives: '.' where the tile centre is inside. */
function expectedLayout(rows: number, cols: number, tile: number, inside: (x: number, y: number) => boolean) {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) =>
      inside((c + 0.5) * tile, (rows - r - 0.5) * tile) ? '.' : '-',
    ).join(''),
  );
}

describe('importRoomFromDxf: outline, holes and obstructions', () => {
  it('reads an L-shaped outline and blocks every tile a column circle overlaps, even off the tile centres', () => {
    const dxf = sketchDxf([
      {
        layer: 'A-WALL',
        points: L_OUTLINE,
      },
      // On the line between the two bottom rows, in column 1: it covers no tile centre.
      { layer: 'S-COLS', x: 3, y: 2, r: 0.5 },
      // A square column exactly on tiles (row 0, col 0) — touching its neighbours only along edges.
      { layer: 'S-COLS', points: rect(0, 6, 2, 8) },
    ]);
    const room = importRoomFromDxf(dxf, { tileSize: 2, roomId: 'l-room', name: 'L', ceilingHeight: 9.5 });
    expect(room).toEqual({
      roomId: 'l-room',
      name: 'L',
      units: 'ft',
      cellSize: 2,
      ceilingHeight: 9.5,
      roomType: 'office',
      layout: ['#..---', '...---', '.#....', '.#....'],
    });
    expect(() => parseRoom(room)).not.toThrow();
  });

  it('treats a loop inside the outline as a hole (even-odd), and reads old-style POLYLINEs', () => {
    const dxf = sketchDxf([
      { layer: 'A-WALL', points: rect(0, 0, 10, 10), old: true },
      { layer: 'A-WALL', points: rect(4, 4, 6, 6) },
    ]);
    expect(importRoomFromDxf(dxf, { tileSize: 2 }).layout).toEqual([
      '.....',
      '.....',
      '..-..',
      '.....',
      '.....',
    ]);
  });

  it('takes circles on the outline layer and arcs (bulges) of polylines, by the centre rule', () => {
    const disc = sketchDxf([{ layer: 'A-WALL', x: 5, y: 5, r: 5 }]);
    expect(importRoomFromDxf(disc, { tileSize: 2 }).layout).toEqual(
      expectedLayout(5, 5, 2, (x, y) => Math.hypot(x - 5, y - 5) < 5),
    );
    // A rectangle with a half disc of radius 5 on its left side (bulge 1: a semicircle, counter-clockwise).
    const d = sketchDxf([
      {
        layer: 'A-WALL',
        points: [
          [10, 0],
          [10, 10],
          [0, 10, 1],
          [0, 0],
        ],
      },
    ]);
    const room = importRoomFromDxf(d, { tileSize: 1 });
    expect(room.layout).toEqual(expectedLayout(10, 15, 1, (x, y) => x >= 5 || Math.hypot(x - 5, y - 5) < 5));
  });

  it('places the grid at the origin given, in drawing units', () => {
    const dxf = sketchDxf([{ layer: 'A-WALL', points: rect(104, 52, 108, 56) }]);
    expect(importRoomFromDxf(dxf, { tileSize: 2 }).layout).toEqual(['..', '..']);
    expect(importRoomFromDxf(dxf, { tileSize: 2, originX: 100, originY: 50 }).layout).toEqual([
      '--..',
      '--..',
      '----',
    ]);
    const early = importError(dxf, { originX: 106 });
    expect([early.field, early.layer]).toEqual(['originX', 'A-WALL']);
    expect(early.message).toMatch(/A-WALL reaches left of the grid origin originX = 106/);
  });

  it('matches layer names without regard to case, and reads the layers it is told', () => {
    const dxf = sketchDxf([
      { layer: 'walls', points: rect(0, 0, 4, 4) },
      { layer: 'Cols', x: 1, y: 1, r: 0.3 },
    ]);
    expect(importRoomFromDxf(dxf, { outlineLayer: 'WALLS', obstructionLayer: 'COLS' }).layout).toEqual([
      '..',
      '#.',
    ]);
  });
});

describe('importRoomFromDxf: units', () => {
  it('reads millimetres as a metric room, with 600 mm tiles by default', () => {
    const room = importRoomFromDxf(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 6000, 3000) }], 4));
    expect([room.units, room.cellSize, room.layout.length, room.layout[0].length]).toEqual(['m', 0.6, 5, 10]);
  });

  it('reads inches as a room in feet, with 2 ft tiles by default', () => {
    const room = importRoomFromDxf(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 240, 120) }], 1));
    expect([room.units, room.cellSize, room.layout.length, room.layout[0].length]).toEqual(['ft', 2, 5, 10]);
  });

  it('converts a drawing in feet to a metric room when units says m', () => {
    const room = importRoomFromDxf(
      sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 6 / 0.3048, 3 / 0.3048) }], 2),
      {
        units: 'm',
      },
    );
    expect([room.units, room.layout.length, room.layout[0].length]).toEqual(['m', 5, 10]);
  });

  it('refuses a drawing without $INSUNITS unless units is given', () => {
    const dxf = sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 4, 4) }], null);
    const error = importError(dxf);
    expect(error.field).toBe('units');
    expect(error.message).toMatch(/no \$INSUNITS/);
    expect(importRoomFromDxf(dxf, { units: 'm', tileSize: 1 }).layout).toEqual([
      '....',
      '....',
      '....',
      '....',
    ]);
    expect(importError(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 4, 4) }], 0)).field).toBe('units');
  });

  it('refuses a unit no room is drawn in', () => {
    const error = importError(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 4, 4) }], 3));
    expect(error.message).toMatch(/\$INSUNITS 3 is not a unit/);
  });
});

describe('importRoomFromDxf: bad drawings get a clear error naming the layer and reason', () => {
  it('no closed outline: names the layer, what it holds, and where closed shapes are', () => {
    const error = importError(sketchDxf([{ layer: 'WALLS', points: rect(0, 0, 4, 4) }]));
    expect([error.field, error.layer]).toEqual(['outlineLayer', 'A-WALL']);
    expect(error.message).toMatch(/no closed outline on layer A-WALL.*is empty or missing.*on WALLS/);
    const lines =
      '0\nSECTION\n2\nENTITIES\n0\nLINE\n8\nA-WALL\n10\n0\n20\n0\n11\n4\n21\n0\n0\nENDSEC\n0\nEOF\n';
    expect(importError(lines, { units: 'ft' }).message).toMatch(/A-WALL: the layer holds only 1 LINE/);
  });

  it('an open polyline: names the layer and the entity, on either layer', () => {
    const open = importError(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 4, 4), closed: false }]));
    expect([open.field, open.layer]).toEqual(['outlineLayer', 'A-WALL']);
    expect(open.message).toBe(
      'LWPOLYLINE handle 100 on layer A-WALL is open (4 vertices, not closed): only closed polylines can outline a room or an obstruction',
    );
    const column = importError(
      sketchDxf([
        { layer: 'A-WALL', points: rect(0, 0, 4, 4) },
        {
          layer: 'S-COLS',
          points: [
            [1, 1],
            [2, 1],
            [2, 2],
          ],
          closed: false,
          old: true,
        },
      ]),
    );
    expect([column.field, column.layer]).toEqual(['obstructionLayer', 'S-COLS']);
    expect(column.message).toMatch(/^POLYLINE handle 101 on layer S-COLS is open/);
  });

  it('reads a drawing with CRLF line ends (as Windows CAD programs write)', () => {
    const dxf = sketchDxf([
      { layer: 'A-WALL', points: rect(0, 0, 4, 4) },
      { layer: 'S-COLS', x: 3, y: 3, r: 0.4 },
    ]).replaceAll('\n', '\r\n');
    expect(importRoomFromDxf(dxf).layout).toEqual(['.#', '..']);
  });

  it('a device block on a blocked tile names the device and the tile', () => {
    const room = parseRoom({ cellSize: 2, layout: ['....', '.S..', '....'] });
    const dxf = renderResultDxf(unplacedResult(room, 'devices'));
    // The outline read as an obstruction too: every room tile is blocked, the diffuser's included.
    const error = importError(dxf, { obstructionLayer: 'A-WALL', originX: 0, originY: 0 });
    expect(error.field).toBe('devices');
    expect(error.message).toBe(
      'airSupply D-01 at (3, 3) is on a blocked tile (row 1, col 1); move it or import with devices "none"',
    );
    expect(importRoomFromDxf(dxf, { obstructionLayer: 'A-WALL', devices: 'none' }).layout).toEqual([
      '####',
      '####',
      '####',
    ]);
  });

  it('a polyline that ends where it starts counts as closed', () => {
    const dxf = sketchDxf([{ layer: 'A-WALL', points: [...rect(0, 0, 4, 4), [0, 0]], closed: false }]);
    expect(importRoomFromDxf(dxf).layout).toEqual(['..', '..']);
  });

  it('too big a room for the limits: names the layer and the size', () => {
    const error = importError(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 2000, 20) }]));
    expect([error.field, error.layer]).toEqual(['tileSize', 'A-WALL']);
    expect(error.message).toMatch(/spans 1,000 × 10 tiles of 2 ft; a room has at most 500 tiles a side/);
    const huge = importError(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 1e300, 1e300) }]));
    expect(huge.field).toBe('tileSize');
  });

  it('an outline thinner than a tile', () => {
    const error = importError(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 20, 0.5) }]));
    expect(error.message).toMatch(/A-WALL holds no tile centre with tiles of 2 ft/);
  });

  it(`10⁶ entities: refused by the pre-scan (limit ${MAX_DXF_ENTITIES.toLocaleString('en-US')}), before any parsing`, () => {
    const million = `0\nSECTION\n2\nENTITIES\n${'0\nPOINT\n8\n0\n'.repeat(1_000_000)}0\nENDSEC\n0\nEOF\n`;
    expect(million.length).toBeLessThan(MAX_DXF_CHARS);
    const error = importError(million);
    expect(error.field).toBe('dxf');
    expect(error.message).toMatch(/more than 250,000 entities/);
  });

  it('more text than the limit', () => {
    expect(importError(' '.repeat(MAX_DXF_CHARS + 1)).message).toMatch(/at most 16,777,216 are accepted/);
  });

  it.each([
    ['plain text', 'hello world\nthis is no drawing\n', /line 1 should be a group code/],
    ['JSON', '{"layout": ["..."]}', /line 1 should be a group code/],
    ['an empty string', '', /no ENTITIES section/],
    [
      'a HEADER alone',
      '0\nSECTION\n2\nHEADER\n9\n$INSUNITS\n70\n2\n0\nENDSEC\n0\nEOF\n',
      /no ENTITIES section/,
    ],
    ['binary DXF', 'AutoCAD Binary DXF\r\n\u001a\u0000', /binary DXF/],
    ['a cut-off code', '0\nSECTION\n2\nENTITIES\n0', /cut short/],
    [
      'a stray VERTEX',
      '0\nSECTION\n2\nENTITIES\n0\nVERTEX\n10\n1\n0\nENDSEC\n0\nEOF\n',
      /VERTEX outside a POLYLINE/,
    ],
    [
      'a vertex before its x',
      '0\nSECTION\n2\nENTITIES\n0\nLWPOLYLINE\n8\nA-WALL\n20\n1\n0\nENDSEC\n0\nEOF\n',
      /not a well-formed ASCII DXF/,
    ],
  ])('unreadable text: %s', (_what, text, message) => {
    const error = importError(text, { units: 'ft' });
    expect(error.field).toBe('dxf');
    expect(error.message).toMatch(message);
  });

  it('a coordinate that is not a number names the entity', () => {
    const dxf = sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 4, 4) }]).replace(/( 10\n)4\n/, '$1four\n');
    expect(importError(dxf).message).toMatch(
      /LWPOLYLINE handle 100 on layer A-WALL: vertex 2 has no valid coordinate/,
    );
  });

  it('bad options name the option', () => {
    const dxf = sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 4, 4) }]);
    expect(importError(dxf, { tileSize: -1 }).field).toBe('tileSize');
    expect(importError(dxf, { units: 'yd' as 'ft' }).message).toBe('units: must be "ft" or "m"');
    const bigTiles = importError(sketchDxf([{ layer: 'A-WALL', points: rect(0, 0, 40, 40) }]), {
      tileSize: 20,
    });
    expect(bigTiles.field).toBe('tileSize');
    expect(bigTiles.message).toBe('the imported room is not valid: tileSize: must be ≤ 10 ft, got 20');
    const high = importError(dxf, { ceilingHeight: 100 });
    expect(high.field).toBe('ceilingHeight');
    expect(high.message).toMatch(/must be ≤ 60 ft/);
    expect(importError(dxf, { roomId: 'no spaces' }).field).toBe('roomId');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRoom } from '../../src/room/parse-room.js';
import { toLayout } from '../../src/room/room-layout.js';
import { RoomValidationError } from '../../src/room/room-validation-error.js';
import { TileKind } from '../../src/room/tile-kind.js';

const ROOMS = new URL('../../../../data/rooms/', import.meta.url);
const readRoom = (name: string) => JSON.parse(readFileSync(new URL(`${name}.json`, ROOMS), 'utf8'));

/** The issues a rejected input gets, as `path: message` lines. */
function rejection(input: unknown): string[] {
  try {
    parseRoom(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RoomValidationError);
    return (error as RoomValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('the input was accepted');
}

const base = { cellSize: 2, layout: ['....', '....'] };

describe('parseRoom accepts', () => {
  it('every room of data/rooms', () => {
    for (const name of [
      'office-open-plan',
      'office-l-shaped',
      'corridor',
      'classroom-metric',
      'existing-devices',
      'warehouse-large',
      'legacy-matrix',
    ]) {
      const room = parseRoom(readRoom(name));
      expect(room.tiles).toBeInstanceOf(Uint8Array);
      expect(room.tiles.length).toBe(room.rows * room.cols);
    }
  });

  it('the layout legend into tile kinds, row-major', () => {
    const room = parseRoom({ cellSize: 2, layout: ['-.#L', 'SRD.'] });
    expect([...room.tiles]).toEqual([
      TileKind.Outside,
      TileKind.Free,
      TileKind.Blocked,
      TileKind.Light,
      TileKind.AirSupply,
      TileKind.ReturnGrille,
      TileKind.SmokeDetector,
      TileKind.Free,
    ]);
    expect(toLayout(room)).toEqual(['-.#L', 'SRD.']);
  });

  it('the legacy matrix into the same representation as the layout', () => {
    const legacy = parseRoom({
      room_id: 'r1',
      width: 3,
      height: 2,
      cell_size: 2,
      matrix: [
        [0, 1, 2],
        [3, 4, 5],
      ],
    });
    const modern = parseRoom({ roomId: 'r1', cellSize: 2, layout: ['.#L', 'SRD'] });
    expect(legacy).toEqual(modern);
    // width and height may also be given in feet.
    expect(
      parseRoom({
        width: 6,
        height: 4,
        cell_size: 2,
        matrix: [
          [0, 0, 0],
          [0, 0, 0],
        ],
      }).cols,
    ).toBe(3);
  });

  it('defaults of RULES §2 and §4, with overrides', () => {
    const room = parseRoom({ ...base, requirements: { illuminanceLux: 300 } });
    expect(room).toMatchObject({ units: 'ft', roomType: 'office', ceilingHeight: 9 });
    expect(room.requirements).toMatchObject({ illuminanceLux: 300, uniformity: 0.6, detectorSpacing: 30 });
    const metric = parseRoom({ ...base, units: 'm', cellSize: 0.6, roomType: 'warehouse' });
    expect(metric.ceilingHeight).toBe(2.75);
    expect(metric.requirements).toMatchObject({ illuminanceLux: 200, uniformity: 0.4, diffuserAirflow: 118 });
    expect(metric.requirements.supplyAirflowPerArea).toBeCloseTo(2.54, 2);
  });

  it('a missing roomId as a deterministic UUID of the content', () => {
    const a = parseRoom(base).roomId;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseRoom(base).roomId).toBe(a);
    expect(parseRoom({ ...base, layout: ['....', '...#'] }).roomId).not.toBe(a);
  });
});

describe('parseRoom rejects, naming the field and the reason', () => {
  it.each([
    ['a non-object', 42, [': room must be a JSON object']],
    ['null', null, [': room must be a JSON object']],
    ['no layout', { cellSize: 2 }, ['layout: is required (or the legacy matrix)']],
    [
      'both formats',
      { cellSize: 2, layout: ['.'], matrix: [[0]] },
      ['matrix: give either layout or matrix, not both'],
    ],
    ['no cell size', { layout: ['.'] }, ['cellSize: is required (edge of one square tile, in units)']],
    ['a zero cell size', { ...base, cellSize: 0 }, ['cellSize: must be > 0']],
    ['a string cell size', { ...base, cellSize: '2' }, ['cellSize: must be a number']],
    ['a cell size over 10 ft', { ...base, cellSize: 12 }, ['cellSize: must be ≤ 10 ft, got 12']],
    ['a cell size over 3 m', { ...base, units: 'm', cellSize: 3.5 }, ['cellSize: must be ≤ 3 m, got 3.5']],
    ['unknown units', { ...base, units: 'in' }, ['units: must be "ft" or "m"']],
    [
      'an unknown room type',
      { ...base, roomType: 'kitchen' },
      [expect.stringMatching(/^roomType: must be one of office/)],
    ],
    [
      'a bad roomId',
      { ...base, roomId: 'room 1!' },
      ['roomId: must be 1–64 characters of A-Z a-z 0-9 . _ -'],
    ],
    ['a long name', { ...base, name: 'x'.repeat(201) }, ['name: must be at most 200 characters']],
    ['a cell size under 0.1 ft', { ...base, cellSize: 1e-300 }, ['cellSize: must be ≥ 0.1 ft, got 1e-300']],
    [
      'a detector spacing beyond any listing',
      { ...base, requirements: { detectorSpacing: 1e308 } },
      ['requirements.detectorSpacing: must be between 1 and 1000 ft, got 1e+308'],
    ],
    [
      'a luminous flux no luminaire has',
      { ...base, requirements: { luminousFlux: 1e308 } },
      ['requirements.luminousFlux: must be ≤ 1000000 lm, got 1e+308'],
    ],
    [
      'a metric diffuser airflow over its bound in L/s',
      { ...base, units: 'm', cellSize: 0.6, requirements: { diffuserAirflow: 1e6 } },
      ['requirements.diffuserAirflow: must be ≤ 47190 L/s, got 1000000'],
    ],
    [
      'a ceiling under the work plane',
      { ...base, ceilingHeight: 2 },
      ['ceilingHeight: must be above the work plane (2.5 ft), got 2'],
    ],
    ['a ceiling over 60 ft', { ...base, ceilingHeight: 61 }, ['ceilingHeight: must be ≤ 60 ft, got 61']],
    ['a ragged row', { cellSize: 2, layout: ['....', '...'] }, ['layout[1]: row 2 has 3 tiles, expected 4']],
    [
      'an unknown tile',
      { cellSize: 2, layout: ['....', '.x..'] },
      ['layout[1]: unknown tile "x" at row 2, col 2 (legend: - . # L S R D)'],
    ],
    ['an empty layout', { cellSize: 2, layout: [] }, ['layout: must have at least one row']],
    [
      'an empty row',
      { cellSize: 2, layout: [''] },
      ['layout[0]: row 1 is empty; every row needs at least one tile'],
    ],
    [
      'a room of outside tiles only',
      { cellSize: 2, layout: ['--', '--'] },
      ['layout: has no room tile (every tile is "-")'],
    ],
    [
      'more than 500 rows',
      { cellSize: 2, layout: Array(501).fill('.') },
      ['layout: must have at most 500 rows'],
    ],
    [
      'a row over 500 tiles',
      { cellSize: 2, layout: ['.'.repeat(501)] },
      ['layout[0]: row 1 has 501 tiles, at most 500 are allowed'],
    ],
    [
      'a non-string row',
      { cellSize: 2, layout: ['..', 7] },
      ['layout[1]: must be a string of tile characters'],
    ],
    ['an unknown field', { ...base, colour: 'red' }, [': unknown field "colour"']],
    [
      'a __proto__ key',
      JSON.parse('{"cellSize":2,"layout":["."],"__proto__":{"x":1}}'),
      [': unknown field "__proto__"'],
    ],
    [
      'an unknown requirement',
      { ...base, requirements: { lux: 500 } },
      ['requirements: unknown field "lux"'],
    ],
    [
      'a negative requirement',
      { ...base, requirements: { illuminanceLux: -1 } },
      ['requirements.illuminanceLux: must be > 0'],
    ],
    [
      'a uniformity over 1',
      { ...base, requirements: { uniformity: 1.5 } },
      ['requirements.uniformity: must be ≤ 1, got 1.5'],
    ],
    [
      'a reflectance of 1',
      { ...base, requirements: { reflectance: 1 } },
      ['requirements.reflectance: must be < 1, got 1'],
    ],
    [
      'legacy fields beside a layout',
      { ...base, width: 4 },
      ['width: belongs to the legacy matrix format only'],
    ],
    [
      'an unknown legacy code',
      { cell_size: 2, matrix: [[0, 6]] },
      [expect.stringMatching(/^matrix\[0\]\[1\]: unknown tile code 6 at row 1, col 2/)],
    ],
    [
      'a fractional legacy code',
      { cell_size: 2, matrix: [[0.5]] },
      [expect.stringMatching(/^matrix\[0\]\[0\]: unknown tile code 0.5/)],
    ],
    [
      'a string legacy code',
      { cell_size: 2, matrix: [['0']] },
      [expect.stringMatching(/^matrix\[0\]\[0\]: unknown tile code "0"/)],
    ],
    [
      'a ragged matrix',
      { cell_size: 2, matrix: [[0, 0], [0]] },
      ['matrix[1]: row 2 has 1 tiles, expected 2'],
    ],
    [
      'a legacy width that disagrees',
      { cell_size: 2, width: 5, matrix: [[0, 0]] },
      ['width: is 5 but the matrix rows have 2 tiles'],
    ],
  ])('%s', (_label, input, expected) => {
    expect(rejection(input)).toEqual(expected);
  });
});

it('parseRoom accepts the largest room, 500 × 500 = 250,000 tiles', () => {
  const room = parseRoom({ cellSize: 2, layout: Array(500).fill('.'.repeat(500)) });
  expect(room.tiles.length).toBe(250_000);
});

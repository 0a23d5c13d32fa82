import fc from 'fast-check';
import { L_OUTLINE, rect, sketchDxf } from '../../packages/core/test/import/dxf-text.js';

/** Valid drawings the mutations start from: an L-shaped room with columns, and one with arcs and a hole. */
export const SEED_DRAWINGS: readonly string[] = [
  sketchDxf([
    {
      layer: 'A-WALL',
      points: L_OUTLINE,
    },
    { layer: 'S-COLS', x: 3, y: 2, r: 0.5 },
    { layer: 'S-COLS', points: rect(8, 1, 9, 2) },
  ]),
  sketchDxf(
    [
      {
        layer: 'A-WALL',
        points: [
          [10, 0],
          [10, 10],
          [0, 10, 1],
          [0, 0],
        ],
        old: true,
      },
      { layer: 'A-WALL', points: rect(4, 4, 6, 6) },
      { layer: 'S-COLS', x: 8, y: 8, r: 1 },
    ],
    6,
  ),
];

/** A DXF text with character- and line-level damage: the cases a broken upload or a bad writer makes. */
export const mutatedDxfArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...SEED_DRAWINGS),
    fc.array(
      fc.tuple(
        fc.constantFrom('insert', 'delete', 'replace', 'dropLine', 'doubleLine', 'swapLines', 'cut'),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(
          '0',
          '-',
          '.',
          'e',
          '9',
          '\n',
          '\r',
          ' ',
          'x',
          'NaN',
          '1e309',
          '-1e308',
          'VERTEX',
          'SEQEND',
          'ENDSEC',
          'SECTION',
          '\u0000',
          '\uFFFD',
        ),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([seed, edits]) => {
    let text = seed;
    for (const [kind, a, b, piece] of edits) {
      const at = a % (text.length + 1);
      const lines = text.split('\n');
      const line = a % lines.length;
      const other = b % lines.length;
      if (kind === 'insert') text = text.slice(0, at) + piece + text.slice(at);
      else if (kind === 'delete') text = text.slice(0, at) + text.slice(at + 1 + (b % 8));
      else if (kind === 'replace') text = text.slice(0, at) + piece + text.slice(at + piece.length);
      else if (kind === 'dropLine') text = lines.filter((_, i) => i !== line).join('\n');
      else if (kind === 'doubleLine')
        text = [...lines.slice(0, line), lines[line], ...lines.slice(line)].join('\n');
      else if (kind === 'swapLines') {
        [lines[line], lines[other]] = [lines[other], lines[line]];
        text = lines.join('\n');
      } else text = text.slice(0, at);
    }
    return text;
  });

const numberText = fc.oneof(
  fc.integer({ min: -20, max: 40 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '', 'abc', '0x10', '1e-320', '-0'),
);

/** One group of a generated drawing's entities: known codes with odd values. */
const groupArb = fc.oneof(
  fc
    .constantFrom(
      'LWPOLYLINE',
      'POLYLINE',
      'VERTEX',
      'SEQEND',
      'CIRCLE',
      'INSERT',
      'ATTRIB',
      'LINE',
      'HATCH',
      'BLOCK',
      'ENDBLK',
    )
    .map((v) => ['0', v]),
  fc.constantFrom('A-WALL', 'S-COLS', 'a-wall', '0', '').map((v) => ['8', v]),
  fc.constantFrom('CG-LIGHT', 'CG-SMOKE', 'X').map((v) => ['2', v]),
  fc
    .constantFrom('10', '20', '30', '40', '42', '210', '220', '230')
    .chain((code) => numberText.map((v) => [code, v])),
  fc
    .constantFrom('70', '90', '66')
    .chain((code) => fc.integer({ min: -3, max: 1_000_000 }).map((v) => [code, String(v)])),
  fc.constantFrom('TAG', 'STATUS').map((v) => ['2', v]),
  fc.constantFrom('existing', 'new', 'L-01').map((v) => ['1', v]),
);

/** A drawing built from group codes: a HEADER with any `$INSUNITS`, entities made of random groups. */
export const generatedDxfArb: fc.Arbitrary<string> = fc
  .tuple(fc.option(fc.integer({ min: -2, max: 30 })), fc.array(groupArb, { maxLength: 80 }))
  .map(([units, groups]) => {
    const pairs: string[][] = [];
    if (units !== null)
      pairs.push(
        ['0', 'SECTION'],
        ['2', 'HEADER'],
        ['9', '$INSUNITS'],
        ['70', String(units)],
        ['0', 'ENDSEC'],
      );
    pairs.push(['0', 'SECTION'], ['2', 'ENTITIES'], ...groups, ['0', 'ENDSEC'], ['0', 'EOF']);
    return pairs.map(([code, value]) => `${code}\n${value}\n`).join('');
  });

/** Any text at all. */
export const anyTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
);

import fc from 'fast-check';

/**
 * Generators of room bodies for the fuzz tests, written from RULES §2 and §4 rather than from
 * the implementation's schema, so they are an independent statement of what is valid. Each
 * generated case says what the system must answer: a run, or a 400 naming a field.
 */

/** Room types of RULES §2. */
const ROOM_TYPES = ['office', 'classroom', 'conference', 'corridor', 'lobby', 'retail', 'warehouse'];
/**
 * Override keys of RULES §4 (revised 2026-12-02). `spacingCriterion` may be 0 (the rule off)
 * and `lightLayout` is a word, so both get their own cases below.
 */
const SPECIAL_REQUIREMENT_KEYS = ['spacingCriterion', 'lightLayout'];
const REQUIREMENT_KEYS = [
  'illuminanceLux',
  'uniformity',
  'luminousFlux',
  'luminaireWatts',
  'maintenanceFactor',
  'reflectance',
  'workPlaneHeight',
  'supplyAirflowPerArea',
  'diffuserAirflow',
  'diffuserCoverageRadius',
  'diffuserMinSpacing',
  'detectorSpacing',
  'detectorDiffuserClearance',
];
/** Top-level fields RULES §2 allows, with the legacy ones. */
const ROOM_FIELDS = [
  'roomId',
  'name',
  'units',
  'cellSize',
  'ceilingHeight',
  'roomType',
  'layout',
  'requirements',
  'matrix',
  'width',
  'height',
  'cell_size',
  'room_id',
];
const LEGEND = '-.#LSRD';
/** Keys that pollute an object's prototype when a parser assigns them naively. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** What the system must do with a body. */
export type Expectation =
  /** A valid room: accepted (202 / exit 0). */
  | { readonly kind: 'valid' }
  /** Valid JSON, invalid room: rejected with an issue at `path` (or below it), whose message mentions `mention` if given. */
  | { readonly kind: 'field'; readonly path: string; readonly mention?: string }
  /** Not JSON at all: rejected as malformed JSON. */
  | { readonly kind: 'malformed' };

/** One generated request body and what must happen to it. */
export interface FuzzCase {
  readonly label: string;
  readonly text: string;
  readonly expect: Expectation;
}

type Body = Record<string, unknown>;

/** A layout of 1–10 rows and 1–14 columns with at least one room tile; mostly free tiles. */
export const layoutArb: fc.Arbitrary<string[]> = fc
  .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 14 }))
  .chain(([rows, cols]) =>
    fc.array(
      fc
        .array(fc.constantFrom(...'........#-LSRD'), { minLength: cols, maxLength: cols })
        .map((chars) => chars.join('')),
      { minLength: rows, maxLength: rows },
    ),
  )
  .filter((layout) => layout.some((row) => /[^-]/.test(row)));

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A valid room of RULES §2 in the `layout` form, every optional field sometimes present. */
export const validLayoutRoomArb: fc.Arbitrary<Body> = fc.constantFrom('ft', 'm').chain((units) => {
  const ft = units === 'ft';
  return fc.record(
    {
      units: fc.constant(units),
      cellSize: finite(ft ? 0.5 : 0.15, ft ? 10 : 3),
      // Above the default work plane (2.5 ft / 0.76 m), at most 60 ft / 18 m.
      ceilingHeight: finite(ft ? 2.6 : 0.8, ft ? 60 : 18),
      roomType: fc.constantFrom(...ROOM_TYPES),
      roomId: fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/),
      name: fc.string({ unit: 'binary', maxLength: 100 }),
      layout: layoutArb,
      requirements: fc.record(
        { illuminanceLux: finite(1, 2000), diffuserAirflow: finite(10, 1000), uniformity: finite(0.05, 1) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ft ? ['cellSize', 'layout'] : ['cellSize', 'layout', 'units'] },
  );
});

/** A valid room in the legacy integer `matrix` form (codes 0–5). */
export const validMatrixRoomArb: fc.Arbitrary<Body> = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 10 }), finite(0.5, 10), fc.boolean())
  .chain(([rows, cols, cellSize, legacyName]) =>
    fc
      .array(fc.array(fc.constantFrom(0, 0, 0, 0, 1, 2, 3, 4, 5), { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      })
      .map((matrix) => (legacyName ? { cell_size: cellSize, matrix } : { cellSize, matrix })),
  );

/** Any valid room. */
export const validRoomArb: fc.Arbitrary<Body> = fc.oneof(
  { arbitrary: validLayoutRoomArb, weight: 4 },
  { arbitrary: validMatrixRoomArb, weight: 1 },
);

/** JSON values that are not a finite number (as JSON text), including NaN-like strings. */
const notANumberJson = fc.oneof(
  fc.constantFrom('"2"', '"NaN"', '"Infinity"', '"-Infinity"', '"1e999"', '""', '" 2 "', '"0x10"'),
  fc.constantFrom('null', 'true', 'false', '[]', '{}', '[2]', '{"value":2}'),
  // Valid JSON numbers that parse to ±Infinity.
  fc.constantFrom('1e999', '-1e999', `1${'0'.repeat(400)}`),
);

/** JSON text of a value, with a marker that is swapped for raw JSON afterwards. */
const RAW = JSON.stringify('\u0000raw\u0000');

function withField(room: Body, key: string, rawJson: string): string {
  return JSON.stringify({ ...room, [key]: '\u0000raw\u0000' }).replace(RAW, () => rawJson);
}

function layoutOf(room: Body): string[] | undefined {
  return Array.isArray(room.layout) ? (room.layout as string[]) : undefined;
}

/** One way to break a valid room, with the field the rejection must name. */
type Mutation = fc.Arbitrary<(room: Body) => FuzzCase>;

const badCellSize: Mutation = fc.oneof(
  finite(-1e308, 0).map((v) => (room: Body) => numberCase(room, 'cellSize', v)),
  // Larger than 10 ft and than 3 m, up to the largest double.
  finite(18.5, Number.MAX_VALUE).map((v) => (room: Body) => numberCase(room, 'cellSize', v)),
  notANumberJson.map((raw) => (room: Body) => rawCase(room, 'cellSize', raw)),
  fc.constantFrom('1e-400', '-0', '-1e-400').map((raw) => (room: Body) => rawCase(room, 'cellSize', raw)),
);

const badCeilingHeight: Mutation = fc.oneof(
  // At or below the work plane in either unit (2.5 ft, 0.76 m), or not above 0.
  finite(-1e6, 0.75).map((v) => (room: Body) => numberCase(room, 'ceilingHeight', v)),
  finite(60.01, 1e308).map((v) => (room: Body) => numberCase(room, 'ceilingHeight', v)),
  notANumberJson.map((raw) => (room: Body) => rawCase(room, 'ceilingHeight', raw)),
);

const badEnum = (key: 'units' | 'roomType', allowed: readonly string[]): Mutation =>
  fc.oneof(
    fc
      .string({ unit: 'binary', maxLength: 20 })
      .filter((s) => !allowed.includes(s))
      .map((s) => (room: Body) => rawCase(room, key, JSON.stringify(s))),
    fc
      .constantFrom('1', 'null', '["ft"]', '{"ft":true}')
      .map((raw) => (room: Body) => rawCase(room, key, raw)),
  );

const badRoomId: Mutation = fc
  .oneof(
    fc.constant(''),
    fc
      .string({ unit: 'binary', minLength: 1, maxLength: 80 })
      .filter((s) => !/^[A-Za-z0-9._-]{1,64}$/.test(s)),
    fc.stringMatching(/^[A-Za-z0-9]{65,90}$/),
  )
  .map((id) => (room: Body) => rawCase(room, 'roomId', JSON.stringify(id)));

const badName: Mutation = fc.oneof(
  fc
    .string({ unit: 'grapheme-ascii', minLength: 201, maxLength: 400 })
    .map((name) => (room: Body) => rawCase(room, 'name', JSON.stringify(name))),
  fc.constantFrom('1', 'null', '[]', '{}').map((raw) => (room: Body) => rawCase(room, 'name', raw)),
);

/** A row of another length than the first, at row index ≥ 1. */
const badRowLength: Mutation = fc
  .tuple(fc.nat(), fc.integer({ min: 1, max: 5 }), fc.boolean())
  .map(([pick, extra, longer]) => (room: Body) => {
    const layout = [...(layoutOf(room) ?? ['....'])];
    if (layout.length === 1) layout.push(layout[0]);
    const r = 1 + (pick % (layout.length - 1));
    const cols = layout[0].length;
    layout[r] = longer || cols - extra < 0 ? layout[r] + '.'.repeat(extra) : layout[r].slice(0, cols - extra);
    if (layout[r].length === cols) layout[r] += '.';
    return fieldCase('row of the wrong length', { ...withoutMatrix(room), layout }, `layout[${r}]`);
  });

/** One tile character outside the legend (a single UTF-16 unit, so the row keeps its length). */
const badTileChar: Mutation = fc
  .tuple(
    fc.nat(),
    fc.nat(),
    fc
      .integer({ min: 0, max: 0xffff })
      .filter((code) => (code < 0xd800 || code > 0xdfff) && !LEGEND.includes(String.fromCharCode(code))),
  )
  .map(([pr, pc, code]) => (room: Body) => {
    const layout = [...(layoutOf(room) ?? ['....'])];
    const r = pr % layout.length;
    const c = pc % layout[r].length;
    layout[r] = layout[r].slice(0, c) + String.fromCharCode(code) + layout[r].slice(c + 1);
    return fieldCase('unknown tile', { ...withoutMatrix(room), layout }, `layout[${r}]`);
  });

const badLayoutShape: Mutation = fc.oneof(
  fc
    .constantFrom('"...."', '42', '{}', 'null', 'true', '[]', '{"0":"...."}')
    .map((raw) => (room: Body) => rawCase(withoutMatrix(room), 'layout', raw)),
  fc.integer({ min: 1, max: 8 }).map((n) => (room: Body) => {
    const layout = Array.from({ length: n }, () => '-'.repeat(n));
    return fieldCase('no room tile', { ...withoutMatrix(room), layout }, 'layout');
  }),
  fc.integer({ min: 501, max: 520 }).map((n) => (room: Body) => {
    const layout = Array.from({ length: n }, () => '.');
    return fieldCase('too many rows', { ...withoutMatrix(room), layout }, 'layout');
  }),
  fc.integer({ min: 501, max: 700 }).map((n) => (room: Body) => {
    return fieldCase('too many columns', { ...withoutMatrix(room), layout: ['.'.repeat(n)] }, 'layout[0]');
  }),
  fc.constantFrom('[""]', '[1]', '[null]', '[["."]]').map((raw) => (room: Body) => {
    return rawCase(withoutMatrix(room), 'layout', raw, 'layout[0]');
  }),
  fc.constant((room: Body) => {
    const { layout: _layout, matrix: _matrix, ...rest } = room;
    return fieldCase('no layout', rest, 'layout');
  }),
);

const badRequirements: Mutation = fc.oneof(
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 20 })
    .filter(
      (key) =>
        !REQUIREMENT_KEYS.includes(key) &&
        !SPECIAL_REQUIREMENT_KEYS.includes(key) &&
        !(PROTOTYPE_KEYS as readonly string[]).includes(key),
    )
    .map((key) => (room: Body) => {
      const requirements = { ...(room.requirements as Body | undefined), [key]: 1 };
      return fieldCase('unknown requirement', { ...room, requirements }, 'requirements', JSON.stringify(key));
    }),
  fc
    .tuple(
      fc.constantFrom(...REQUIREMENT_KEYS),
      fc.oneof(notANumberJson, fc.constantFrom('0', '-1', '-1e308')),
    )
    .map(([key, raw]) => (room: Body) => {
      const text = JSON.stringify({ ...room, requirements: { [key]: '\u0000raw\u0000' } }).replace(
        RAW,
        () => raw,
      );
      return {
        label: `requirements.${key} = ${raw.slice(0, 20)}`,
        text,
        expect: field(`requirements.${key}`),
      };
    }),
  // The spacing criterion: a number from 0 (off) to a sane 10; anything else names the field.
  fc
    .oneof(notANumberJson, fc.constantFrom('-1', '-1e308', '-0.5', '11', '1e9'))
    .map(
      (raw) => (room: Body) =>
        rawCase(room, 'requirements', `{"spacingCriterion":${raw}}`, 'requirements.spacingCriterion'),
    ),
  // The light layout: "free" or "aligned", nothing else.
  fc
    .constantFrom('"diagonal"', '"FREE"', '""', '1', 'null', 'true', '["free"]')
    .map(
      (raw) => (room: Body) =>
        rawCase(room, 'requirements', `{"lightLayout":${raw}}`, 'requirements.lightLayout'),
    ),
  fc
    .tuple(fc.constantFrom('uniformity', 'maintenanceFactor', 'reflectance'), finite(1.001, 1e6))
    .map(([key, value]) => (room: Body) => {
      const requirements = { [key]: value };
      return fieldCase(`requirements.${key} above 1`, { ...room, requirements }, `requirements.${key}`);
    }),
  fc
    .constantFrom('[]', '"high"', '5', 'null', '[{"illuminanceLux":500}]')
    .map((raw) => (room: Body) => rawCase(room, 'requirements', raw)),
);

const unknownField: Mutation = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 24 })
  .filter((key) => !ROOM_FIELDS.includes(key) && !(PROTOTYPE_KEYS as readonly string[]).includes(key))
  .map((key) => (room: Body) => fieldCase('unknown field', { ...room, [key]: 1 }, '', JSON.stringify(key)));

/** `__proto__`, `constructor`, `prototype` keys at the top or inside `requirements`, written as JSON text. */
const prototypeKey: Mutation = fc
  .tuple(
    fc.constantFrom(...PROTOTYPE_KEYS),
    fc.boolean(),
    fc.constantFrom('{"admin":true}', '{}', '1', 'null'),
  )
  .map(([key, nested, value]) => (room: Body) => {
    const member = `${JSON.stringify(key)}:${value},`;
    if (nested) {
      const text = JSON.stringify({ ...room, requirements: { illuminanceLux: 300 } }).replace(
        '"requirements":{',
        `"requirements":{${member}`,
      );
      return { label: `requirements.${key}`, text, expect: field('requirements', key) };
    }
    return {
      label: `top-level ${key}`,
      text: `{${member}${JSON.stringify(room).slice(1)}`,
      expect: field('', key),
    };
  });

const legacyMixups: Mutation = fc.oneof(
  fc.constant((room: Body) =>
    fieldCase('layout and matrix', { ...withoutMatrix(room), layout: ['..'], matrix: [[0, 0]] }, 'matrix'),
  ),
  fc
    .constantFrom('width', 'height', 'room_id')
    .map(
      (key) => (room: Body) =>
        fieldCase(
          `legacy ${key} with layout`,
          { ...withoutMatrix(room), layout: ['...'], [key]: key === 'room_id' ? 'r1' : 3 },
          key,
        ),
    ),
  fc
    .tuple(fc.nat(), fc.constantFrom('6', '-1', '0.5', '"0"', 'null', 'true', '[0]', '{"code":0}'))
    .map(([pick, raw]) => (room: Body) => {
      const cols = 1 + (pick % 6);
      const matrix = [Array.from({ length: cols }, () => 0)];
      const c = pick % cols;
      const text = JSON.stringify({ cellSize: room.cellSize ?? 2, matrix }).replace(
        /\[\[(.*)\]\]/,
        (_all, row: string) => {
          const cells = row.split(',');
          cells[c] = raw;
          return `[[${cells.join(',')}]]`;
        },
      );
      return { label: `matrix cell ${raw}`, text, expect: field(`matrix[0][${c}]`) };
    }),
);

const notAnObject: fc.Arbitrary<FuzzCase> = fc
  .oneof(
    fc.constantFrom('[]', '[1,2,3]', '"room"', '42', 'null', 'true', 'false', '0', '""'),
    fc
      .jsonValue({ maxDepth: 3 })
      .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
      .map((v) => JSON.stringify(v)),
  )
  .map((text) => ({ label: `body ${text.slice(0, 20)}`, text, expect: field('') }));

/** A valid room broken in exactly one way, with the field the answer must name. */
export const invalidRoomCaseArb: fc.Arbitrary<FuzzCase> = fc.oneof(
  fc.tuple(validRoomArb, badCellSize).map(([room, mutate]) => mutate(withCellSizeKey(room))),
  fc.tuple(validLayoutRoomArb, badCeilingHeight).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, badEnum('units', ['ft', 'm'])).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, badEnum('roomType', ROOM_TYPES)).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, badRoomId).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, badName).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, badRowLength).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, badTileChar).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, badLayoutShape).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, badRequirements).map(([room, mutate]) => mutate(room)),
  fc.tuple(validRoomArb, unknownField).map(([room, mutate]) => mutate(room)),
  fc.tuple(validRoomArb, prototypeKey).map(([room, mutate]) => mutate(room)),
  fc.tuple(validLayoutRoomArb, legacyMixups).map(([room, mutate]) => mutate(room)),
  notAnObject,
);

/** Valid rooms mixed with rooms broken in one known way, in the ratio validWeight : invalidWeight. */
export function roomCaseArb(validWeight: number, invalidWeight: number): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    {
      arbitrary: validRoomArb.map((room) => ({
        label: 'valid room',
        text: JSON.stringify(room),
        expect: { kind: 'valid' } as const,
      })),
      weight: validWeight,
    },
    { arbitrary: invalidRoomCaseArb, weight: invalidWeight },
  );
}

/**
 * The JSON text of a valid room, mutated at the character level: deletions, insertions,
 * replacements, truncation. The outcome is not known in advance; the property decides from
 * whether the text still parses.
 */
export const mutatedTextArb: fc.Arbitrary<string> = fc
  .tuple(
    validRoomArb.map((room) => JSON.stringify(room)),
    fc.array(
      fc.tuple(
        fc.constantFrom('delete', 'insert', 'replace', 'truncate'),
        fc.nat(),
        fc.constantFrom(...'{}[]",:.-#0123456789eE+ \\u\u0000\u00e9\ud83d'),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [edit, at, char] of edits) {
      const i = at % (out.length + 1);
      if (edit === 'delete') out = out.slice(0, i) + out.slice(i + 1);
      else if (edit === 'insert') out = out.slice(0, i) + char + out.slice(i);
      else if (edit === 'replace') out = out.slice(0, i) + char + out.slice(i + 1);
      else out = out.slice(0, i);
    }
    return out;
  });

/** Raw bytes, sometimes led by a JSON-looking prefix so the parser gets past the first byte. */
export const rawBytesArb: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.constantFrom('', '{', '[', '{"layout":', '{"cellSize":2,"layout":["'),
    fc.uint8Array({ maxLength: 512 }),
  )
  .map(([lead, bytes]) => {
    const head = new TextEncoder().encode(lead);
    const out = new Uint8Array(head.length + bytes.length);
    out.set(head);
    out.set(bytes, head.length);
    return out;
  });

/** JSON nested `depth` levels deep: arrays, or objects with one key. */
export function deeplyNested(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Bodies nested 100,000 levels deep in every place a value can go, each with the field it must name. */
export function deeplyNestedCases(depth = 100_000): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const shape of ['array', 'object'] as const) {
    const deep = deeplyNested(depth, shape);
    const base = '{"cellSize":2,"layout":["...."]';
    cases.push(
      { label: `${shape} body`, text: deep, expect: field('') },
      {
        label: `${shape} cellSize`,
        text: `{"layout":["...."],"cellSize":${deep}}`,
        expect: field('cellSize'),
      },
      { label: `${shape} name`, text: `${base},"name":${deep}}`, expect: field('name') },
      {
        label: `${shape} requirements`,
        text: `${base},"requirements":${deep}}`,
        expect: field('requirements'),
      },
      {
        label: `${shape} requirement`,
        text: `${base},"requirements":{"illuminanceLux":${deep}}}`,
        expect: field('requirements.illuminanceLux'),
      },
      { label: `${shape} layout`, text: `{"cellSize":2,"layout":${deep}}`, expect: field('layout') },
      { label: `${shape} layout row`, text: `{"cellSize":2,"layout":[${deep}]}`, expect: field('layout[0]') },
      {
        label: `${shape} matrix cell`,
        text: `{"cellSize":2,"matrix":[[${deep}]]}`,
        expect: field('matrix[0][0]'),
      },
      { label: `${shape} unknown field`, text: `${base},"extra":${deep}}`, expect: field('', 'extra') },
      { label: `${shape} __proto__`, text: `${base},"__proto__":${deep}}`, expect: field('', '__proto__') },
    );
  }
  return cases;
}

function field(path: string, mention?: string): Expectation {
  return mention === undefined ? { kind: 'field', path } : { kind: 'field', path, mention };
}

function fieldCase(label: string, room: Body, path: string, mention?: string): FuzzCase {
  return { label, text: JSON.stringify(room), expect: field(path, mention) };
}

function numberCase(room: Body, key: string, value: number): FuzzCase {
  return { label: `${key} = ${value}`, text: JSON.stringify({ ...room, [key]: value }), expect: field(key) };
}

function rawCase(room: Body, key: string, raw: string, path = key): FuzzCase {
  return { label: `${key} = ${raw.slice(0, 30)}`, text: withField(room, key, raw), expect: field(path) };
}

function withoutMatrix(room: Body): Body {
  const { matrix: _matrix, cell_size, ...rest } = room;
  return cell_size === undefined ? rest : { ...rest, cellSize: cell_size };
}

/** Legacy rooms may carry `cell_size`; the mutation targets `cellSize`, so rename it first. */
function withCellSizeKey(room: Body): Body {
  if (room.cell_size === undefined) return room;
  const { cell_size, ...rest } = room;
  return { ...rest, cellSize: cell_size };
}

/**
 * Whether an answer to a rejected body names what it must: `issues` (path, message) as the API
 * and the CLI report them.
 */
export function namesExpectedField(
  issues: readonly { path: string; message: string }[],
  expected: { path: string; mention?: string },
): boolean {
  return issues.some((issue) => {
    const pathMatches =
      expected.path === ''
        ? true
        : issue.path === expected.path ||
          issue.path.startsWith(`${expected.path}.`) ||
          issue.path.startsWith(`${expected.path}[`);
    return pathMatches && (expected.mention === undefined || issue.message.includes(expected.mention));
  });
}

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The core's folders are layers (docs/MODELS.md, "Layers"): a folder imports its own files and
 * the folders of lower layers, never a folder of its own layer or of a higher one, so every
 * arrow between folders points down and no folder can reach back into one that uses it. The
 * entry file (`src/index.ts`) sits above every layer. A folder missing from the list fails the
 * test by name: a new folder takes a place in the order on purpose.
 */
const CORE_LAYERS: readonly (readonly string[])[] = [
  // Pure maths on tile grids and the solver: no room, no rule.
  ['geometry', 'exact'],
  // The input: room schema, tile kinds, device types, requirements.
  ['room'],
  // What every device model shares: placements, rule violations, compliance checks, reason text.
  ['placement'],
  // The three device models and their checks, independent of one another.
  ['lighting', 'air-supply', 'smoke-detection'],
  // The stages in order, the result and its re-check.
  ['pipeline'],
  // What reads results: the plan drawing and the floor totals.
  ['render', 'floor'],
  // CAD and schedule exports, drawn with the renderer's pieces.
  ['export'],
  // Drawings into rooms (issue 17's DXF import): above export, whose CAD layer names it may read.
  ['import'],
];

/** Imports the core never makes (I/O, logging, metrics, the packages built on it). */
const FORBIDDEN_IMPORT = /^(node:)?fs(\/|$)|^pino($|\/|-)|^prom-client($|\/)|^@ceiling-grid\//;

const SOURCES = fileURLToPath(new URL('../../src/', import.meta.url));

/** Layer index of each folder. */
function layerIndex(layers: readonly (readonly string[])[]): Map<string, number> {
  const index = new Map<string, number>();
  layers.forEach((folders, i) => {
    for (const folder of folders) index.set(folder, i);
  });
  return index;
}

/** The core folder a path inside `src` belongs to; `undefined` for a file of `src` itself. */
function folderOf(pathInSrc: string): string | undefined {
  const parts = pathInSrc.split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/**
 * What is wrong with one import of a core source: `from` and the resolved target are paths
 * relative to `src`; `specifier` is as written.
 */
function importProblem(
  from: string,
  specifier: string,
  layers: readonly (readonly string[])[] = CORE_LAYERS,
): string | undefined {
  if (FORBIDDEN_IMPORT.test(specifier)) return `imports ${specifier}: the core does no I/O and logs nothing`;
  if (!specifier.startsWith('.')) return undefined;
  const index = layerIndex(layers);
  const target = relative('.', join(dirname(from), specifier));
  if (target.startsWith('..')) return `imports ${specifier}, outside packages/core/src`;
  const source = folderOf(from);
  const goal = folderOf(target);
  if (source === undefined) return undefined; // the entry file exports every layer
  if (!index.has(source))
    return `is in the folder ${source}/, which has no layer: add it to CORE_LAYERS (packages/core/test/structure/layers.test.ts) and docs/MODELS.md`;
  if (goal === undefined) return `imports ${specifier}, the package entry, from inside a layer`;
  if (goal === source) return undefined;
  if (!index.has(goal))
    return `imports ${specifier} from the folder ${goal}/, which has no layer: add it to CORE_LAYERS`;
  const a = index.get(source)!;
  const b = index.get(goal)!;
  if (b > a) return `imports ${specifier}: ${goal}/ is a higher layer than ${source}/ (an upward import)`;
  if (b === a) return `imports ${specifier}: ${goal}/ is ${source}/'s own layer (a sideways import)`;
  return undefined;
}

/** Every module a source names: imports, re-exports, `import()` and `import type`. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

function sourceFiles(): string[] {
  return readdirSync(SOURCES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
}

describe('the core folders import downward only', () => {
  it('every folder of packages/core/src has a layer', () => {
    const folders = readdirSync(SOURCES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThanOrEqual(11);
    const known = new Set(CORE_LAYERS.flat());
    expect(
      folders.filter((f) => !known.has(f)).map((f) => `packages/core/src/${f}/ has no layer in CORE_LAYERS`),
    ).toEqual([]);
  });

  it('no import points up, sideways, out of the core or to I/O', () => {
    const files = sourceFiles();
    let relativeImports = 0;
    const problems: string[] = [];
    for (const file of files) {
      for (const specifier of specifiers(readFileSync(resolve(SOURCES, file), 'utf8'))) {
        if (specifier.startsWith('.')) relativeImports++;
        const problem = importProblem(file, specifier);
        if (problem) problems.push(`packages/core/src/${file} ${problem}`);
      }
    }
    // Not vacuous: the walk found the sources and the parser their imports.
    expect(files.length).toBeGreaterThan(100);
    expect(relativeImports).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });

  it('finds each kind of wrong import (control)', () => {
    const at = (from: string, spec: string) => importProblem(from.split('/').join(sep), spec);
    expect(at('smoke-detection/a.ts', '../geometry/point-index.js')).toBeUndefined();
    expect(at('room/a.ts', './tile-kind.js')).toBeUndefined();
    expect(at('lighting/deep/a.ts', '../b.js')).toBeUndefined();
    expect(at('index.ts', './export/index.js')).toBeUndefined();
    expect(at('room/a.ts', 'zod')).toBeUndefined();
    expect(at('room/a.ts', '../placement/placement.js')).toContain('upward');
    expect(at('smoke-detection/a.ts', '../air-supply/point-index.js')).toContain('sideways');
    expect(at('render/a.ts', '../floor/floor.js')).toContain('sideways');
    expect(at('room/a.ts', '../index.js')).toContain('package entry');
    expect(at('room/a.ts', '../../test/support.js')).toContain('outside');
    expect(at('widgets/a.ts', '../room/room.js')).toContain('widgets/');
    expect(at('room/a.ts', '../widgets/w.js')).toContain('widgets/');
    for (const spec of ['node:fs', 'fs', 'node:fs/promises', 'pino', 'prom-client', '@ceiling-grid/queue'])
      expect(at('room/a.ts', spec), spec).toContain('I/O');
  });
});

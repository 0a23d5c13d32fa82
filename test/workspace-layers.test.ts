import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/processes.js';

/**
 * The workspaces point one way: services → queue → observability → core (http-kit, which imports
 * nothing of the project, sits beside observability), and cli →
 * observability → core. Each may import only what its package.json declares, and may declare
 * only workspaces of a lower layer, so no arrow can point back (madge finds file cycles only).
 */
const LAYER: Record<string, number> = {
  '@ceiling-grid/core': 0,
  '@ceiling-grid/observability': 1,
  '@ceiling-grid/http-kit': 1,
  '@ceiling-grid/queue': 2,
  '@ceiling-grid/cli': 2,
};
const SERVICE_LAYER = 3;

interface Workspace {
  readonly name: string;
  readonly dir: string;
  readonly dependencies: readonly string[];
}

function workspaces(): Workspace[] {
  return ['packages', 'services'].flatMap((group) =>
    readdirSync(join(REPO_ROOT, group)).map((entry) => {
      const dir = join(REPO_ROOT, group, entry);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      return { name: manifest.name, dir, dependencies: Object.keys(manifest.dependencies ?? {}) };
    }),
  );
}

const layerOf = (name: string) => LAYER[name] ?? SERVICE_LAYER;

/** The workspace dependencies that point sideways or up: none may. */
function wrongWay(all: readonly Workspace[]): string[] {
  return all.flatMap((w) =>
    w.dependencies
      .filter((d) => d.startsWith('@ceiling-grid/') && layerOf(d) >= layerOf(w.name))
      .map((d) => `${w.name} → ${d}`),
  );
}

/** Bare imports of a workspace's sources that its package.json does not declare. */
function undeclaredImports(w: Workspace): string[] {
  const src = join(w.dir, 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((file) =>
    ts
      .preProcessFile(readFileSync(join(src, file), 'utf8'), true, true)
      .importedFiles.map(({ fileName }) => fileName)
      .filter((specifier) => !specifier.startsWith('.') && !isBuiltin(specifier))
      .map((specifier) =>
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
      )
      .filter((pkg) => !w.dependencies.includes(pkg))
      .map((pkg) => `${w.name}: ${file} imports ${pkg}`),
  );
}

describe('workspace layers', () => {
  const all = workspaces();

  it('finds every workspace, each under its layer', () => {
    expect(all.map((w) => w.name)).toEqual(
      expect.arrayContaining([...Object.keys(LAYER), '@ceiling-grid/scheduler']),
    );
    expect(all.length).toBeGreaterThanOrEqual(8);
  });

  it('declares workspace dependencies only downwards (services → queue → observability → core)', () => {
    expect(wrongWay(all)).toEqual([]);
    // Control: an arrow back up is caught.
    const core = { name: '@ceiling-grid/core', dir: '', dependencies: ['@ceiling-grid/observability'] };
    expect(wrongWay([core])).toEqual(['@ceiling-grid/core → @ceiling-grid/observability']);
  });

  it('imports only what each package.json declares', () => {
    // Not vacuous: the core's sources are read and do import its declared zod.
    const core = all.find((w) => w.name === '@ceiling-grid/core')!;
    expect(undeclaredImports({ ...core, dependencies: [] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/imports zod$/)]),
    );
    expect(all.flatMap(undeclaredImports)).toEqual([]);
  });
});

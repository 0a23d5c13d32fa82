import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './compose-file.js';

// The image's runtime stage has only what `npm ci --omit=dev` installs. package-lock.json marks
// every package that install leaves out with `"dev": true`, so a runtime import of such a
// package (it works under `npm ci` on a laptop) would crash the container at start. These
// checks find that without building the image.

interface LockEntry {
  dev?: boolean;
  link?: boolean;
  resolved?: string;
}

const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const rootManifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  workspaces: string[];
  dependencies?: Record<string, string>;
};

/** Workspace folders (packages/core, services/scheduler, …) whose src/ the image runs. */
function workspaces(): string[] {
  return rootManifest.workspaces.flatMap((pattern) => {
    const parent = pattern.replace(/\/\*$/, '');
    return readdirSync(join(REPO_ROOT, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`)
      .filter((dir) => lock.packages[dir] !== undefined);
  });
}

/** Every .ts file under a folder (recursive), skipping type declaration files. */
function sourceFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

const BUILTINS = new Set(builtinModules);

/**
 * Bare module specifiers a TypeScript file loads at run time: `import … from`, `export … from`,
 * side-effect `import '…'` and `import('…')`; `import type` / `export type` are erased and skipped.
 */
function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  const statement = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^'";]*?\bfrom\s*)?['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(statement)) {
    if (match[2]) continue; // import type / export type
    if (match[1] === 'export' && !match[3]) continue;
    specifiers.push(match[4]);
  }
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(match[1]);
  return specifiers.filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('/'));
}

/** The npm package a bare specifier names: `@scope/name` or `name`; undefined for builtins. */
function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The lock entry Node would resolve `name` to from a file of workspace `dir`. */
function resolvedEntry(dir: string, name: string): [string, LockEntry] | undefined {
  for (const key of [`${dir}/node_modules/${name}`, `node_modules/${name}`]) {
    if (lock.packages[key]) return [key, lock.packages[key]];
  }
  return undefined;
}

describe('runtime dependencies of the image (npm ci --omit=dev)', () => {
  it('tsx and esbuild are development dependencies only: the image runs compiled JavaScript', () => {
    expect(rootManifest.dependencies?.tsx).toBeUndefined();
    expect(lock.packages['node_modules/tsx']?.dev).toBe(true);
    expect(lock.packages['node_modules/esbuild']?.dev).toBe(true);
  });

  it('finds runtime imports and ignores type-only ones (control)', () => {
    const source = [
      "import type { A } from 'only-types';",
      "import { type B, c } from 'kept';",
      "export type * from 'also-types';",
      "export * from './local.js';",
      "export { d } from 'reexported';",
      "import 'side-effect';",
      "const e = await import('dynamic');",
      "import f from 'node:fs';",
    ].join('\n');
    expect(runtimeImports(source)).toEqual(['kept', 'reexported', 'side-effect', 'node:fs', 'dynamic']);
  });

  it('every package the services and packages import at run time is installed without dev dependencies', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const dir of workspaces()) {
      for (const file of sourceFiles(join(REPO_ROOT, dir, 'src'))) {
        for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
          const name = packageName(specifier);
          if (!name) continue;
          checked++;
          const where = `${relative(REPO_ROOT, file)} imports ${specifier}`;
          const entry = resolvedEntry(dir, name);
          if (!entry) problems.push(`${where}: not in package-lock.json`);
          else if (entry[1].dev) problems.push(`${where}: ${entry[0]} is dev-only, missing from the image`);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The core is pure: it reads no file, opens no socket, spawns nothing, and knows no logging or
 * metrics library. Callers pass it a `StageLogger` and `StageMetrics` (pipeline/stage-instruments.ts);
 * pino and prom-client live in @ceiling-grid/observability, files in the CLI and the queue.
 */
const CORE = fileURLToPath(new URL('../', import.meta.url));
const SOURCES = join(CORE, 'src');

/** Node built-ins that compute and touch nothing outside the process. Every other one is I/O. */
const PURE_BUILTINS = new Set(['crypto', 'util', 'assert', 'buffer', 'events', 'string_decoder', 'url']);
/** Libraries the core must never import, whatever package.json says. */
const FORBIDDEN_PACKAGES = ['pino', 'prom-client', 'ioredis', 'bullmq', 'express', 'winston', 'bunyan'];
/** Globals that reach the process, the console or the network. */
const IO_GLOBALS = new Set(['process', 'console', 'fetch', 'require', 'XMLHttpRequest', 'WebSocket']);

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** The module specifiers a source imports, re-exports, `import()`s or `require()`s, with their lines. */
function moduleReferences(source: ts.SourceFile): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const add = (literal: ts.Node) => {
    if (ts.isStringLiteralLike(literal))
      found.push({
        specifier: literal.text,
        line: source.getLineAndCharacterOfPosition(literal.pos).line + 1,
      });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length > 0
    )
      add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Uses of an I/O global as a value (not a property name, not a declaration of its own). */
function ioGlobals(source: ts.SourceFile): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && IO_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) ||
          ts.isPropertyDeclaration(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isMethodDeclaration(parent) ||
          ts.isMethodSignature(parent) ||
          ts.isVariableDeclaration(parent) ||
          ts.isParameter(parent)) &&
          parent.name === node);
      if (!isName)
        found.push({ name: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What makes one source impure, given the packages the core may import. */
function impurities(file: string, text: string, allowedPackages: readonly string[]): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  for (const { specifier, line } of moduleReferences(source)) {
    if (specifier.startsWith('.')) continue;
    const bare = specifier.replace(/^node:/, '');
    const root = bare.split('/')[0];
    const pkg = specifier.startsWith('@')
      ? specifier.split('/').slice(0, 2).join('/')
      : specifier.split('/')[0];
    if (specifier.startsWith('node:') || isBuiltin(specifier)) {
      if (!PURE_BUILTINS.has(root)) findings.push({ file, line, what: `imports ${specifier} (node I/O)` });
    } else if (FORBIDDEN_PACKAGES.includes(pkg)) {
      findings.push({ file, line, what: `imports ${specifier} (logging, metrics or I/O library)` });
    } else if (!allowedPackages.includes(pkg)) {
      findings.push({ file, line, what: `imports ${specifier}, not a dependency of the core` });
    }
  }
  for (const { name, line } of ioGlobals(source))
    findings.push({ file, line, what: `uses the global ${name}` });
  return findings;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

const manifest = JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
};
const dependencies = Object.keys(manifest.dependencies ?? {});

describe('the core is pure', () => {
  it('no source of packages/core/src imports node I/O, pino, prom-client or an undeclared package', () => {
    const files = sourceFiles(SOURCES);
    // Not vacuous: the walk reached the sources, and the parser saw the imports they do have.
    expect(files.length).toBeGreaterThan(50);
    const specifiers = new Set(
      files.flatMap((file) =>
        moduleReferences(
          ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
        ).map((r) => r.specifier),
      ),
    );
    expect([...specifiers].filter((s) => s.startsWith('.')).length).toBeGreaterThan(100);
    expect(specifiers).toContain('zod');
    const findings = files.flatMap((file) =>
      impurities(relative(CORE, file), readFileSync(file, 'utf8'), dependencies),
    );
    expect(findings.map((f) => `${f.file}:${f.line} ${f.what}`)).toEqual([]);
  });

  it('declares no logging, metrics or I/O library among its dependencies', () => {
    expect(dependencies.length).toBeGreaterThan(0);
    expect(dependencies.filter((name) => FORBIDDEN_PACKAGES.includes(name))).toEqual([]);
  });

  it('the check catches every way of reaching I/O (control)', () => {
    const impure = [
      "import { readFile } from 'node:fs/promises';",
      "import * as fs from 'fs';",
      "import type { Logger } from 'pino';",
      "export { Registry } from 'prom-client';",
      "const net = await import('node:net');",
      "const cp = require('child_process');",
      "type Socket = import('node:dgram').Socket;",
      "import { Redis } from 'ioredis';",
      "import leftPad from 'left-pad';",
      'process.stdout.write("x");',
      'console.log(1);',
      'await fetch("http://example.invalid");',
    ];
    for (const line of impure)
      expect(impurities('control.ts', line, ['zod']).length, line).toBeGreaterThan(0);
    const pure = [
      "import { createHash } from 'node:crypto';",
      "import { z } from 'zod';",
      "import { x } from './local.js';",
      'const o = { process: 1, console: 2 }; o.process = o.console;',
    ];
    for (const line of pure) expect(impurities('control.ts', line, ['zod']), line).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The size limits of the code (HELPERS, issue 13): no source file in packages/ or services/
 * over 500 lines, no function over 80 lines. Tests are excepted (a table of cases reads better
 * whole); the bench report (bench/bench-report.ts) is outside these folders.
 *
 * A function is every function-like node: declarations, expressions, arrows, methods,
 * constructors and accessors. Its length runs from its first line (the signature, its
 * decorators and TSDoc not counted) to its closing brace, so a closure that holds a whole app
 * counts whole; a function nested in another counts on its own as well.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 80;

/** Workspace folders the limits hold for. */
const ENFORCED_ROOTS = ['packages', 'services'];
/** Source extensions measured (the rest of these folders is data: goldens, fixtures). */
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
/** Folders whose files are tests, excepted from both limits. */
const TEST_FOLDER = /(^|\/)test\//;

interface SizeFinding {
  readonly file: string;
  readonly line: number;
  readonly what: string;
  readonly lines: number;
}

/** Lines of a file as an editor counts them (a final newline ends the last line, adds none). */
function fileLines(text: string): number {
  if (text.length === 0) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function functionName(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(source);
  if (ts.isCallExpression(parent)) return `callback of ${parent.expression.getText(source).slice(0, 40)}`;
  return 'anonymous function';
}

/** Every function-like node of a source longer than `max` lines. */
function longFunctions(file: string, text: string, max = MAX_FUNCTION_LINES): SizeFinding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: SizeFinding[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source, false)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > max)
        found.push({
          file,
          line: start + 1,
          what: `function ${functionName(node as ts.SignatureDeclaration, source)}`,
          lines,
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Tracked-or-not source files under `dir`; node_modules, tests and build output (`dist/`) left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => {
      const path = relative(ROOT, file);
      return !path.includes('node_modules/') && !/(^|\/)dist\//.test(path) && !TEST_FOLDER.test(path);
    });
}

/** What breaks the limits under the given workspace folders. */
function sizeFindings(roots: readonly string[]): SizeFinding[] {
  const findings: SizeFinding[] = [];
  for (const root of roots) {
    for (const file of sourceFiles(join(ROOT, root))) {
      const path = relative(ROOT, file);
      const text = readFileSync(file, 'utf8');
      const lines = fileLines(text);
      if (lines > MAX_FILE_LINES) findings.push({ file: path, line: 1, what: 'file', lines });
      findings.push(...longFunctions(path, text));
    }
  }
  return findings;
}

const describeFinding = (f: SizeFinding) =>
  `${f.file}:${f.line} ${f.what} has ${f.lines} lines (limit ${f.what === 'file' ? MAX_FILE_LINES : MAX_FUNCTION_LINES})`;

describe('size limits', () => {
  it(`no source file in ${ENFORCED_ROOTS.join('/ or ')}/ over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES}`, () => {
    const findings = sizeFindings(ENFORCED_ROOTS);
    expect(findings.map(describeFinding)).toEqual([]);
  });

  it('measures what it claims (control)', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');
    // A function of exactly the limit passes; one line more fails, whatever its kind.
    const fits = `function f() {\n${body(MAX_FUNCTION_LINES - 2)}\n}\n`;
    expect(longFunctions('a.ts', fits)).toEqual([]);
    const kinds = [
      `function f() {\n${body(MAX_FUNCTION_LINES - 1)}\n}\n`,
      `const f = () => {\n${body(MAX_FUNCTION_LINES - 1)}\n};\n`,
      `class C {\n  m() {\n${body(MAX_FUNCTION_LINES - 1)}\n  }\n}\n`,
      `class C {\n  constructor() {\n${body(MAX_FUNCTION_LINES - 1)}\n  }\n}\n`,
      `run(function () {\n${body(MAX_FUNCTION_LINES - 1)}\n});\n`,
    ];
    for (const text of kinds) expect(longFunctions('a.ts', text), text.slice(0, 30)).toHaveLength(1);
    // A long closure inside a short function is found, and so is the function that holds it.
    const nested = `function outer() {\n  const inner = () => {\n${body(MAX_FUNCTION_LINES)}\n  };\n}\n`;
    expect(longFunctions('a.ts', nested).map((f) => f.what)).toEqual(['function outer', 'function inner']);
    expect(fileLines('a\nb\n')).toBe(2);
    expect(fileLines('a\nb')).toBe(2);
  });
});

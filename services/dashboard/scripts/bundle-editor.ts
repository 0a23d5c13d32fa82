import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type EditorScript, editorScriptOf } from '../src/editor-script.js';

/**
 * Bundles the ceiling editor (services/dashboard/browser) with the core's room rules and the
 * parts of zod they use into one minified ES module. esbuild is a development dependency: the
 * image gets the file `npm run build` writes with this (dist/assets/ceiling-editor.js); a
 * dashboard running from its TypeScript sources bundles in memory with it at the first request.
 *
 *   node --import tsx services/dashboard/scripts/bundle-editor.ts [OUT]   (part of `npm run build`)
 */

const DASHBOARD = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The editor's entry module. */
const EDITOR_ENTRY = join(DASHBOARD, 'browser', 'ceiling-editor.ts');

/** Where `npm run build` writes the script: beside the compiled dashboard, where it reads it. */
export const BUNDLED_EDITOR_PATH = join(DASHBOARD, 'dist', 'assets', 'ceiling-editor.js');

/** The editor as one ES module, in memory, with its ETag. */
export async function buildEditorScript(): Promise<EditorScript> {
  const output = await build({
    entryPoints: [EDITOR_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return editorScriptOf(output.outputFiles[0].text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? BUNDLED_EDITOR_PATH);
  const script = await buildEditorScript();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, script.code);
  console.log(`bundle-editor: wrote ${out} (${(script.code.length / 1024).toFixed(1)} kB)`);
}

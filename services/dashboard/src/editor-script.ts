import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Router } from 'express';

/** Where the page loads the editor from. */
export const EDITOR_SCRIPT_PATH = '/assets/ceiling-editor.js';

/** The editor's entry module: TypeScript under services/dashboard/browser. */
const EDITOR_ENTRY = fileURLToPath(new URL('../browser/ceiling-editor.ts', import.meta.url));

/** The editor as the browser gets it: one ES module, and the hash that names this build. */
export interface EditorScript {
  readonly code: string;
  readonly etag: string;
}

/**
 * Bundles the ceiling editor with the core's room rules and the parts of zod they use into one
 * minified ES module, in memory. esbuild is the transpiler tsx already runs the services with,
 * so this adds no build step and no file: docs/EDITOR.md gives the figures behind the choice.
 */
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
  const code = output.outputFiles[0].text;
  return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
}

/**
 * `GET /assets/ceiling-editor.js`: built on the first request and kept; revalidated by ETag, so a
 * dashboard started with new code is picked up at once. A failed build answers 500 and is tried
 * again on the next request; the page still works without the script (its JSON field).
 */
export function editorScriptRoute(options: { build?: () => Promise<EditorScript> } = {}): Router {
  const make = options.build ?? buildEditorScript;
  let script: Promise<EditorScript> | undefined;
  const router = Router();
  router.get(EDITOR_SCRIPT_PATH, async (req, res) => {
    script ??= make();
    let built: EditorScript;
    try {
      built = await script;
    } catch (error) {
      script = undefined;
      throw error;
    }
    res.set({ 'Cache-Control': 'no-cache', ETag: built.etag });
    if (req.get('if-none-match') === built.etag) {
      res.status(304).end();
      return;
    }
    res.type('text/javascript').send(built.code);
  });
  return router;
}

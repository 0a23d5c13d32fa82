import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Router } from 'express';

/** Where the page loads the editor from. */
export const EDITOR_SCRIPT_PATH = '/assets/ceiling-editor.js';

/** The editor as the browser gets it: one ES module, and the hash that names this build. */
export interface EditorScript {
  readonly code: string;
  readonly etag: string;
}

/** The script with its ETag (a hash of the code). */
export function editorScriptOf(code: string): EditorScript {
  return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
}

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The ceiling editor as one minified ES module (with the core's room rules and the parts of zod
 * they use). The compiled dashboard (the image) reads the file `npm run build` bundled beside it,
 * dist/assets/ceiling-editor.js, so it needs no bundler; run from its TypeScript sources it has
 * esbuild (a development dependency) bundle them in memory (scripts/bundle-editor.ts).
 */
export async function buildEditorScript(): Promise<EditorScript> {
  const bundled = join(HERE, 'assets', 'ceiling-editor.js');
  if (existsSync(bundled)) return editorScriptOf(readFileSync(bundled, 'utf8'));
  const bundler = join(HERE, '..', 'scripts', 'bundle-editor.ts');
  if (!existsSync(bundler)) throw new Error(`${bundled} is missing: run npm run build`);
  const { buildEditorScript: bundle } = (await import(pathToFileURL(bundler).href)) as {
    buildEditorScript: () => Promise<EditorScript>;
  };
  return bundle();
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

import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildEditorScript } from '../services/dashboard/src/editor-script.js';

/**
 * What the ceiling editor's script costs (docs/EDITOR.md, docs/BENCHMARKS.md): zod served as
 * its own ES modules, against the in-memory esbuild bundle the dashboard serves, and what the
 * import style of the core's schema does to the bundle. Run: `npx tsx bench/editor-script-bench.ts`.
 */

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Every module a browser would fetch for `import … from 'zod'` with zod's files served as they are. */
async function rawZod(): Promise<{ modules: number; bytes: number }> {
  const result = await build({
    stdin: { contents: "export * from 'zod';", resolveDir: process.cwd() },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    treeShaking: false,
  });
  const inputs = Object.values(result.metafile.inputs).filter((input) => input.bytes > 0);
  return { modules: inputs.length - 1, bytes: inputs.reduce((sum, input) => sum + input.bytes, 0) };
}

/** A schema of the core's shape bundled with zod imported one way or the other. */
async function schemaBundle(importLine: string): Promise<number> {
  const result = await build({
    stdin: {
      contents: `${importLine}\nexport const room = z.strictObject({ id: z.string().regex(/^a$/), n: z.number().positive().optional(), t: z.enum(['a', 'b']), layout: z.array(z.string()).min(1) }).meta({ id: 'X' });`,
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
  });
  return result.outputFiles[0].contents.length;
}

const raw = await rawZod();
console.log(`zod served unbundled: ${raw.modules} modules, ${kb(raw.bytes)} unminified`);
console.log(
  `schema + zod, import { z } from 'zod':    ${kb(await schemaBundle("import { z } from 'zod';"))} minified`,
);
console.log(
  `schema + zod, import * as z from 'zod':   ${kb(await schemaBundle("import * as z from 'zod';"))} minified`,
);
const timings: number[] = [];
let script = { code: '' };
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  script = await buildEditorScript();
  timings.push(performance.now() - started);
}
const code = Buffer.from(script.code);
console.log(
  `editor bundle (editor + core room check + zod): 1 request, ${kb(code.length)} minified, ${kb(gzipSync(code).length)} gzipped`,
);
console.log(
  `build time: first ${timings[0].toFixed(0)} ms, then median ${[...timings.slice(1)].sort((a, b) => a - b)[2].toFixed(0)} ms`,
);

// Work of one edit on the largest room (500 × 500), apart from drawing: paint, serialize, check.
const { checkRoom } = await import('@ceiling-grid/core');
const { blankRoom, paintRectangle, toRoomJson } = await import(
  '../services/dashboard/browser/editor-room.js'
);
let room = blankRoom({ rows: 500, cols: 500 });
const edits: number[] = [];
for (let i = 0; i < 7; i++) {
  const started = performance.now();
  room = paintRectangle(room, { row: i, col: 0 }, { row: 250 + i, col: 300 }, i % 2 === 0 ? '-' : '.');
  const checked = checkRoom(toRoomJson(room));
  if (!checked.ok) throw new Error('the big room should pass');
  edits.push(performance.now() - started);
}
console.log(
  `one edit of a 500 × 500 room (paint + JSON + core check): median ${edits.sort((a, b) => a - b)[3].toFixed(1)} ms`,
);

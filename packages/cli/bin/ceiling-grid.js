#!/usr/bin/env node
// The `ceiling-grid` command (`npx ceiling-grid room.json --out result.json --svg plan.svg`).
// In a checkout (src/ present) it runs the TypeScript sources through tsx, registered in this
// process as `node --import tsx` would, so an old dist/ never runs instead of the code being
// edited; tsx maps `@ceiling-grid/*` to the sources through the repository's tsconfig.json.
// Without sources (the image, an installed package) it runs the compiled dist/main.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/main.ts', import.meta.url);
const compiled = new URL('../dist/main.js', import.meta.url);
if (existsSync(source)) {
  // tsx finds tsconfig.json from the working directory; from elsewhere, name the repository's.
  process.env.TSX_TSCONFIG_PATH ??= fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
  await import('tsx');
  await import(source.href);
} else {
  await import(compiled.href);
}

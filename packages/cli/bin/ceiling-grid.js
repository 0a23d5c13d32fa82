#!/usr/bin/env node
// The `ceiling-grid` command (`npx ceiling-grid room.json --out result.json --svg plan.svg`).
// Runs the compiled CLI when the package has one (dist/main.js), else its TypeScript sources
// through tsx, registered in this process as `node --import tsx` would: no second process.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  await import('tsx');
  await import(new URL('../src/main.ts', import.meta.url).href);
}

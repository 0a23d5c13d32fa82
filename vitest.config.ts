import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run the TypeScript sources, never a stale dist/: `@ceiling-grid/<name>` is that
    // package's src/index.ts, as tsconfig.json's `paths` say for tsc, madge and tsx.
    alias: [
      {
        find: '@ceiling-grid/core/portable-room',
        replacement: fileURLToPath(new URL('./packages/core/src/room/portable-room.ts', import.meta.url)),
      },
      {
        find: /^@ceiling-grid\/([\w-]+)$/,
        replacement: fileURLToPath(new URL('./packages/$1/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/setup/redis-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

// Worker-thread entry for TypeScript sources (development and tests): registers tsx in the
// thread, which does not inherit it from `node --import tsx`, then loads stage-thread.ts.
// The repository's tsconfig.json maps `@ceiling-grid/*` to the packages' sources, whatever the
// working directory. A compiled build (the image) never loads this file: the pool points at
// dist/stage-thread.js, and tsx is a development dependency only.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
const stage = await import('./stage-thread.ts');
export default stage.default;

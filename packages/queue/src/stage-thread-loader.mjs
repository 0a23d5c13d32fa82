// Worker-thread entry for TypeScript sources (development and tests): registers tsx in the
// thread, which does not inherit it from `node --import tsx`, then loads stage-thread.ts.
// A compiled build points the pool at stage-thread.js instead.
import { register } from 'tsx/esm/api';

register();
const stage = await import('./stage-thread.ts');
export default stage.default;

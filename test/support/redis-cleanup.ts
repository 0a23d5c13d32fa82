/** The tests' name for it; the bench uses the same (support/redis-keys.ts). */
export { deletePrefix } from '../../support/redis-keys.js';

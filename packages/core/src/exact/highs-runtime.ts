import highsModule, { type Highs } from 'highs';

// The package's typings are CommonJS-flavoured, so TypeScript sees its default export as the
// module; at run time the ES module's default export is the loader function itself.
const loadHighs = highsModule as unknown as () => Promise<Highs>;

/**
 * The HiGHS solver (compiled to WebAssembly), loaded once when the module is first imported:
 * its loader is asynchronous while the models are synchronous, so the load happens here,
 * ahead of any model call. Each solve makes its own model and frees it.
 */
export const highs: Highs = await loadHighs();

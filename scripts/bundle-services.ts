import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

/**
 * Bundles each compiled service (services/<name>/dist/main.js, after `tsc -b`) with the
 * workspaces and npm packages it imports into one ES module, services/<name>/dist/main.bundle.mjs,
 * which the image runs: Node then reads, resolves and compiles one file at start instead of about
 * a thousand (docs/BENCHMARKS.md, "Service start time"). A service that runs stages in worker
 * threads also gets the thread's bundle, dist/stage-thread.js, where StageThreadPool looks for it
 * (beside the code that creates the pool). esbuild is a development dependency: it runs only here.
 *
 *   node --import tsx scripts/bundle-services.ts      (part of `npm run build`)
 */

const REPO_ROOT = join(fileURLToPath(import.meta.url), '..', '..');

/** The file each service's bundle is written to, relative to the service's folder. */
export const SERVICE_BUNDLE = 'dist/main.bundle.mjs';

/**
 * Packages left out of the bundles and loaded from node_modules at run time (the image keeps
 * `npm ci --omit=dev`), because they find files relative to their own location: highs loads its
 * WebAssembly, swagger-ui-dist serves its folder, piscina starts its own worker.js, pino-pretty
 * is a pino transport (a file a thread loads), msgpackr-extract is a native addon.
 */
export const EXTERNAL_PACKAGES = ['highs', 'swagger-ui-dist', 'piscina', 'pino-pretty', 'msgpackr-extract'];

/**
 * CommonJS code inside an ES module bundle still calls `require` (for Node's own modules and the
 * external packages) and reads `__filename`/`__dirname`; these give it the bundle's own, so
 * msgpackr, for one, finds msgpackr-extract from the bundle's place in the tree.
 */
const COMMONJS_GLOBALS = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { fileURLToPath as __bundlePath } from 'node:url';",
  'const require = __bundleRequire(import.meta.url);',
  'const __filename = __bundlePath(import.meta.url);',
  "const __dirname = __bundlePath(new URL('.', import.meta.url));",
].join('\n');

/** The compiled module that creates the stage threads, and the thread's own module. */
const THREAD_POOL = 'packages/queue/dist/stage-thread-pool.js';
const STAGE_THREAD = join(REPO_ROOT, 'packages/queue/dist/stage-thread.js');

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  external: EXTERNAL_PACKAGES,
  banner: { js: COMMONJS_GLOBALS },
  // The compiled dist/ files, not the sources the workspace's tsconfig `paths` point to.
  tsconfigRaw: {},
  logLevel: 'warning',
};

/** What one service's bundling wrote. */
export interface ServiceBundle {
  readonly service: string;
  /** Files written, relative to the repository root. */
  readonly files: readonly string[];
  /** Modules bundled into the service's main bundle. */
  readonly modules: number;
}

/** Bundles one service's dist/main.js, and its stage thread when it starts stage threads. */
export async function bundleService(service: string): Promise<ServiceBundle> {
  const dist = join(REPO_ROOT, 'services', service, 'dist');
  const entry = join(dist, 'main.js');
  if (!existsSync(entry)) throw new Error(`${relative(REPO_ROOT, entry)} is missing: run tsc -b first`);
  const main = await build({
    ...COMMON,
    entryPoints: [entry],
    outfile: join(REPO_ROOT, 'services', service, SERVICE_BUNDLE),
    metafile: true,
  });
  const files = [join('services', service, SERVICE_BUNDLE)];
  if (Object.keys(main.metafile.inputs).includes(THREAD_POOL)) {
    await build({ ...COMMON, entryPoints: [STAGE_THREAD], outfile: join(dist, 'stage-thread.js') });
    files.push(join('services', service, 'dist', 'stage-thread.js'));
  }
  return { service, files, modules: Object.keys(main.metafile.inputs).length };
}

/** Every service folder with a compiled main.js. */
export function compiledServices(): string[] {
  return readdirSync(join(REPO_ROOT, 'services')).filter((name) =>
    existsSync(join(REPO_ROOT, 'services', name, 'dist', 'main.js')),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const service of compiledServices()) {
    const bundle = await bundleService(service);
    console.log(`bundle-services: ${bundle.files.join(', ')} (${bundle.modules} modules)`);
  }
}

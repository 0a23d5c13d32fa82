// Fills Node's compile cache (V8 code cache, Node >= 22.1) with every module the services load
// at start, so a container starts without compiling them: the image runs this at build time, as
// the user the services run as (Node keeps one cache per uid), and sets NODE_COMPILE_CACHE.
//   node deploy/docker/fill-compile-cache.mjs DIR
// Loads every compiled module of the workspaces (and so the dependencies they import) except the
// services' main.js, which would start the service. The services' bundles (main.bundle.mjs, what
// the image runs) are compiled but not run: Node compiles a module, and caches its code, before
// it links the module's imports, and a resolve hook fails that link. Run from the app's root (/app).
import { readdirSync } from 'node:fs';
import module from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node deploy/docker/fill-compile-cache.mjs DIR');
  process.exit(2);
}
if (typeof module.enableCompileCache !== 'function') {
  console.error(`fill-compile-cache: Node ${process.version} has no compile cache (22.1 or newer has)`);
  process.exit(1);
}
const enabled = module.enableCompileCache(resolve(dir));
if (enabled.status === module.constants.compileCacheStatus.FAILED) {
  console.error(`fill-compile-cache: ${enabled.message}`);
  process.exit(1);
}

const files = [];
const bundles = [];
for (const parent of ['packages', 'services']) {
  for (const workspace of readdirSync(parent)) {
    const dist = join(parent, workspace, 'dist');
    let entries = [];
    try {
      entries = readdirSync(dist, { recursive: true, withFileTypes: true });
    } catch {
      continue; // a workspace without a build
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      if (entry.name === 'main.bundle.mjs') bundles.push(path);
      // Browser code (the dashboard's dist/assets) is not Node's to compile, nor to run.
      if (!entry.name.endsWith('.js') || entry.parentPath.startsWith(join(dist, 'assets'))) continue;
      if (parent === 'services' && path === join(dist, 'main.js')) continue;
      files.push(path);
    }
  }
}
for (const file of files) await import(pathToFileURL(resolve(file)).href);
const NOT_RUN = 'fill-compile-cache: a bundle is compiled, not run';
module.register(
  `data:text/javascript,export function resolve(specifier, context, next) {
    if (context.parentURL?.endsWith('/main.bundle.mjs')) throw new Error(${JSON.stringify(NOT_RUN)});
    return next(specifier, context);
  }`,
);
for (const bundle of bundles) {
  await import(pathToFileURL(resolve(bundle)).href).then(
    () => Promise.reject(new Error(`fill-compile-cache: ${bundle} ran`)),
    (error) => {
      if (error?.message !== NOT_RUN) throw error;
    },
  );
}
module.flushCompileCache();
console.log(
  `fill-compile-cache: ${files.length} modules, their dependencies and ${bundles.length} bundles cached in ${enabled.directory}`,
);
// Imports may leave handles open (a metrics registry's timers); the cache is written, so leave.
process.exit(0);

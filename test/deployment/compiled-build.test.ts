import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import module, { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnvironment, measureStart, type StartMode, startArguments } from '../../bench/start-probe.js';
import { deletePrefix } from '../support/redis-cleanup.js';
import {
  freePort,
  PORT_VARIABLE,
  REPO_ROOT,
  randomPrefix,
  type ServiceName,
} from '../support/service-process.js';

// The image runs `node services/<name>/dist/main.bundle.mjs` on `npm ci --omit=dev`: no tsx, no
// esbuild. This builds dist/ as the image's build stage does (`npm run build`: `tsc -b`,
// incremental, quick when dist/ is current, then the dashboard's editor script, then one bundle per
// service) and runs the compiled and the bundled services with plain node, so a build that only
// works through tsx, or a bundle that misses a file its packages read at run time, fails here.

interface Manifest {
  name: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  exports?: Record<string, { types: string; default: string }>;
  main?: string;
}

interface LockEntry {
  dev?: boolean;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as T;
const root = readJson<Manifest>('package.json');
const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');

/** Workspace folders: packages/core, …, services/scheduler, … */
const WORKSPACES = (root.workspaces ?? []).flatMap((pattern) => {
  const parent = pattern.replace(/\/\*$/, '');
  return readdirSync(join(REPO_ROOT, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(REPO_ROOT, parent, entry.name, 'package.json')))
    .map((entry) => `${parent}/${entry.name}`);
});
const SERVICES = WORKSPACES.filter((dir) => dir.startsWith('services/')).map(
  (dir) => dir.slice('services/'.length) as ServiceName,
);
/** Workspace folder of each workspace package name (@ceiling-grid/core → packages/core). */
const FOLDER_OF = new Map(WORKSPACES.map((dir) => [readJson<Manifest>(`${dir}/package.json`).name, dir]));

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = randomPrefix('compiled');
const dashboardPassword = randomBytes(16).toString('hex');

beforeAll(() => {
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(build.status, `npm run build failed:\n${build.stdout}${build.stderr}`).toBe(0);
}, 180_000);

afterAll(async () => {
  await deletePrefix(REDIS_URL, prefix);
});

/** Every .js and .mjs file under a folder, but the browser's (the dashboard's dist/assets). */
function javascriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.m?js$/.test(entry.name) && !entry.parentPath.includes('/dist/assets'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Bare specifiers of the static and dynamic imports in emitted JavaScript. */
function bareImports(source: string): string[] {
  const found = [
    ...source.matchAll(/^(?:import|export)\s+(?:[^;'"`]*?\bfrom\s*)?['"]([^'"\n]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g),
  ].map((match) => match[1]);
  return found.filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('/'));
}

/** The npm package a bare specifier names; undefined for Node's own modules. */
function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

describe('npm run build (tsc -b tsconfig.build.json)', () => {
  it('has a build project for every workspace, referencing exactly the workspaces it depends on', () => {
    const all = readJson<{ references: Array<{ path: string }> }>('tsconfig.build.json').references;
    expect(all.map((reference) => reference.path.replace(/^\.\//, '')).sort()).toEqual(
      WORKSPACES.map((dir) => `${dir}/tsconfig.build.json`).sort(),
    );
    for (const dir of WORKSPACES) {
      const project = readJson<{ references?: Array<{ path: string }> }>(`${dir}/tsconfig.build.json`);
      const referenced = (project.references ?? []).map((reference) =>
        relative(REPO_ROOT, join(REPO_ROOT, dir, reference.path)),
      );
      const dependsOn = Object.keys(readJson<Manifest>(`${dir}/package.json`).dependencies ?? {})
        .filter((name) => FOLDER_OF.has(name))
        .map((name) => `${FOLDER_OF.get(name)}/tsconfig.build.json`);
      expect(referenced.sort(), `${dir}/tsconfig.build.json references`).toEqual(dependsOn.sort());
    }
  });

  it("writes each package's entry point where its package.json points node, and each service's main.js", () => {
    for (const dir of WORKSPACES) {
      const manifest = readJson<Manifest>(`${dir}/package.json`);
      if (dir.startsWith('services/')) {
        // main.js, its bundle, and the stage thread's bundle, where StageThreadPool looks for it.
        for (const file of ['dist/main.js', 'dist/main.bundle.mjs', 'dist/stage-thread.js'])
          expect(existsSync(join(REPO_ROOT, dir, file)), `${dir}/${file}`).toBe(true);
        continue;
      }
      expect(manifest.main).toBe(manifest.exports?.['.']?.default);
      for (const [subpath, entry] of Object.entries(manifest.exports ?? {})) {
        expect(entry.default, `${manifest.name} exports ${subpath}`).toMatch(/^\.\/dist\/.+\.js$/);
        expect(existsSync(join(REPO_ROOT, dir, entry.default)), `${dir}/${entry.default}`).toBe(true);
        expect(existsSync(join(REPO_ROOT, dir, entry.types)), `${dir}/${entry.types}`).toBe(true);
      }
    }
  });

  it('emits code that imports only what `npm ci --omit=dev` installs: no tsx, no esbuild', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const dir of WORKSPACES) {
      for (const file of javascriptFiles(join(REPO_ROOT, dir, 'dist'))) {
        for (const specifier of bareImports(readFileSync(file, 'utf8'))) {
          const name = packageName(specifier);
          if (name === undefined) continue;
          checked++;
          const where = `${relative(REPO_ROOT, file)} imports ${specifier}`;
          const entry = lock.packages[`${dir}/node_modules/${name}`] ?? lock.packages[`node_modules/${name}`];
          if (['tsx', 'esbuild'].includes(name)) problems.push(`${where}: a TypeScript loader`);
          else if (!entry) problems.push(`${where}: not in package-lock.json`);
          else if (entry.dev) problems.push(`${where}: a dev dependency, not in the image`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(problems).toEqual([]);
    for (const name of ['tsx', 'esbuild']) expect(lock.packages[`node_modules/${name}`]?.dev).toBe(true);
  });
});

const STARTS = SERVICES.flatMap((service) =>
  (['compiled', 'bundled'] as const).map((mode) => ({
    service,
    mode,
    file: startArguments(service, mode)[0],
  })),
);

describe('the compiled and bundled services, started with plain node (no NODE_OPTIONS, no tsx)', () => {
  it.each(STARTS)(
    '$service answers /healthz from $file and exits 0 on SIGTERM',
    async ({ service, mode }) => {
      let editorScript: Response | undefined;
      let editorCode = '';
      const sample = await measureStart({
        // The dashboard serves the editor's script that npm run build bundled: no bundler at run time.
        whileReady: async (baseUrl) => {
          if (service !== 'dashboard') return;
          const authorization = `Basic ${Buffer.from(`admin:${dashboardPassword}`).toString('base64')}`;
          editorScript = await fetch(`${baseUrl}/assets/ceiling-editor.js`, { headers: { authorization } });
          // Read while the service runs: SIGTERM follows, and a body read after it may be cut short.
          editorCode = await editorScript.text();
        },
        service,
        mode,
        port: await freePort(),
        env: {
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'info',
          API_TOKEN: randomBytes(16).toString('hex'),
          DASHBOARD_USER: 'admin',
          DASHBOARD_PASSWORD: dashboardPassword,
        },
      });
      expect(JSON.parse(sample.health)).toMatchObject({ status: 'ok' });
      expect(sample.exitCode, sample.output).toBe(0);
      const lines = sample.output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string });
      expect(lines.map((line) => line.msg)).toContain('shut down cleanly');
      if (service === 'dashboard') {
        expect(editorScript?.status).toBe(200);
        expect(editorScript?.headers.get('content-type')).toMatch(/^text\/javascript/);
        expect(editorCode).toBe(
          readFileSync(join(REPO_ROOT, 'services/dashboard/dist/assets/ceiling-editor.js'), 'utf8'),
        );
      }
    },
  );

  // The image fills Node's compile cache at build time (Dockerfile); Node 22.1 and later have one.
  // (@types/node 20 does not declare it.)
  it.skipIf(typeof (module as { enableCompileCache?: unknown }).enableCompileCache !== 'function')(
    "fills Node's compile cache with the compiled modules, as the image's build does",
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cg-compile-cache-'));
      try {
        const fill = spawnSync(process.execPath, ['deploy/docker/fill-compile-cache.mjs', dir], {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          env: childEnvironment({ service: 'scheduler', mode: 'compiled', port: 0, env: {} }),
        });
        expect(fill.status, fill.stderr).toBe(0);
        const cached = readdirSync(dir, { recursive: true }).length;
        expect(cached).toBeGreaterThan(100);
        // The bundles the image runs are compiled (cached) too, without starting a service.
        expect(fill.stdout).toContain(`and ${SERVICES.length} bundles cached`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("runs a big room's stage in a worker thread from the compiled stage-thread.js", () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { parseRoom, runLightModel } from '@ceiling-grid/core';
      import { PipelineMetrics } from '@ceiling-grid/observability';
      import { encodeRoom, StageThreadPool } from '@ceiling-grid/queue';
      import { pino } from 'pino';
      const room = parseRoom(JSON.parse(readFileSync('data/rooms/corridor.json', 'utf8')));
      const pool = new StageThreadPool({ threads: 1, minTiles: 1 });
      const instruments = { logger: pino({ level: 'silent' }), metrics: new PipelineMetrics({ service: 'test', processMetrics: false }) };
      const inThread = await pool.run({ stage: 'light', room: encodeRoom(room), model: 'lumen-array' }, instruments);
      const inline = runLightModel(room, 'lumen-array', instruments);
      const timeless = (output) => JSON.stringify(output, (key, value) => (key === 'durationMs' ? undefined : value));
      console.log(JSON.stringify({ threads: pool.threadsStarted, same: timeless(inThread) === timeless(inline) }));
      await pool.close();
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: childEnvironment({ service: 'light-worker', mode: 'compiled', port: 0, env: {} }),
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')).toEqual({ threads: 1, same: true });
  });
});

/** A bundled service running as its own process, as in its container. */
interface BundledService {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  output(): string;
}

/** Starts `node services/<name>/dist/main.bundle.mjs` (no NODE_OPTIONS) and waits for its /healthz. */
async function startBundled(service: ServiceName, env: Record<string, string>): Promise<BundledService> {
  const port = await freePort();
  const mode: StartMode = 'bundled';
  const child = spawn(process.execPath, startArguments(service, mode), {
    cwd: REPO_ROOT,
    env: childEnvironment({ service, mode, port, env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const started = { baseUrl: `http://127.0.0.1:${port}`, child, output: () => output };
  expect(PORT_VARIABLE[service]).toBeTruthy();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const status = await fetch(`${started.baseUrl}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${service} (bundled) did not become healthy:\n${output}`);
}

/** SIGTERM, then the exit code. */
async function stopBundled(service: BundledService): Promise<number | null> {
  if (service.child.exitCode !== null) return service.child.exitCode;
  const exited = new Promise<number | null>((resolve) => service.child.once('exit', (code) => resolve(code)));
  service.child.kill('SIGTERM');
  return exited;
}

describe('a run through the bundled services', () => {
  it('completes the sample room triggered over HTTP, every stage in a worker thread of a bundled worker', async () => {
    const runPrefix = randomPrefix('bundled-run');
    // Every room computes in a stage thread (WORKER_THREAD_MIN_TILES=1), so the run completes only
    // if the workers find the stage thread's bundle beside theirs.
    const env = { REDIS_URL, QUEUE_PREFIX: runPrefix, LOG_LEVEL: 'info', API_AUTH_DISABLED: 'true' };
    const workerEnv = { ...env, WORKER_THREAD_MIN_TILES: '1' };
    const services: BundledService[] = [];
    try {
      services.push(
        ...(await Promise.all([
          startBundled('scheduler', env),
          startBundled('light-worker', workerEnv),
          startBundled('light-worker', workerEnv),
          startBundled('placement-worker', workerEnv),
        ])),
      );
      const scheduler = services[0];
      const triggered = await fetch(`${scheduler.baseUrl}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sample: true }),
      });
      expect(triggered.status).toBe(202);
      const { runId } = (await triggered.json()) as { runId: string };
      let view: { status: string; error?: string; result?: { roomId: string } } = { status: 'unknown' };
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && view.status !== 'completed' && view.status !== 'failed') {
        await new Promise((resolve) => setTimeout(resolve, 200));
        view = (await (await fetch(`${scheduler.baseUrl}/api/runs/${runId}`)).json()) as typeof view;
      }
      expect(view.status, `${view.error ?? ''}\n${services.map((s) => s.output()).join('\n')}`).toBe(
        'completed',
      );
      const sample = JSON.parse(readFileSync(join(REPO_ROOT, 'data/input/sample_grid.json'), 'utf8')) as {
        roomId: string;
      };
      expect(view.result?.roomId).toBe(sample.roomId);
    } finally {
      const codes = await Promise.all(services.map(stopBundled));
      await deletePrefix(REDIS_URL, runPrefix);
      expect(codes).toEqual(services.map(() => 0));
    }
  }, 90_000);
});

import { readFileSync } from 'node:fs';

/** A V8 `.cpuprofile` (the fields this summary reads). */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Time spent in one function or package. */
export interface ProfileEntry {
  readonly name: string;
  readonly ms: number;
  /** Fraction of the busy time. */
  readonly share: number;
}

/** Where one process's main thread spent its CPU time. */
export interface CpuProfileSummary {
  /** Sampled time that was not idle, in ms. */
  readonly busyMs: number;
  /** Self time by function, largest first. */
  readonly functions: readonly ProfileEntry[];
  /** Self time by package (`bullmq`, `ioredis`, `pino`, `packages/core`, `node`, `(garbage collector)`, …). */
  readonly packages: readonly ProfileEntry[];
  /** Inclusive time (itself and what it calls) of the project's own functions (packages/, services/, bench/). */
  readonly ownCodeInclusive: readonly ProfileEntry[];
}

/**
 * Summarizes a `--cpu-prof` profile over the samples from `fromMs` to `toMs` after the profile
 * started, so start-up (tsx compiling sources, connecting) and shutdown stay out and the figures
 * describe the steady state the benchmark measured. Only the main thread is profiled: JIT and GC
 * helper threads, which `/proc` CPU time includes, are not in it.
 */
export function summarizeCpuProfile(
  path: string,
  fromMs = 0,
  toMs = Number.POSITIVE_INFINITY,
  top = 12,
): CpuProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let elapsedUs = 0;
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const deltaUs = profile.timeDeltas[i] ?? 0;
    elapsedUs += deltaUs;
    if (elapsedUs < fromMs * 1000 || elapsedUs > toMs * 1000) continue;
    const leaf = nodes.get(profile.samples[i]);
    if (!leaf || leaf.callFrame.functionName === '(idle)') continue;
    busyUs += deltaUs;
    const where = packageOf(leaf.callFrame.url, leaf.callFrame.functionName);
    add(self, frameName(leaf.callFrame), deltaUs);
    add(byPackage, where, deltaUs);
    // Each own function on the stack once, however deep the recursion.
    const onStack = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parents.get(id)) {
      const frame = nodes.get(id)?.callFrame;
      if (!frame || !/\/(packages|services|bench)\//.test(frame.url) || frame.url.includes('node_modules'))
        continue;
      onStack.add(frameName(frame));
    }
    for (const name of onStack) add(inclusive, name, deltaUs);
  }
  const rank = (map: Map<string, number>) =>
    [...map]
      .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top);
  return {
    busyMs: busyUs / 1000,
    functions: rank(self),
    packages: rank(byPackage),
    ownCodeInclusive: rank(inclusive),
  };
}

/**
 * The profile of a process's main thread among the files `--cpu-prof` wrote into its directory
 * (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`; the ESM loader hooks of tsx run on a
 * thread of their own, which writes a second file).
 */
export function mainThreadProfile(files: readonly string[]): string | undefined {
  return files.find((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name));
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function frameName(frame: { functionName: string; url: string; lineNumber: number }): string {
  const where = frame.url ? shortPath(frame.url) : packageOf(frame.url, frame.functionName);
  return `${frame.functionName || '(anonymous)'} ${where}`;
}

/** The package a frame's source belongs to, or the V8 pseudo-frame it is. */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (modules) return modules[1];
  const workspace = /\/(packages|services)\/([^/]+)\//.exec(url);
  if (workspace) return `${workspace[1]}/${workspace[2]}`;
  if (url.startsWith('node:')) return 'node';
  return /\/bench\//.test(url) ? 'bench' : url;
}

/** A source URL from the repository root or from `node_modules`, for reading. */
function shortPath(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const repo = /\/((?:packages|services|bench)\/.*)$/.exec(url);
  return repo ? repo[1] : url;
}

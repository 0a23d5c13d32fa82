import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';

/** Redis commands one batch of runs sent, from MONITOR, per run. */
export interface RedisCensus {
  readonly runs: number;
  /** Commands clients sent (round trips; a Lua script call is one), by all but the completion detector. */
  readonly roundTripsPerRun: number;
  /** Commands Redis ran inside those Lua scripts (work, not round trips). */
  readonly scriptCommandsPerRun: number;
  /** Bytes of command arguments clients sent per run (payloads in, not replies). */
  readonly argumentBytesPerRun: number;
  /** Client commands (Lua scripts by BullMQ script name), per run, most frequent first. */
  readonly byCommand: readonly CommandTally[];
  /** Commands inside Lua scripts, per run, most frequent first. */
  readonly byScriptCommand: readonly CommandTally[];
  /** Per client connection name, per run. */
  readonly byClient: readonly { readonly client: string; readonly perRun: number }[];
}

/** How often one command ran per run, and the bytes of its arguments. */
export interface CommandTally {
  readonly command: string;
  readonly perRun: number;
  readonly bytesPerRun: number;
}

/**
 * Counts the Redis commands that touch `prefix` while `batch` runs, with MONITOR (which slows
 * Redis down, so this is a separate short batch, never the timed one). The harness's completion
 * detector (its QueueEvents reader, named `…:qe` by BullMQ) is the same in every phase and no
 * part of the system: it is listed per client but left out of the per-run totals. The harness's
 * own triggers and reads (clients named `bench:…`) count, as the scheduler's would.
 */
export async function redisCensus(
  redisUrl: string,
  prefix: string,
  batch: () => Promise<number>,
): Promise<RedisCensus> {
  const scripts = bullmqScriptNames();
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const monitor = await admin.monitor();
  const seen: { source: string; command: string; bytes: number }[] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (!args.some((arg) => arg.includes(prefix))) return;
    let command = args[0].toLowerCase();
    if (command === 'evalsha') command = `lua:${scripts.get(args[1]) ?? args[1].slice(0, 8)}`;
    seen.push({ source, command, bytes: args.reduce((sum, arg) => sum + Buffer.byteLength(arg), 0) });
  });
  let runs: number;
  let names: Map<string, string>;
  try {
    runs = await batch();
    // Let trailing commands (the last completion's events, lock releases) arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    names = clientNames(String(await admin.client('LIST')));
  } finally {
    monitor.disconnect();
    admin.disconnect();
  }
  const byCommand = new Map<string, { count: number; bytes: number }>();
  const byScriptCommand = new Map<string, { count: number; bytes: number }>();
  const byClient = new Map<string, number>();
  let roundTrips = 0;
  let scriptCommands = 0;
  let bytes = 0;
  for (const entry of seen) {
    // MONITOR shows commands a Lua script runs with the source `lua`.
    const inScript = entry.source === 'lua';
    const client = inScript ? '(inside Lua scripts)' : (names.get(entry.source) ?? entry.source);
    byClient.set(client, (byClient.get(client) ?? 0) + 1);
    if (isHarnessClient(client)) continue;
    if (inScript) scriptCommands++;
    else {
      roundTrips++;
      bytes += entry.bytes;
    }
    const tallies = inScript ? byScriptCommand : byCommand;
    const tally = tallies.get(entry.command) ?? { count: 0, bytes: 0 };
    tally.count++;
    tally.bytes += entry.bytes;
    tallies.set(entry.command, tally);
  }
  const ranked = (tallies: Map<string, { count: number; bytes: number }>) =>
    [...tallies]
      .map(([command, t]) => ({ command, perRun: t.count / runs, bytesPerRun: t.bytes / runs }))
      .sort((a, b) => b.perRun - a.perRun);
  return {
    runs,
    roundTripsPerRun: roundTrips / runs,
    scriptCommandsPerRun: scriptCommands / runs,
    argumentBytesPerRun: bytes / runs,
    byCommand: ranked(byCommand),
    byScriptCommand: ranked(byScriptCommand),
    byClient: [...byClient]
      .map(([client, count]) => ({ client, perRun: count / runs }))
      .sort((a, b) => b.perRun - a.perRun),
  };
}

function isHarnessClient(name: string): boolean {
  return name.endsWith(':qe');
}

/** SHA1 → BullMQ script name, computed like ioredis does for `defineCommand`. */
function bullmqScriptNames(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const scripts = require('bullmq/dist/cjs/scripts/index.js') as Record<
    string,
    { name: string; content: string }
  >;
  return new Map(
    Object.values(scripts).map((s) => [createHash('sha1').update(s.content).digest('hex'), s.name]),
  );
}

/** `addr` → `name` (or `addr` when unnamed) from CLIENT LIST; MONITOR reports sources as `addr`. */
function clientNames(list: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of list.split('\n')) {
    const addr = /(?:^| )addr=(\S+)/.exec(line)?.[1];
    const name = /(?:^| )name=(\S*)/.exec(line)?.[1];
    if (addr) names.set(addr, name ? name : addr);
  }
  return names;
}

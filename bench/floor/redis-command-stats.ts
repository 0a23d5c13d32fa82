import type { Redis } from 'ioredis';

/** Calls per command from `INFO commandstats` (Lua scripts count as one `evalsha` each). */
export type CommandStats = Readonly<Record<string, number>>;

/** The server's calls per command so far. */
export async function commandStats(redis: Redis): Promise<CommandStats> {
  const info = await redis.info('commandstats');
  const stats: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) stats[match[1]] = Number(match[2]);
  return stats;
}

/** What ran between two snapshots, per unit (rooms, say), without the snapshots' own INFO calls. */
export interface CommandDelta {
  /** Commands Redis executed: those clients sent and those Lua scripts ran. */
  readonly perUnit: number;
  /** Lua script calls (`evalsha`, `eval`): each one round trip that runs many commands. */
  readonly scriptCallsPerUnit: number;
  /** The same by command, most frequent first (at most 12). */
  readonly byCommand: Readonly<Record<string, number>>;
}

/**
 * Calls between `before` and `after`, divided by `units`. Redis counts the commands a Lua
 * script runs under their own names too, so these mix round trips with work inside scripts;
 * the MONITOR census (bench/redis-census.ts) tells them apart on a smaller batch.
 */
export function commandDelta(before: CommandStats, after: CommandStats, units: number): CommandDelta {
  const delta = Object.entries(after)
    .map(([command, calls]) => [command, calls - (before[command] ?? 0)] as const)
    .filter(([command, calls]) => calls > 0 && command !== 'info')
    .sort((a, b) => b[1] - a[1]);
  const total = delta.reduce((sum, [, calls]) => sum + calls, 0);
  const scripts = delta
    .filter(([command]) => command.startsWith('eval'))
    .reduce((sum, [, calls]) => sum + calls, 0);
  return {
    perUnit: round(total / units),
    scriptCallsPerUnit: round(scripts / units),
    byCommand: Object.fromEntries(
      delta.slice(0, 12).map(([command, calls]) => [command, round(calls / units)]),
    ),
  };
}

const round = (value: number) => Math.round(value * 10) / 10;

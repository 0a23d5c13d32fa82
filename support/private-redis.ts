import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answersPing } from '../scripts/redis-ping.js';
import { freePort } from './processes.js';
import { requireTool } from './require-tool.js';

/**
 * A redis-server of one test's (or the soak's) own, on its own port and data directory, so it
 * may be stopped and restarted without touching the shared Redis other tests use.
 */
export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** Its data directory (the append-only file lives here). */
  readonly dir: string;
  /** Pid of the current server process, `undefined` while stopped. */
  readonly pid: number | undefined;
  /** Stops the server with SIGTERM (Redis flushes the AOF and exits 0); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Starts it again on the same port and directory, and waits until it answers PING. */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  close(): Promise<void>;
}

/** Options of {@link startPrivateRedis}. */
export interface PrivateRedisOptions {
  /**
   * Append-only persistence with an fsync per write (`--appendfsync always`): what a test
   * needs to prove that every acknowledged write survives a restart. Default true.
   */
  appendOnly?: boolean;
  /** `everysec` is what production uses; `always` makes durability exact for tests. Default `always`. */
  appendFsync?: 'always' | 'everysec';
  /** A password clients must give (`requirepass`); `url` then carries it. */
  password?: string;
  /** Memory limit (`--maxmemory`, e.g. `512mb`); none by default. */
  maxMemory?: string;
}

/** Starts a private redis-server on a free loopback port with its own temporary directory. */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const redisServer = requireTool('redis-server');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cg-reliability-redis-'));
  const appendOnly = options.appendOnly ?? true;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    appendOnly ? 'yes' : 'no',
    '--appendfsync',
    options.appendFsync ?? 'always',
    // As in production (compose): a full Redis refuses writes rather than silently dropping jobs.
    '--maxmemory-policy',
    'noeviction',
    ...(options.password === undefined ? [] : ['--requirepass', options.password]),
    ...(options.maxMemory === undefined ? [] : ['--maxmemory', options.maxMemory]),
  ];
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);

  const start = async () => {
    const server = spawn(redisServer, args, { stdio: 'ignore' });
    child = server;
    exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 200; i++) {
      if (server.exitCode !== null) throw new Error(`redis-server on port ${port} exited at start`);
      // Up either way: a test may have set a password.
      if (await answersPing('127.0.0.1', port, { orAsksForPassword: true })) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server on port ${port} never answered PING`);
  };
  const stop = async () => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null)
      return current?.exitCode ?? null;
    current.kill('SIGTERM');
    const code = await exited;
    child = undefined;
    return code;
  };

  await start();
  return {
    port,
    url:
      options.password === undefined
        ? `redis://127.0.0.1:${port}`
        : `redis://:${encodeURIComponent(options.password)}@127.0.0.1:${port}`,
    dir,
    get pid() {
      return child?.pid;
    },
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

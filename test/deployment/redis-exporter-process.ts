import { type ChildProcess, spawn } from 'node:child_process';
import { requireTool } from '../../support/require-tool.js';

/** A running Redis exporter. */
export interface RedisExporterProcess {
  /** `host:port` its /metrics listens on. */
  address: string;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the exporter the monitoring profile runs (redis_exporter, Debian's build of it)
 * against `redisUrl`, and waits until its /health answers.
 */
export async function startRedisExporter(redisUrl: string, port: number): Promise<RedisExporterProcess> {
  // Debian's build of redis_exporter (package prometheus-redis-exporter); a clear message when missing.
  const binary = requireTool('prometheus-redis-exporter');
  const address = `127.0.0.1:${port}`;
  const child: ChildProcess = spawn(binary, [`-redis.addr=${redisUrl}`, `-web.listen-address=${address}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis exporter exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`http://${address}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis exporter did not answer on ${address} within 10 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    address,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      // Go programs exit 2 on SIGTERM without a handler; the exporter's own handler exits 0.
      return code;
    },
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { requireTool } from '../../support/require-tool.js';

/** One `scrape_configs` entry, with the keys these tests rewrite; the rest is kept as is. */
export interface ScrapeConfig {
  job_name: string;
  static_configs?: Array<{ targets: string[]; labels?: Record<string, string> }>;
  dns_sd_configs?: unknown[];
  [key: string]: unknown;
}

/** A Prometheus configuration file, as parsed. */
export interface PrometheusConfig {
  global?: Record<string, unknown>;
  rule_files?: string[];
  scrape_configs: ScrapeConfig[];
  [key: string]: unknown;
}

/** Reads and parses a Prometheus configuration file. */
export function readPrometheusConfig(file: string): PrometheusConfig {
  return parse(readFileSync(file, 'utf8')) as PrometheusConfig;
}

/**
 * The deployed configuration with its service discovery swapped for fixed local targets: every
 * job keeps its name and settings, but scrapes exactly `targets[job_name]` (`host:port` each).
 * Throws when a job of the file has no local targets or a local target names no job of the
 * file, so a job renamed on either side cannot slip through unscraped.
 */
export function withLocalTargets(
  deployed: PrometheusConfig,
  targets: Record<string, string[]>,
  interval = '1s',
): PrometheusConfig {
  const jobs = deployed.scrape_configs.map((job) => job.job_name);
  const unknown = Object.keys(targets).filter((job) => !jobs.includes(job));
  if (unknown.length > 0) throw new Error(`no job ${unknown.join(', ')} in the Prometheus configuration`);
  return {
    ...deployed,
    // A short interval so the test waits seconds, not the deployed 15 s; the timeout may not exceed it.
    global: {
      ...deployed.global,
      scrape_interval: interval,
      scrape_timeout: interval,
      evaluation_interval: interval,
    },
    scrape_configs: deployed.scrape_configs.map(
      ({ dns_sd_configs: _dns, static_configs: _static, ...job }) => {
        const local = targets[job.job_name];
        if (!local || local.length === 0) throw new Error(`no local target for job ${job.job_name}`);
        return { ...job, static_configs: [{ targets: local }] };
      },
    ),
  };
}

/** A target as `GET /api/v1/targets` reports it. */
export interface ActiveTarget {
  labels: Record<string, string>;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

/** One series of an instant query's vector result. */
export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** A rule as `GET /api/v1/rules` reports it. */
export interface RuleStatus {
  name: string;
  type: 'alerting' | 'recording';
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
}

/** A Prometheus server running as a child process of the test. */
export interface PrometheusProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Everything it logged so far, for failure messages. */
  output(): string;
  /** `data` of a successful `GET /api/v1/<path>`; throws on an error answer. */
  api<T>(path: string): Promise<T>;
  /** Active targets of every job. */
  targets(): Promise<ActiveTarget[]>;
  /** Instant query whose result is a vector. */
  query(promql: string): Promise<VectorSample[]>;
  /** Every rule of every loaded group. */
  rules(): Promise<RuleStatus[]>;
  /** SIGTERM, then the exit code (null when killed by a signal). */
  stop(): Promise<number | null>;
}

/**
 * Writes `config` to `<dir>/prometheus.yml` (with copies of its rule files, which Prometheus
 * resolves relative to the configuration file, taken from `rulesFrom`), starts Prometheus on
 * `127.0.0.1:<port>` with its TSDB under `<dir>/data`, and waits until `/-/ready` answers 200.
 */
export async function startPrometheus(options: {
  dir: string;
  config: PrometheusConfig;
  /** Directory the configuration's `rule_files` are relative to (the deployed file's). */
  rulesFrom: string;
  port: number;
  timeoutMs?: number;
}): Promise<PrometheusProcess> {
  const binary = requireTool('prometheus');
  const { dir, config, port } = options;
  mkdirSync(dir, { recursive: true });
  for (const rules of config.rule_files ?? []) {
    mkdirSync(dirname(join(dir, rules)), { recursive: true });
    copyFileSync(join(options.rulesFrom, rules), join(dir, rules));
  }
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, stringify(config));

  let output = '';
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1/${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error ?? response.status}`);
    return body.data;
  };
  const prometheus: PrometheusProcess = {
    child,
    baseUrl,
    output: () => output,
    api,
    targets: async () => (await api<{ activeTargets: ActiveTarget[] }>('targets?state=active')).activeTargets,
    query: async (promql) => {
      const data = await api<{ resultType: string; result: VectorSample[] }>(
        `query?query=${encodeURIComponent(promql)}`,
      );
      if (data.resultType !== 'vector') throw new Error(`${promql}: ${data.resultType}, not a vector`);
      return data.result;
    },
    rules: async () =>
      (await api<{ groups: Array<{ rules: RuleStatus[] }> }>('rules')).groups.flatMap((group) => group.rules),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };

  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited with ${child.exitCode} during start:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/-/ready`)).status === 200) return prometheus;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`prometheus was not ready within ${timeoutMs} ms:\n${output}`);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestDuration } from '@ceiling-grid/http-kit';
import { PipelineMetrics } from '@ceiling-grid/observability';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentOf, interpolate, REPO_ROOT, readComposeFile } from './compose-file.js';
import { readEnvFile } from './env-file.js';

interface ScrapeConfig {
  job_name: string;
  static_configs?: Array<{ targets: string[] }>;
  dns_sd_configs?: Array<{ names: string[]; type?: string; port?: number }>;
}

interface GrafanaPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Array<{ expr: string; refId: string; datasource?: { uid: string } }>;
}

const prometheus = parse(readFileSync(join(REPO_ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
  scrape_configs: ScrapeConfig[];
  rule_files?: string[];
};
const compose = interpolate(readComposeFile(), readEnvFile(join(REPO_ROOT, '.env')));
const APP_SERVICES = ['scheduler', 'dashboard', 'light-worker', 'placement-worker'];

const dashboardDir = join(REPO_ROOT, 'deploy/grafana/dashboards');
const dashboard = JSON.parse(readFileSync(join(dashboardDir, 'ceiling-grid.json'), 'utf8')) as {
  uid: string;
  panels: GrafanaPanel[];
};
const datasources = parse(
  readFileSync(join(REPO_ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
) as { datasources: Array<{ uid: string; type: string; url: string }> };
const providers = parse(
  readFileSync(join(REPO_ROOT, 'deploy/grafana/provisioning/dashboards/ceiling-grid.yml'), 'utf8'),
) as { providers: Array<{ type: string; options: { path: string } }> };

/** Metric families a PromQL expression selects (functions, keywords and label names excluded). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range durations, Grafana's $__rate_interval
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const keywords = new Set([
    'by',
    'without',
    'on',
    'ignoring',
    'group_left',
    'group_right',
    'and',
    'or',
    'unless',
    'bool',
    'offset',
  ]);
  const names: string[] = [];
  for (const match of bare.matchAll(/(?<![\w:.$])[a-zA-Z_:][\w:]*/g)) {
    const next = bare.slice((match.index ?? 0) + match[0].length).trimStart();
    if (!next.startsWith('(') && !keywords.has(match[0])) names.push(match[0]);
  }
  return names;
}

/**
 * Every series name the services export: the core's registry, the http-kit's request
 * histogram, BullMQ's queue gauges, Prometheus' own `up`.
 */
async function exportedSeries(): Promise<Set<string>> {
  const metrics = new PipelineMetrics({ service: 'test', processMetrics: false });
  requestDuration(metrics.registry);
  const names = new Set(['up', 'bullmq_job_count', 'bullmq_job_completed_total', 'bullmq_job_failed_total']);
  for (const { name, type } of await metrics.registry.getMetricsAsJSON()) {
    names.add(name);
    if (String(type) === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('Prometheus configuration', () => {
  it.each(APP_SERVICES)(
    'finds every %s replica through Docker DNS (type A), on its in-network port',
    (name) => {
      const job = prometheus.scrape_configs.find((config) => config.job_name === name);
      expect(job?.static_configs).toBeUndefined();
      expect(job?.dns_sd_configs).toHaveLength(1);
      const [discovery] = job?.dns_sd_configs ?? [];
      expect(discovery.type).toBe('A');
      expect(discovery.names).toEqual([name]); // the service name, no swarm-only `tasks.` prefix
      expect(discovery.port).toBe(Number(environmentOf(compose.services[name]).HEALTH_PORT));
    },
  );

  it('loads the alert rules that exist beside it', () => {
    expect(prometheus.rule_files).toEqual(['alerts.yml']);
    expect(readdirSync(join(REPO_ROOT, 'deploy/prometheus'))).toContain('alerts.yml');
  });

  it('is what the compose service mounts as /etc/prometheus', () => {
    expect(compose.services.prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(compose.services.prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
  });
});

describe('Grafana provisioning', () => {
  it('provisions the compose Prometheus as the datasource the dashboard uses', () => {
    expect(datasources.datasources).toHaveLength(1);
    const [source] = datasources.datasources;
    expect(source.type).toBe('prometheus');
    expect(source.url).toBe('http://prometheus:9090');
    for (const panel of dashboard.panels) {
      expect(panel.datasource?.uid, panel.title).toBe(source.uid);
      for (const target of panel.targets ?? []) expect(target.datasource?.uid ?? source.uid).toBe(source.uid);
    }
  });

  it('loads dashboards from the folder compose mounts deploy/grafana/dashboards at', () => {
    const mount = (compose.services.grafana.volumes ?? []).find(
      (volume): volume is string =>
        typeof volume === 'string' && volume.startsWith('./deploy/grafana/dashboards:'),
    );
    expect(mount?.split(':')[1]).toBe(providers.providers[0].options.path);
    expect(providers.providers[0].type).toBe('file');
  });
});

describe('Grafana dashboard', () => {
  const queries = dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel, ...target })),
  );

  it('has the panels issue 5 asks for', () => {
    const titles = dashboard.panels.map((panel) => panel.title);
    for (const wanted of [
      /runs \/ s/i,
      /stage latency/i,
      /confidence per model/i,
      /selection share/i,
      /queue depth/i,
      /fail/i,
    ]) {
      expect(
        titles.some((title) => wanted.test(title)),
        String(wanted),
      ).toBe(true);
    }
  });

  it('queries only series the services export (so a renamed metric fails here, not on a blank panel)', async () => {
    const exported = await exportedSeries();
    expect(exported).toContain('ml_model_execution_duration_seconds_bucket');
    expect(exported).toContain('pipeline_runs_total');
    for (const { panel, expr } of queries) {
      for (const name of metricNames(expr)) expect(exported, `${panel.title}: ${name}`).toContain(name);
    }
  });

  it('queries every metric of RULES §7 and the pipeline metrics somewhere', () => {
    const used = new Set(queries.flatMap((query) => metricNames(query.expr)));
    for (const name of [
      'ml_model_executions_total',
      'ml_model_execution_duration_seconds_bucket',
      'ml_model_confidence_score',
      'ml_model_selected_total',
      'ml_components_placed_total',
      'pipeline_runs_total',
      'pipeline_run_duration_seconds_bucket',
      'bullmq_job_count',
    ]) {
      expect(used, name).toContain(name);
    }
  });

  it('draws the request duration histogram as p50 and p95 by route, without probes and scrapes', () => {
    const http = queries.filter((query) =>
      metricNames(query.expr).includes('http_request_duration_seconds_bucket'),
    );
    expect(http.map((query) => /histogram_quantile\((0\.\d+),/.exec(query.expr)?.[1]).sort()).toEqual([
      '0.5',
      '0.95',
    ]);
    for (const { panel, expr } of http) {
      expect(panel.title).toMatch(/request duration by route/i);
      expect(expr).toMatch(/sum by \(le, job, route\)/);
      expect(expr).toContain('route!~"/healthz|/metrics"');
    }
  });

  it('uses the status values the metrics record (completed | failed)', () => {
    for (const { expr } of queries) {
      for (const match of expr.matchAll(/status\s*=~?\s*"([^"]*)"/g))
        expect(['completed', 'failed']).toContain(match[1]);
    }
  });

  it('deduplicates the queue gauges the dashboard and the scheduler both export', () => {
    for (const { panel, expr } of queries.filter((query) => query.expr.includes('bullmq_job_count'))) {
      expect(expr, panel.title).toMatch(/max by \(queue/);
    }
  });

  it('has unique panel ids and refIds, and panels inside the 24-column grid', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) {
      const refIds = (panel.targets ?? []).map((target) => target.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('extracts metric names from PromQL correctly (control for the checks above)', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, model_name) (rate(foo_bucket{status="failed"}[5m]))) / ignoring(model_name) group_left sum(bar)',
      ),
    ).toEqual(['foo_bucket', 'bar']);
  });
});

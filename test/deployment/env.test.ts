import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonEnvSchema, loadConfig } from '../../packages/queue/src/service-config.js';
import { REPO_ROOT } from './compose-file.js';
import { envEntries, readEnvFile } from './env-file.js';

const ENV_PATH = join(REPO_ROOT, '.env');
const dotenv = readEnvFile(ENV_PATH);
const entries = envEntries(ENV_PATH);

/** The settings the services read, with the development default .env must give them. */
const SERVICE_SETTINGS: Record<string, string> = {
  REDIS_URL: 'redis://redis:6379',
  QUEUE_PREFIX: '{ceiling-grid}',
  LOG_LEVEL: 'info',
  NODE_ENV: 'development',
  SCHEDULER_PORT: '3000',
  API_TOKEN: '',
  API_AUTH_DISABLED: 'true',
  TRIGGER_RATE_LIMIT_PER_MINUTE: '600',
  DAILY_CRON: '0 2 * * *',
  DAILY_GRID_PATH: 'data/input/sample_grid.json',
  DAILY_ENABLED: 'true',
  RESULT_TTL_DAYS: '7',
  LIGHT_WORKER_CONCURRENCY: '2',
  LIGHT_WORKER_METRICS_PORT: '9101',
  PLACEMENT_WORKER_CONCURRENCY: '2',
  PLACEMENT_WORKER_METRICS_PORT: '9102',
  DASHBOARD_PORT: '8080',
  DASHBOARD_USER: 'admin',
  DASHBOARD_READ_ONLY: 'false',
};

describe('.env', () => {
  it.each(Object.entries(SERVICE_SETTINGS))('sets %s to its development default %j', (key, value) => {
    expect(dotenv[key]).toBe(value);
  });

  it('has a development password for the dashboard and Grafana that says it is one', () => {
    for (const key of ['DASHBOARD_PASSWORD', 'GRAFANA_ADMIN_PASSWORD']) {
      expect(dotenv[key], key).toMatch(/^dev-only-/);
    }
  });

  it('commits no real secret: every secret-looking value is empty or a marked development default', () => {
    const secretKeys = entries
      .map((entry) => entry.key)
      .filter((key) => /PASSWORD|TOKEN|SECRET|KEY/.test(key));
    expect(secretKeys.length).toBeGreaterThanOrEqual(3);
    for (const key of secretKeys) expect(dotenv[key], key).toMatch(/^(|dev-only-[a-z-]+)$/);
    for (const entry of entries) expect(entry.value, entry.key).not.toMatch(/:\/\/[^/\s]*:[^@/\s]+@/);
  });

  it('explains every setting with a comment right above it', () => {
    expect(entries.length).toBeGreaterThanOrEqual(Object.keys(SERVICE_SETTINGS).length);
    for (const entry of entries) expect(entry.comment.length, entry.key).toBeGreaterThan(10);
  });

  it('defines each key once', () => {
    const keys = entries.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is the same file as .env.example, the template scripts/setup.sh copies', () => {
    expect(readFileSync(join(REPO_ROOT, '.env.example'), 'utf8')).toBe(readFileSync(ENV_PATH, 'utf8'));
  });

  it('passes the services’ common configuration schema', () => {
    const config = loadConfig(commonEnvSchema, dotenv);
    expect(config).toMatchObject({
      QUEUE_PREFIX: '{ceiling-grid}',
      RESULT_TTL_DAYS: 7,
      NODE_ENV: 'development',
    });
  });

  it('reads the same in a POSIX shell (`set -a; . ./.env`) as in Node and Compose', () => {
    const keys = entries.map((entry) => entry.key);
    const script = `set -a; . ./.env; printf '%s\\0' ${keys.map((key) => `"$${key}"`).join(' ')}`;
    const shell = spawnSync('sh', ['-c', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(shell.status).toBe(0);
    const values = shell.stdout.split('\0').slice(0, -1);
    expect(Object.fromEntries(keys.map((key, i) => [key, values[i]]))).toEqual(
      Object.fromEntries(keys.map((key) => [key, dotenv[key]])),
    );
  });
});

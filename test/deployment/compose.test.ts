import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ComposeService,
  durationSeconds,
  environmentOf,
  interpolate,
  parseComposeYaml,
  REPO_ROOT,
  readComposeFile,
  stringLeaves,
  variableReferences,
} from './compose-file.js';
import { composeValidator } from './compose-schema.js';
import { readEnvFile } from './env-file.js';

const raw = readComposeFile();
const dotenv = readEnvFile(join(REPO_ROOT, '.env'));
/** The file as `docker compose` sees it with the committed .env (and nothing else set). */
const compose = interpolate(raw, dotenv);
const services = compose.services;

const APP_SERVICES = ['scheduler', 'dashboard', 'light-worker', 'placement-worker'];
const WORKERS = ['light-worker', 'placement-worker'];
/** Port each application service listens on inside the compose network (RULES §7). */
const IN_NETWORK_PORT: Record<string, number> = {
  scheduler: 3000,
  dashboard: 8080,
  'light-worker': 9101,
  'placement-worker': 9102,
};

describe('docker-compose.yml against the Compose specification', () => {
  const validate = composeValidator();

  it('validates, interpolated with the committed .env', () => {
    expect(validate(compose)).toEqual([]);
  });

  it('validates with the monitoring profile and secrets set as production would', () => {
    const production = {
      ...dotenv,
      NODE_ENV: 'production',
      API_TOKEN: 'x'.repeat(64),
      API_AUTH_DISABLED: 'false',
    };
    expect(validate(interpolate(raw, production))).toEqual([]);
  });

  it('has no `version:` key (Compose specification, not the v2/v3 file formats)', () => {
    expect(Object.keys(raw)).not.toContain('version');
  });

  // Controls: the validator must reject what Compose rejects, or the two tests above prove nothing.
  it.each([
    ['an unknown service key', (s: ComposeService) => Object.assign(s, { restart_policy: 'always' })],
    ['a bad duration', (s: ComposeService) => Object.assign(s, { stop_grace_period: '30 seconds' })],
    ['a bad port', (s: ComposeService) => Object.assign(s, { ports: ['3000:abc'] })],
    [
      'a bad depends_on condition',
      (s: ComposeService) => Object.assign(s, { depends_on: { redis: { condition: 'up' } } }),
    ],
    [
      'an unknown healthcheck key',
      (s: ComposeService) => Object.assign(s, { healthcheck: { test: ['CMD', 'x'], every: '5s' } }),
    ],
  ])('rejects %s', (_label, mutate) => {
    const broken = structuredClone(compose);
    mutate(broken.services.scheduler);
    expect(validate(broken).length).toBeGreaterThan(0);
  });
});

describe('docker-compose.yml topology (issue 5)', () => {
  it('has redis, the four application services and the three monitoring services', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'dashboard',
        'grafana',
        'light-worker',
        'placement-worker',
        'prometheus',
        'redis',
        'redis-exporter',
        'scheduler',
      ].sort(),
    );
  });

  it.each(Object.keys(raw.services))('%s has a healthcheck that runs a command', (name) => {
    const healthcheck = services[name].healthcheck;
    expect(healthcheck?.disable).not.toBe(true);
    const test = healthcheck?.test;
    expect(Array.isArray(test)).toBe(true);
    expect(['CMD', 'CMD-SHELL']).toContain((test as string[])[0]);
    expect((test as string[]).length).toBeGreaterThan(1);
  });

  it.each(Object.keys(raw.services))('%s restarts by itself and gets at least 30 s to stop', (name) => {
    expect(['always', 'unless-stopped', 'on-failure']).toContain(services[name].restart);
    const grace = durationSeconds(services[name].stop_grace_period ?? '');
    expect(grace).toBeGreaterThanOrEqual(30);
  });

  it.each(WORKERS)('%s can be scaled: no container_name and no host ports', (name) => {
    expect(services[name].container_name).toBeUndefined();
    expect(services[name].ports).toBeUndefined();
  });

  it('no service pins a container_name (so every one can be scaled or run twice)', () => {
    for (const service of Object.values(services)) expect(service.container_name).toBeUndefined();
  });

  it.each(APP_SERVICES)('%s waits for a healthy redis', (name) => {
    expect(services[name].depends_on).toEqual({ redis: { condition: 'service_healthy' } });
  });

  it.each(APP_SERVICES)(
    '%s runs its own compiled entry point from the one image, with plain node',
    (name) => {
      const service = services[name];
      expect(service.command).toEqual(['node', `services/${name}/dist/main.bundle.mjs`]);
      expect(existsSync(join(REPO_ROOT, 'services', name, 'package.json'))).toBe(true);
      expect(service.image).toBe(services.scheduler.image);
      expect(service.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    },
  );

  it.each(APP_SERVICES)('%s health-checks its own port and mounts data/ read-only', (name) => {
    const env = environmentOf(services[name]);
    expect(Number(env.HEALTH_PORT)).toBe(IN_NETWORK_PORT[name]);
    expect(services[name].healthcheck?.test).toEqual(['CMD', 'node', 'deploy/docker/healthcheck.mjs']);
    expect(services[name].volumes).toContain('./data:/app/data:ro');
  });

  it('each service listens on the in-network port the healthcheck and Prometheus use', () => {
    expect(environmentOf(services.scheduler).SCHEDULER_PORT).toBe('3000');
    expect(environmentOf(services.dashboard).DASHBOARD_PORT).toBe('8080');
    expect(environmentOf(services['light-worker']).LIGHT_WORKER_METRICS_PORT).toBe('9101');
    expect(environmentOf(services['placement-worker']).PLACEMENT_WORKER_METRICS_PORT).toBe('9102');
  });

  it('publishes the scheduler on 3000 and the dashboard on 8080 (on the host address from .env)', () => {
    expect(services.scheduler.ports).toEqual([`${dotenv.PUBLISH_ADDRESS}:3000:3000`]);
    expect(services.dashboard.ports).toEqual([`${dotenv.PUBLISH_ADDRESS}:8080:8080`]);
    expect(dotenv.PUBLISH_ADDRESS).toBe('127.0.0.1');
  });

  it('gives every application service the settings of RULES §7 and the queue prefix', () => {
    for (const name of APP_SERVICES) {
      const env = environmentOf(services[name]);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.QUEUE_PREFIX).toBe('{ceiling-grid}');
      expect(env.LOG_LEVEL).toBe('info');
    }
    expect(environmentOf(services.scheduler).DAILY_GRID_PATH).toBe('data/input/sample_grid.json');
    expect(environmentOf(services.scheduler).DAILY_CRON).toBe('0 2 * * *');
    // The dashboard triggers runs through the shared RunService (Redis), not the scheduler's HTTP API.
    expect(environmentOf(services.dashboard).SCHEDULER_URL).toBeUndefined();
  });

  it('runs redis from the official image with AOF persistence on a named volume and noeviction', () => {
    const redis = services.redis;
    expect(redis.image).toMatch(/^redis:\d+(\.\d+)*-[a-z]+$/);
    const command = redis.command as string[];
    const option = (flag: string) => command[command.indexOf(flag) + 1];
    expect(option('--appendonly')).toBe('yes');
    expect(option('--maxmemory-policy')).toBe('noeviction');
    expect(redis.volumes).toContain('redis-data:/data');
    expect(Object.keys(compose.volumes ?? {})).toContain('redis-data');
  });

  it('hardens the application containers', () => {
    for (const name of APP_SERVICES) {
      const service = services[name];
      expect(service.read_only).toBe(true);
      expect(service.cap_drop).toEqual(['ALL']);
      expect(service.security_opt).toContain('no-new-privileges:true');
      // tini is the image's ENTRYPOINT (dockerfile.test.ts); `init: true` would put a second one above it.
      expect(service.init).toBeUndefined();
      expect(service.entrypoint).toBeUndefined();
    }
  });

  it('puts Prometheus, Grafana and the Redis exporter, and only them, in the monitoring profile', () => {
    const profiled = Object.entries(services).filter(([, service]) => service.profiles !== undefined);
    expect(Object.fromEntries(profiled.map(([name, service]) => [name, service.profiles]))).toEqual({
      prometheus: ['monitoring'],
      grafana: ['monitoring'],
      'redis-exporter': ['monitoring'],
    });
  });

  it('mounts the Prometheus configuration and the Grafana provisioning that exist in deploy/', () => {
    const binds = [...(services.prometheus.volumes ?? []), ...(services.grafana.volumes ?? [])].filter(
      (volume): volume is string => typeof volume === 'string' && volume.startsWith('./'),
    );
    expect(binds.length).toBe(3);
    for (const bind of binds) {
      expect(bind.endsWith(':ro')).toBe(true);
      expect(existsSync(join(REPO_ROOT, bind.split(':')[0]))).toBe(true);
    }
  });
});

describe('docker-compose.yml secrets', () => {
  const SECRET_KEY = /PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL/i;

  it('sets every secret-looking variable from a variable reference, never a literal', () => {
    let checked = 0;
    for (const [name, service] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries(environmentOf(service))) {
        if (!SECRET_KEY.test(key)) continue;
        checked++;
        expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_][A-Z0-9_]*(:?[-?][^}]*)?\}$/);
        // A default after :- would be a hard-coded secret in disguise.
        const [reference] = variableReferences(value);
        if (reference.operator.endsWith('-')) expect(reference.argument, `${name}.${key}`).toBe('');
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3); // API_TOKEN, DASHBOARD_PASSWORD, GF_SECURITY_ADMIN_PASSWORD
  });

  it('has no literal credential anywhere (no user:password@ in a URL, no --requirepass)', () => {
    for (const { path, value } of stringLeaves(raw)) {
      expect(value, path).not.toMatch(/:\/\/[^/\s$]*:[^@/\s$]+@/);
      expect(value, path).not.toMatch(/requirepass\s+[^$]/);
    }
  });

  it('makes compose fail, naming the variable, when a required secret is missing', () => {
    const { DASHBOARD_PASSWORD: _omitted, ...withoutPassword } = dotenv;
    expect(() => interpolate(raw, withoutPassword)).toThrow(/DASHBOARD_PASSWORD/);
  });

  it('the YAML parser resolves merge keys as Compose does', () => {
    const merged = parseComposeYaml('x: &a {k: 1, j: 2}\nservices:\n  s:\n    <<: *a\n    j: 3\n');
    expect(merged.services.s).toEqual({ k: 1, j: 3 });
  });

  it('the interpolation follows the Compose rules the file relies on', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose interpolation syntax, not a JS template
    expect(interpolate('${A:?need A}/${B:-dflt}/${C-x}/$$HOME/$A', { A: 'a', B: '', C: '' })).toBe(
      'a/dflt//$HOME/a',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose interpolation syntax, not a JS template
    expect(() => interpolate('${A:?need A}', { A: '' })).toThrow(/need A/);
  });
});

describe('docker-compose.yml and .env', () => {
  // Values only: Compose does not interpolate comments or keys.
  const references = stringLeaves(raw).flatMap((leaf) => variableReferences(leaf.value));
  const referenced = [...new Set(references.map((reference) => reference.name))];

  it('.env defines every variable the compose file refers to', () => {
    expect(referenced.length).toBeGreaterThan(20);
    const missing = referenced.filter((name) => !(name in dotenv));
    expect(missing).toEqual([]);
  });

  it('makes every variable that may be empty explicit (:- with no default), the rest required (:?)', () => {
    for (const reference of references) {
      if (reference.operator === ':-') {
        expect(reference.argument, reference.name).toBe('');
        expect(dotenv[reference.name], reference.name).toBe('');
      } else {
        expect(reference.operator, reference.name).toBe(':?');
      }
    }
  });
});

import { join } from 'node:path';
import { lightWorkerEnvSchema, placementWorkerEnvSchema } from '@ceiling-grid/queue';
import { describe, expect, it } from 'vitest';
import { dashboardEnvSchema } from '../../services/dashboard/src/dashboard-config.js';
import { schedulerEnvSchema } from '../../services/scheduler/src/scheduler-config.js';
import { environmentOf, interpolate, REPO_ROOT, readComposeFile } from './compose-file.js';
import { readEnvFile } from './env-file.js';

// The settings each service validates at start, read from its own zod schema, so a setting
// added to a service without a line in .env and in docker-compose.yml fails here.
const SETTINGS: Record<
  string,
  { keys: string[]; schema: { safeParse(env: unknown): { success: boolean } } }
> = {
  scheduler: { keys: Object.keys(schedulerEnvSchema.shape), schema: schedulerEnvSchema },
  dashboard: { keys: Object.keys(dashboardEnvSchema.shape), schema: dashboardEnvSchema },
  'light-worker': { keys: Object.keys(lightWorkerEnvSchema.shape), schema: lightWorkerEnvSchema },
  'placement-worker': {
    keys: Object.keys(placementWorkerEnvSchema.shape),
    schema: placementWorkerEnvSchema,
  },
};

const dotenv = readEnvFile(join(REPO_ROOT, '.env'));
const compose = interpolate(readComposeFile(), dotenv);

describe.each(Object.entries(SETTINGS))('settings of %s', (service, { keys, schema }) => {
  const environment = environmentOf(compose.services[service]);

  it('every setting it reads has a line in .env', () => {
    expect(keys.filter((key) => !(key in dotenv))).toEqual([]);
  });

  it('docker-compose.yml passes it every setting it reads', () => {
    expect(keys.filter((key) => !(key in environment))).toEqual([]);
  });

  it('starts with the environment compose gives it (development .env)', () => {
    expect(schema.safeParse(environment).success).toBe(true);
  });
});

describe('production refusals', () => {
  const production = (service: string, overrides: Record<string, string>) => ({
    ...environmentOf(compose.services[service]),
    NODE_ENV: 'production',
    ...overrides,
  });

  it('the dashboard refuses the .env development password in production', () => {
    expect(dashboardEnvSchema.safeParse(production('dashboard', {})).success).toBe(false);
    const own = production('dashboard', { DASHBOARD_PASSWORD: 'a-long-password-of-the-operator' });
    expect(dashboardEnvSchema.safeParse(own).success).toBe(true);
  });

  it('the scheduler refuses API_AUTH_DISABLED=false without a token, as docs/DEPLOYMENT.md says', () => {
    expect(
      schedulerEnvSchema.safeParse(production('scheduler', { API_AUTH_DISABLED: 'false' })).success,
    ).toBe(false);
    const withToken = production('scheduler', {
      API_AUTH_DISABLED: 'false',
      API_TOKEN: '3f9c0d5be1a8472f9e6b0c1d2a3b4c5d',
    });
    expect(schedulerEnvSchema.safeParse(withToken).success).toBe(true);
  });

  /** The messages a production start with these settings gets, by setting. */
  const refusals = (service: 'scheduler' | 'dashboard', overrides: Record<string, string>) => {
    const schema = service === 'scheduler' ? schedulerEnvSchema : dashboardEnvSchema;
    const parsed = schema.safeParse(production(service, overrides));
    return parsed.success
      ? {}
      : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };
  const TOKEN = '3f9c0d5be1a8472f9e6b0c1d2a3b4c5d';

  it('the scheduler refuses API_AUTH_DISABLED=true in production, even with a token, and says what to do', () => {
    expect(refusals('scheduler', { API_AUTH_DISABLED: 'true' })).toEqual({
      API_AUTH_DISABLED: expect.stringMatching(/refused with NODE_ENV=production.*set API_TOKEN/),
    });
    expect(refusals('scheduler', { API_AUTH_DISABLED: 'true', API_TOKEN: TOKEN })).toHaveProperty(
      'API_AUTH_DISABLED',
    );
    // Development keeps working with the committed .env (auth disabled, no token).
    expect(schedulerEnvSchema.safeParse(environmentOf(compose.services.scheduler)).success).toBe(true);
  });

  it.each(['dev-only-change-me', 'changemechangeme', 'f'.repeat(64)])(
    'the scheduler refuses the guessable token %s in production',
    (token) => {
      expect(refusals('scheduler', { API_AUTH_DISABLED: 'false', API_TOKEN: token })).toEqual({
        API_TOKEN: expect.stringMatching(/refused with NODE_ENV=production/),
      });
    },
  );

  it.each(['dev-only-change-me', 'admin', 'password', ''])(
    'the dashboard refuses the password "%s" in production',
    (password) => {
      expect(refusals('dashboard', { DASHBOARD_PASSWORD: password })).toHaveProperty('DASHBOARD_PASSWORD');
    },
  );
});

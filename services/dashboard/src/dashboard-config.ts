import { commonEnvSchema, envBoolean, envInteger, envTrustProxy } from '@ceiling-grid/queue';
import { z } from 'zod';

/**
 * The development password of the dashboard (also the one `.env.example` ships): fine on a
 * laptop, refused with `NODE_ENV=production` because everyone who read the repository knows it.
 */
export const DEFAULT_DASHBOARD_PASSWORD = 'dev-only-change-me';

/** Passwords refused in production besides the default: the ones people try first. */
const WELL_KNOWN_PASSWORDS = new Set([
  DEFAULT_DASHBOARD_PASSWORD,
  'admin-dev-only',
  'admin',
  'password',
  'changeme',
]);

/** The dashboard's settings, validated at start (RULES §7). */
export const dashboardEnvSchema = commonEnvSchema
  .extend({
    DASHBOARD_PORT: envInteger(8080, 0, 65_535),
    /** HTTP basic auth user name. */
    DASHBOARD_USER: z
      .string()
      .default('admin')
      .refine((user) => user.length > 0 && !user.includes(':'), 'must be non-empty and contain no ":"'),
    /** HTTP basic auth password; with NODE_ENV=production it must be set and not a default. */
    DASHBOARD_PASSWORD: z.string().default(DEFAULT_DASHBOARD_PASSWORD),
    /** Bull Board without retry, remove, clean, pause and add actions. */
    DASHBOARD_READ_ONLY: envBoolean(false),
    /** Title of Bull Board and of the run viewer's pages. */
    DASHBOARD_TITLE: z.string().trim().min(1).max(80).default('ceiling-grid'),
    /** The room the "sample" choice of the trigger form runs. */
    SAMPLE_GRID_PATH: z.string().min(1).default('data/input/sample_grid.json'),
    /** Tries per job of a run triggered from the dashboard (the scheduler's default too). */
    JOB_ATTEMPTS: envInteger(3, 1, 20),
    /** First retry delay of those jobs; doubles each try. */
    JOB_BACKOFF_MS: envInteger(1000, 0, 600_000),
    /** Largest room form accepted; a 500 × 500 layout pasted as JSON is about 255 kB. */
    MAX_BODY_BYTES: envInteger(1_048_576, 1024, 64 * 1_048_576),
    /** Largest floor form accepted (the floor upload); the scheduler reads the same setting. */
    FLOOR_MAX_BODY_BYTES: envInteger(8 * 1_048_576, 1024, 256 * 1_048_576),
    /** Whose X-Forwarded-For names the client (access logs); off unless behind a proxy. */
    TRUST_PROXY: envTrustProxy(),
  })
  .superRefine((config, ctx) => {
    if (config.DASHBOARD_PASSWORD.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['DASHBOARD_PASSWORD'], message: 'must not be empty' });
    } else if (config.NODE_ENV === 'production' && WELL_KNOWN_PASSWORDS.has(config.DASHBOARD_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DASHBOARD_PASSWORD'],
        message: 'is a default or well-known password, refused with NODE_ENV=production: set your own',
      });
    }
  });

/** Validated dashboard settings. */
export type DashboardConfig = z.output<typeof dashboardEnvSchema>;

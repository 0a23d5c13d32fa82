import { commonEnvSchema, envBoolean, envInteger, envTrustProxy } from '@ceiling-grid/queue';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/** Tokens refused with NODE_ENV=production: placeholders people copy from examples. */
const WELL_KNOWN_TOKENS = new Set([
  'dev-only-change-me',
  'change-me-to-a-long-random-token',
  'changemechangeme',
]);

/** The scheduler's settings (every one also in `.env` with its default and a comment). */
export const schedulerEnvSchema = commonEnvSchema
  .extend({
    SCHEDULER_PORT: envInteger(3000, 0, 65_535),
    /** Bearer token the API requires; at least 16 characters. */
    API_TOKEN: z.string().default(''),
    /** Turns the token check off: local development only. */
    API_AUTH_DISABLED: envBoolean(false),
    /** Triggers per client per minute before 429, counted in Redis across replicas. */
    TRIGGER_RATE_LIMIT_PER_MINUTE: envInteger(600, 1, 1_000_000),
    /** Whose X-Forwarded-For names the client (rate limit, logs); off unless behind a proxy. */
    TRUST_PROXY: envTrustProxy(),
    /** Largest request body; bigger ones get 413. A 500×500 layout is about 255 kB. */
    MAX_BODY_BYTES: envInteger(1_048_576, 1024, 64 * 1_048_576),
    /** Largest floor body (`POST /api/floors`); 300 rooms of 100 × 100 tiles are about 3.5 MB. */
    FLOOR_MAX_BODY_BYTES: envInteger(8 * 1_048_576, 1024, 256 * 1_048_576),
    /** The room `{ "sample": true }` runs. */
    SAMPLE_GRID_PATH: z.string().min(1).default('data/input/sample_grid.json'),
    DAILY_CRON: z
      .string()
      .default('0 2 * * *')
      .refine(isCronPattern, 'must be a cron pattern such as "0 2 * * *" (minute hour day month weekday)'),
    DAILY_GRID_PATH: z.string().min(1).default('data/input/sample_grid.json'),
    DAILY_ENABLED: envBoolean(true),
    JOB_ATTEMPTS: envInteger(3, 1, 20),
    JOB_BACKOFF_MS: envInteger(1000, 0, 600_000),
  })
  .superRefine((config, ctx) => {
    const production = config.NODE_ENV === 'production';
    if (production && config.API_AUTH_DISABLED) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_AUTH_DISABLED'],
        message:
          'is refused with NODE_ENV=production: it would open the API to anyone who reaches it; set API_TOKEN (openssl rand -hex 32) and API_AUTH_DISABLED=false',
      });
    }
    if (production && !config.API_AUTH_DISABLED && isGuessableToken(config.API_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_TOKEN'],
        message:
          'is a placeholder or a single repeated character, refused with NODE_ENV=production: use a random token (openssl rand -hex 32)',
      });
    }
    if (!config.API_AUTH_DISABLED && config.API_TOKEN.length < 16) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_TOKEN'],
        message: 'must be set to at least 16 characters (or API_AUTH_DISABLED=true for local development)',
      });
    }
  });

export type SchedulerConfig = z.output<typeof schedulerEnvSchema>;

function isGuessableToken(token: string): boolean {
  return WELL_KNOWN_TOKENS.has(token) || (token.length > 0 && new Set(token).size === 1);
}

function isCronPattern(pattern: string): boolean {
  if (pattern.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(pattern, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

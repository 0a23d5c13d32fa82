import { z } from 'zod';

/** An integer environment variable with a default and bounds. */
export function envInteger(defaultValue: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .default(String(defaultValue))
    .transform((text, ctx) => {
      const value = Number(text);
      if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`,
        });
        return z.NEVER;
      }
      return value;
    });
}

/** A boolean environment variable: `true`/`false`/`1`/`0`/`yes`/`no`. */
export function envBoolean(defaultValue: boolean) {
  return z
    .string()
    .default(String(defaultValue))
    .transform((text, ctx) => {
      const value = text.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(value)) return true;
      if (['false', '0', 'no', ''].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false (got ${JSON.stringify(text)})` });
      return z.NEVER;
    });
}

/** The settings every service reads (RULES §7). */
export const commonEnvSchema = z.object({
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine(
      (text) => /^rediss?:\/\/[^\s]+$/.test(text) && URL.canParse(text),
      'must be a redis:// or rediss:// URL',
    ),
  QUEUE_PREFIX: z
    .string()
    .default('{ceiling-grid}')
    .refine(
      (text) => /^[A-Za-z0-9{}_.-]{1,64}$/.test(text),
      'must be 1–64 of A-Z a-z 0-9 { } _ . - (braces make a Redis Cluster hash tag)',
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  RESULT_TTL_DAYS: envInteger(7, 1, 365),
});

export type CommonConfig = z.output<typeof commonEnvSchema>;

/** A configuration value the service cannot start with. The message is the one line to print. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates a service's configuration from the environment. Throws
 * {@link ConfigError} with one line naming every bad variable and why.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.output<Schema> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`,
  );
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

/** {@link loadConfig} for a service's entry point: on a bad value, prints the one line and exits 1. */
export function loadConfigOrExit<Schema extends z.ZodType>(
  schema: Schema,
  service: string,
  env: Record<string, string | undefined> = process.env,
): z.output<Schema> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(1);
  }
}

import { isIP } from 'node:net';
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

/**
 * What Express's `trust proxy` takes: `false` (the peer is the client), a hop count (trust that
 * many proxies in front), or the addresses and subnets of the proxies to trust (`loopback`,
 * `linklocal` and `uniquelocal` name the private ranges), or `true` (trust every hop: only when
 * nothing but the proxy can reach the service).
 */
export type TrustProxySetting = boolean | number | string[];

const TRUST_PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY`: whose `X-Forwarded-For` the web apps believe for the client address (rate
 * limits, logs). Empty, `false` or `0` (the default): nobody's. `true`: every hop's. A number:
 * that many proxies. Otherwise a comma-separated list of IP addresses, CIDR subnets and the
 * names `loopback`, `linklocal`, `uniquelocal`.
 */
export function envTrustProxy() {
  return z
    .string()
    .default('false')
    .transform((text, ctx): TrustProxySetting => {
      const value = text.trim().toLowerCase();
      if (['', 'false', 'no', '0'].includes(value)) return false;
      if (['true', 'yes'].includes(value)) return true;
      if (/^\d+$/.test(value)) {
        const hops = Number(value);
        if (hops <= 100) return hops;
      }
      const entries = value.split(',').map((entry) => entry.trim());
      const bad = entries.filter((entry) => !TRUST_PROXY_PRESETS.has(entry) && !isAddressOrSubnet(entry));
      if (entries.length > 0 && bad.length === 0) return entries;
      ctx.addIssue({
        code: 'custom',
        message: `must be false, true, a hop count from 1 to 100, or a comma-separated list of IP addresses, CIDR subnets, loopback, linklocal or uniquelocal (got ${JSON.stringify(text)})`,
      });
      return z.NEVER;
    });
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const width = Number(bits);
  return /^\d+$/.test(bits) && width <= (family === 4 ? 32 : 128);
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

import { type Logger, pino } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Service name, added to every line as `service`. */
  service: string;
  /** pino level. Default `info`. */
  level?: string;
  /** Where lines go. Default standard output (JSON lines). */
  destination?: NodeJS.WritableStream;
}

/**
 * Secrets never reach the logs, whatever a caller passes in: request headers, tokens,
 * passwords and Redis URLs with credentials are censored.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  'apiToken',
  'password',
  '*.password',
  '*.token',
  '*.apiToken',
  'config.API_TOKEN',
  'config.DASHBOARD_PASSWORD',
  'config.REDIS_URL',
];

/** The JSON logger of one service: pino with `service` on every line and secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger } from 'pino';

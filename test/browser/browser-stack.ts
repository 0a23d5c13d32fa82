import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisConnection } from '@ceiling-grid/queue';
import type { Redis } from 'ioredis';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { requireTool } from '../../support/require-tool.js';
import { deletePrefix } from '../support/redis-cleanup.js';
import { REPO_ROOT, randomPrefix, type ServiceProcess, startService } from '../support/service-process.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** What a browser test's stack is started with. */
export interface BrowserStackOptions {
  /** Names the key prefix and the Redis client. */
  readonly label: string;
  /** The dashboard's basic-auth login. */
  readonly user: string;
  readonly password: string;
  /** Set over every service's environment (concurrency, say). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The dashboard and one worker of each kind as processes, on their own prefix, and a Chromium. */
export interface BrowserStack {
  readonly prefix: string;
  readonly dashboard: ServiceProcess;
  readonly browser: Browser;
  /** A request connection for the test's own RunService or FloorService on `prefix`. */
  readonly connection: Redis;
  /**
   * Where screenshots go: docs/img with UPDATE_SCREENSHOTS=1 (they replace the README's),
   * otherwise a temporary folder, so a test run leaves the work tree as it was.
   */
  readonly screenshots: string;
  /** A browser context logged in to the dashboard. */
  newContext(viewport: { width: number; height: number }): Promise<BrowserContext>;
  /** Closes the browser, stops the services (SIGTERM), quits the connection, deletes the prefix. */
  close(): Promise<void>;
}

/**
 * Starts what the dashboard's browser tests share: the machine's Chromium (never a downloaded
 * build; `requireTool` fails the file with what is missing and how to install it), and the
 * dashboard, a light worker and a placement worker as real processes.
 */
export async function startBrowserStack(options: BrowserStackOptions): Promise<BrowserStack> {
  const executablePath = requireTool('chromium');
  const prefix = randomPrefix(options.label);
  const env = {
    QUEUE_PREFIX: prefix,
    REDIS_URL,
    DASHBOARD_USER: options.user,
    DASHBOARD_PASSWORD: options.password,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const started = await Promise.allSettled([
    startService('dashboard', env),
    startService('light-worker', env),
    startService('placement-worker', env),
  ]);
  const services = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(services.map((service) => service.stop('SIGTERM')));
    throw failed.reason;
  }
  const connection = createRedisConnection(REDIS_URL, 'request', `${options.label}-browser-test`);
  await new Promise<void>((ready) => connection.once('ready', () => ready()));
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const screenshots =
    process.env.UPDATE_SCREENSHOTS === '1'
      ? join(REPO_ROOT, 'docs/img')
      : mkdtempSync(join(tmpdir(), 'ceiling-grid-screenshots-'));
  mkdirSync(screenshots, { recursive: true });
  return {
    prefix,
    dashboard: services[0],
    browser,
    connection,
    screenshots,
    newContext: (viewport) =>
      browser.newContext({
        httpCredentials: { username: options.user, password: options.password },
        viewport,
        deviceScaleFactor: 1,
      }),
    close: async () => {
      await browser.close();
      await Promise.all(services.map((service) => service.stop('SIGTERM')));
      await connection.quit();
      await deletePrefix(REDIS_URL, prefix);
    },
  };
}

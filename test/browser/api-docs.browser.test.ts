import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoom, startQueueHarness } from '../../packages/queue/test/queue-harness.js';
import {
  type ListeningSchedulerApp,
  listenSchedulerApp,
} from '../../services/scheduler/test/listen-scheduler-app.js';

/**
 * The scheduler's API docs in a real browser (Debian's chromium): Swagger UI renders every
 * operation of the OpenAPI document, under the page's CSP, with no request leaving the server
 * and nothing in the console.
 */
const CHROMIUM = '/usr/bin/chromium';

describe('API docs in a browser', () => {
  let harness: Awaited<ReturnType<typeof startQueueHarness>>;
  let app: ListeningSchedulerApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run scripts/ensure-test-deps.sh (installs Debian chromium)`);
    }
    harness = await startQueueHarness({ workers: false });
    app = await listenSchedulerApp({
      runs: harness.runs,
      connection: harness.connection,
      sampleRoom: sharedRoom('corridor'),
      apiToken: 'browser-docs-token-0123456789',
      maxBodyBytes: 4096,
      triggerRateLimitPerMinute: 10,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await harness?.close();
  });

  it('renders every operation from local files, with a clean console', async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.push(message.text());
    });
    page.on('pageerror', (error) => console.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${app.base}/api/docs`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const document = (await (await fetch(`${app.base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item)).length;
    expect(await page.locator('.opblock').count()).toBe(operations);
    expect(await page.locator('.info .title').textContent()).toContain('ceiling-grid scheduler API');
    expect(requests.filter((url) => !url.startsWith(app.base))).toEqual([]);
    expect(console).toEqual([]);
    await page.close();
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FloorService } from '@ceiling-grid/queue';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type ServiceProcess } from '../support/service-process.js';
import { type BrowserStack, startBrowserStack } from './browser-stack.js';

/**
 * A floor in a real browser (the machine's Chromium through playwright-core): upload a floor
 * file through the form, watch the floor page's progress bar reach 100 % through its live
 * stream (no reload: a marker set on the page survives), check the rows and totals against the
 * stored floor, and take a screenshot. With UPDATE_stack.screenshots=1 it replaces
 * docs/img/floor-page.png, otherwise it goes to a temporary folder.
 */

const USER = 'designer';
const PASSWORD = 'browser-test-secret-42';

/** A floor of the repository's rooms in feet, some twice under other ids: 10 rooms. */
function floorFile(): { path: string; rooms: number } {
  const read = (file: string) => JSON.parse(readFileSync(resolve(REPO_ROOT, file), 'utf8'));
  const sources = [
    'data/input/sample_grid.json',
    'data/rooms/office-l-shaped.json',
    'data/rooms/office-open-plan.json',
    'data/rooms/corridor.json',
    'data/rooms/existing-devices.json',
  ];
  const rooms = [1, 2].flatMap((copy) =>
    sources.map((file, i) => {
      const room = read(file);
      return {
        ...room,
        roomId: `L3-${copy}${String(i + 1).padStart(2, '0')}`,
        name: `${room.name ?? room.roomId} ${copy}`,
      };
    }),
  );
  const path = join(mkdtempSync(join(tmpdir(), 'ceiling-grid-floor-')), 'level-3.json');
  writeFileSync(path, JSON.stringify({ floorId: 'level-3', name: 'Level 3 — east wing', rooms }, null, 2));
  return { path, rooms: rooms.length };
}

describe('floor page in a browser', () => {
  let stack: BrowserStack;
  let dashboard: ServiceProcess;
  let browser: Browser;
  let floors: FloorService;

  beforeAll(async () => {
    stack = await startBrowserStack({
      label: 'browser-floor',
      user: USER,
      password: PASSWORD,
      env: { LIGHT_WORKER_CONCURRENCY: '1', PLACEMENT_WORKER_CONCURRENCY: '1' },
    });
    ({ dashboard, browser } = stack);
    floors = new FloorService({ connection: stack.connection, prefix: stack.prefix });
  }, 90_000);

  afterAll(async () => {
    await floors?.close();
    await stack?.close();
  });

  it('uploads a floor, follows its progress live to 100 %, and shows every room and the totals', async () => {
    const context = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401 || response.status() >= 500)
        problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      // A CSP refusal or a script error shows here; failed loads are counted above by address.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(`console: ${message.text()}`);
    });
    const floor = floorFile();

    await page.goto(`${dashboard.baseUrl}/floors/new`);
    await page.locator('#floor-file').setInputFiles(floor.path);
    await expect
      .poll(() => page.locator('#floor-json').inputValue(), { timeout: 10_000 })
      .toContain('"floorId": "level-3"');
    await Promise.all([page.waitForURL(/\/floors\/[0-9a-f-]{36}$/), page.locator('#floor-submit').click()]);
    const floorRunId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // A marker on this document: a reload or a navigation would lose it.
    // (Strings: this code runs in the page, where the DOM is, not in Node.)
    await page.evaluate(`
      window.marker = 'same-document';
      window.seen = [];
      new MutationObserver(() => {
        const finished = Number(document.querySelector('#floor-progress')?.getAttribute('data-finished'));
        if (window.seen.at(-1) !== finished) window.seen.push(finished);
      }).observe(document.body, { subtree: true, childList: true });
    `);
    await page.locator('#floor-live[data-live-state]').waitFor({ timeout: 10_000 });
    const done = page.locator('#floor-progress[data-status="completed"]');
    await done.waitFor({ timeout: 240_000 });

    expect(await page.evaluate('window.marker')).toBe('same-document');
    const seen = (await page.evaluate('window.seen')) as number[];
    expect(seen.at(-1)).toBe(floor.rooms);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await page.locator('#floor-progress .percent').textContent()).toBe('100 %');
    expect(await page.locator('#floor-progress progress').getAttribute('value')).toBe(String(floor.rooms));
    await expect.poll(() => page.locator('#floor-live').getAttribute('data-live-state')).toBe('done');
    expect(await page.locator('[data-live-fallback]:visible').count()).toBe(0);

    // Every room's row says what the stored floor says, with a link to its run.
    const view = await floors.getFloor(floorRunId);
    expect(view?.progress.finished).toBe(floor.rooms);
    for (const room of view?.rooms ?? []) {
      const row = page.locator(`tr#room-${room.runId}`);
      expect(await row.getAttribute('data-status'), room.roomId).toBe(room.status);
      expect(await row.locator(`a[href="/runs/${room.runId}"]`).count()).toBe(1);
    }
    expect(await page.locator('#floor-totals [data-total="light"]').getAttribute('data-count')).toBe(
      String(view?.totals.lights.count),
    );
    expect(await page.locator('#floor-totals [data-total="compliant"]').textContent()).toBe(
      String(view?.totals.compliantRooms),
    );
    await page.setViewportSize({ width: 1440, height: 1280 });
    await page.screenshot({ path: join(stack.screenshots, 'floor-page.png'), fullPage: true });
    console.info(`floor progress seen live: ${seen.join(' → ')}`);

    // A room's link leads to its run page.
    const first = view?.rooms[0];
    await Promise.all([
      page.waitForURL(`**/runs/${first?.runId}`),
      page.locator(`tr#room-${first?.runId} a`).click(),
    ]);
    expect(await page.locator('h1 .badge').getAttribute('data-status')).toBe(first?.status);
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 300_000);
});

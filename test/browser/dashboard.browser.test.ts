import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRoom } from '@ceiling-grid/core';
import { type QueuedRunResult, RunService } from '@ceiling-grid/queue';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWithDebianTools } from '../../packages/core/test/export/cad-readers.js';
import { REPO_ROOT, type ServiceProcess } from '../support/service-process.js';
import { type BrowserStack, startBrowserStack } from './browser-stack.js';

/**
 * The dashboard in a real browser (the machine's Chromium through playwright-core, never a
 * downloaded build; CHROMIUM_PATH overrides where it is): log in, upload a room through the form, watch the run finish, check the
 * plan shows exactly the devices the run placed, open the same run in Bull Board. Takes a
 * screenshot of each page; with UPDATE_stack.screenshots=1 they replace the README's under docs/img/,
 * otherwise they go to a temporary folder so a test run leaves the work tree as it was.
 */

const ROOM_FILE = resolve(REPO_ROOT, 'data/rooms/office-l-shaped.json');
const USER = 'designer';
const PASSWORD = 'browser-test-secret-42';
const DEVICE_KINDS = ['light', 'airSupply', 'smokeDetector'] as const;
const LAYOUT_LETTER = { light: 'L', airSupply: 'S', smokeDetector: 'D' } as const;
/** Rooms run through the API beside the uploaded one, so the runs list shows more than one row. */
const OTHER_ROOMS = ['classroom-metric.json', 'corridor.json'];

describe('dashboard in a browser', () => {
  let stack: BrowserStack;
  let dashboard: ServiceProcess;
  let browser: Browser;
  let context: BrowserContext;
  let runs: RunService;

  beforeAll(async () => {
    stack = await startBrowserStack({ label: 'browser', user: USER, password: PASSWORD });
    ({ dashboard, browser } = stack);
    runs = new RunService({ connection: stack.connection, prefix: stack.prefix });
    context = await stack.newContext({ width: 1440, height: 900 });
  }, 90_000);

  afterAll(async () => {
    await runs?.close();
    await stack?.close();
  });

  /** Navigates and insists on a 200 page that is not blank. */
  async function open(page: Page, path: string): Promise<Response> {
    const response = await page.goto(`${dashboard.baseUrl}${path}`);
    expect(response?.status(), `GET ${path}`).toBe(200);
    return response as Response;
  }

  it('refuses the pages without credentials', async () => {
    // A page navigation would end in chromium's own auth error; the context's request API shows the answer.
    const anonymous = await browser.newContext();
    const wrong = await browser.newContext({
      httpCredentials: { username: USER, password: `${PASSWORD}-wrong` },
    });
    try {
      for (const path of ['/runs', '/runs/new', '/board']) {
        const response = await anonymous.request.get(`${dashboard.baseUrl}${path}`);
        expect(response.status(), `anonymous GET ${path}`).toBe(401);
        expect(response.headers()['www-authenticate']).toMatch(/^Basic /);
        expect((await wrong.request.get(`${dashboard.baseUrl}${path}`)).status(), `wrong GET ${path}`).toBe(
          401,
        );
      }
    } finally {
      await Promise.all([anonymous.close(), wrong.close()]);
    }
  });

  it('uploads a room, shows the finished plan with every placed device, and opens the run in Bull Board', async () => {
    const page = await context.newPage();
    const failedResponses: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401 || response.status() >= 500) {
        failedResponses.push(`${response.status()} ${response.url()}`);
      }
    });

    const others = await Promise.all(
      OTHER_ROOMS.map((file) =>
        runs.trigger(parseRoom(JSON.parse(readFileSync(resolve(ROOM_FILE, '..', file), 'utf8'))), {
          source: 'api',
        }),
      ),
    );

    // The form: choose the file, let the page read it into the textarea, submit.
    await open(page, '/runs/new');
    const room = JSON.parse(readFileSync(ROOM_FILE, 'utf8')) as {
      roomId: string;
      name: string;
      layout: string[];
    };
    await page.locator('#room-file').setInputFiles(ROOM_FILE);
    await expect
      .poll(async () => page.locator('#room-json').inputValue(), { timeout: 10_000 })
      .toContain(`"roomId": "${room.roomId}"`);
    expect(await page.locator('#source-room').isChecked()).toBe(true);
    await Promise.all([page.waitForURL(/\/runs\/[0-9a-f-]{36}$/), page.locator('#run-submit').click()]);
    const runId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // The page follows the run over its event stream until it is done.
    const finalStatus = page.locator('h1 .badge[data-status="completed"], h1 .badge[data-status="failed"]');
    await finalStatus.waitFor({ timeout: 90_000 });
    expect(await finalStatus.getAttribute('data-status')).toBe('completed');
    await page.locator('.plan svg').waitFor();

    // Not a blank page: the room's name, the stage graph and the compliance section are there.
    await expect.poll(() => page.locator('h1').textContent()).toContain(room.name);
    expect(await page.locator('.node').count()).toBe(5);
    expect(await page.locator('.node[data-selected="true"]').count()).toBe(1);
    expect(await page.locator('#compliance .kpi').count()).toBe(4);

    // The plan shows exactly what the run placed, kind by kind: from the stored result, and
    // independently from the result's layout (the input room has no devices of its own).
    const result = await runs.getResult(runId);
    expect(result, 'the run has a stored result').toBeDefined();
    for (const kind of DEVICE_KINDS) {
      const placed = result?.placements.filter((p) => p.type === kind).length ?? -1;
      const inLayout = (result?.layout ?? []).join('').split(LAYOUT_LETTER[kind]).length - 1;
      const inInput = room.layout.join('').split(LAYOUT_LETTER[kind]).length - 1;
      expect(placed, `${kind}s placed`).toBeGreaterThan(0);
      expect(inLayout - inInput, `${kind}s in the layout`).toBe(placed);
      expect(await page.locator(`.plan svg .device.${kind}`).count(), `${kind}s drawn`).toBe(placed);
      expect(
        await page.locator(`.plan svg .legend-item[data-kind="${kind}"]`).getAttribute('data-count'),
      ).toBe(String(placed));
      // The figures the page prints above the plan agree with the drawing.
      expect(await page.locator(`.facts [data-placed="${kind}"]`).getAttribute('data-count')).toBe(
        String(placed),
      );
    }
    await checkDownloads(page, runId, room.roomId, result!);
    await page.screenshot({ path: join(stack.screenshots, 'run-viewer.png'), fullPage: true });

    // The review sheet tab: a link the server answers, the sheet with its title block in place of the plan.
    await Promise.all([page.waitForURL(/\?view=sheet/), page.locator('a.tab[data-view="sheet"]').click()]);
    await page.locator('.plan.sheet svg').waitFor();
    expect(await page.locator('a.tab[data-view="sheet"]').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('.plan.sheet svg').textContent()).toContain(room.name);
    expect(await page.locator('.plan.sheet svg').textContent()).toContain(runId);

    // The list has the run, completed, beside the others once they are done too.
    for (const other of others) {
      await expect
        .poll(async () => (await runs.getRun(other.runId))?.status, { timeout: 60_000 })
        .toBe('completed');
    }
    await open(page, '/runs');
    expect(await page.locator('tr[data-run-id]').count()).toBe(1 + others.length);
    const row = page.locator(`tr[data-run-id="${runId}"]`);
    expect(await row.getAttribute('data-status')).toBe('completed');
    expect((await row.locator('[data-kind="light"]').textContent())?.trim()).toBe(
      String(result?.placements.filter((p) => p.type === 'light').length),
    );
    await page.screenshot({ path: join(stack.screenshots, 'runs-list.png'), fullPage: true });

    // The same run in Bull Board, through the run page's link.
    await open(page, `/runs/${runId}`);
    await Promise.all([
      page.waitForURL(`**/board/queue/placement/${runId}`),
      page.locator('a[data-link="board-job"]').click(),
    ]);
    // Bull Board draws the run's flow: the root, the air-supply job and the three light jobs.
    await page.getByText(runId).first().waitFor({ timeout: 20_000 });
    const flowNodes = page.locator('.react-flow__node');
    await expect.poll(() => flowNodes.count(), { timeout: 20_000 }).toBe(5);
    for (const name of [
      'smoke-detectors',
      'air-supply',
      ...(result?.stages.lights.candidates.map((c) => `light:${c.model}`) ?? []),
    ]) {
      expect(await flowNodes.filter({ hasText: name }).count(), `flow node ${name}`).toBe(1);
    }
    // The job's log lines (job.log() in the worker) are in the Logs tab.
    await page
      .getByRole('button', { name: 'Logs', exact: true })
      .or(page.getByText('Logs', { exact: true }))
      .first()
      .click();
    await page
      .getByText(`${result?.stages.smokeDetectors?.count} detectors`, { exact: false })
      .first()
      .waitFor();
    await page.setViewportSize({ width: 1440, height: 1640 });
    await page.screenshot({ path: join(stack.screenshots, 'bull-board.png') });

    expect(failedResponses).toEqual([]);
    await page.close();
  }, 150_000);
});

/** What the file a download button saves holds, read back by tools nobody here wrote. */
async function checkDownloads(page: Page, runId: string, roomId: string, result: QueuedRunResult) {
  const saved: Record<string, string> = {};
  for (const file of ['plan.svg', 'plan.dxf', 'schedule.csv', 'result.json']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`a[data-download="${file}"]`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${roomId}-${runId.slice(0, 8)}-${file}`);
    saved[file] = await download.path();
  }
  expect(readFileSync(saved['plan.svg'], 'utf8')).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(JSON.parse(readFileSync(saved['result.json'], 'utf8')).placements).toEqual(result.placements);
  const dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-downloads-'));
  const report = readWithDebianTools(dir, [
    { name: 'run', dxf: saved['plan.dxf'], csv: saved['schedule.csv'] },
  ]).run;
  expect(report.error).toBeUndefined();
  expect(report.dxf?.auditErrors).toEqual([]);
  expect(report.dxf?.inserts).toHaveLength(result.placements.length);
  const [header, ...records] = report.csv ?? [];
  expect(header?.slice(0, 4)).toEqual(['tag', 'type', 'x', 'y']);
  expect(records).toHaveLength(result.placements.length);
}

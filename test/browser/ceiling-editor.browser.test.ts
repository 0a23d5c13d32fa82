import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRoom, toLayout } from '@ceiling-grid/core';
import { RunService } from '@ceiling-grid/queue';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type ServiceProcess } from '../support/service-process.js';
import { type BrowserStack, startBrowserStack } from './browser-stack.js';

/**
 * The ceiling editor of the New run page in the machine's Chromium: draw an L-shaped room with
 * two columns by dragging, run it, see the plan; undo and redo; touch; errors on their tiles,
 * found by the browser and by the server. With UPDATE_stack.screenshots=1 the screenshots replace
 * docs/img/ceiling-editor*.png; otherwise they go to a temporary folder.
 */

const SAMPLE_ROOM = JSON.parse(readFileSync(join(REPO_ROOT, 'data/input/sample_grid.json'), 'utf8'));
const USER = 'designer';
const PASSWORD = 'editor-test-secret-17';
const ROWS = 12;
const COLS = 18;
/** The L: the top right corner (rows 0–5, cols 10–17) is not part of the room. */
const NOTCH = { from: { row: 0, col: 10 }, to: { row: 5, col: 17 } };
const COLUMNS = [
  { row: 4, col: 4 },
  { row: 8, col: 12 },
];

/** The layout the drawing must give. */
function expectedLayout(): string[] {
  return Array.from({ length: ROWS }, (_, row) =>
    Array.from({ length: COLS }, (_, col) => {
      if (row <= NOTCH.to.row && col >= NOTCH.from.col) return '-';
      return COLUMNS.some((c) => c.row === row && c.col === col) ? '#' : '.';
    }).join(''),
  );
}

describe('ceiling editor in a browser', () => {
  let stack: BrowserStack;
  let dashboard: ServiceProcess;
  let browser: Browser;
  let context: BrowserContext;
  let runs: RunService;

  beforeAll(async () => {
    stack = await startBrowserStack({ label: 'editor', user: USER, password: PASSWORD });
    ({ dashboard, browser } = stack);
    runs = new RunService({ connection: stack.connection, prefix: stack.prefix });
    context = await stack.newContext({ width: 1280, height: 1000 });
  }, 90_000);

  afterAll(async () => {
    await runs?.close();
    await stack?.close();
  });

  /** A page that fails the test on any script error or CSP violation. */
  async function openEditor(path = '/runs/new', status = 200): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A failed request is reported by the response listener, with its address.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      const expected = response.url().endsWith('/favicon.ico') || response.status() === 400;
      if (response.status() >= 400 && !expected) problems.push(`${response.status()} ${response.url()}`);
    });
    const response = await page.goto(`${dashboard.baseUrl}${path}`);
    expect(response?.status(), `GET ${path}`).toBe(status);
    await page.locator('#ceiling-editor').waitFor({ state: 'visible', timeout: 20_000 });
    return { page, problems };
  }

  /** The centre of a tile of the canvas, in page coordinates. */
  async function tileCentre(page: Page, row: number, col: number): Promise<{ x: number; y: number }> {
    const box = await page.locator('#ed-canvas').boundingBox();
    if (!box) throw new Error('the canvas is not shown');
    const cols = Number(await page.locator('#ed-cols').inputValue());
    const px = box.width / cols;
    return { x: box.x + (col + 0.5) * px, y: box.y + (row + 0.5) * px };
  }

  async function drag(page: Page, from: { row: number; col: number }, to: { row: number; col: number }) {
    const start = await tileCentre(page, from.row, from.col);
    const end = await tileCentre(page, to.row, to.col);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
    await page.mouse.move(end.x, end.y, { steps: 4 });
    await page.mouse.up();
  }

  async function setField(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await field.press('Tab');
  }

  const layoutOf = async (page: Page) =>
    (JSON.parse(await page.locator('#room-json').inputValue()) as { layout: string[] }).layout;

  it('draws an L-shaped room with two columns by dragging, runs it, and shows its plan', async () => {
    const { page, problems } = await openEditor();
    // Without JSON: the JSON field is folded away and the source choice hidden.
    expect(await page.locator('#room-json').isVisible()).toBe(false);
    expect(await page.locator('#source-field').isVisible()).toBe(false);

    await setField(page.locator('#ed-rows'), String(ROWS));
    await setField(page.locator('#ed-cols'), String(COLS));
    await setField(page.locator('#ed-room-id'), 'l-office-editor');
    await setField(page.locator('#ed-name'), 'L-shaped office, drawn in the editor');
    await page.locator('button[data-tile="-"]').click();
    await drag(page, NOTCH.from, NOTCH.to);
    await page.locator('button[data-tile="#"]').click();
    for (const column of COLUMNS) await drag(page, column, column);

    expect(await layoutOf(page)).toEqual(expectedLayout());
    await expect.poll(() => page.locator('#ed-status').textContent()).toContain('ready to run');
    expect(await page.locator('#ceiling-editor').getAttribute('data-issues')).toBe('0');

    // Undo and redo, from the keyboard and the buttons: one drag is one step.
    await page.locator('#ed-canvas').focus();
    await page.keyboard.press('Control+z');
    expect((await layoutOf(page))[8][12]).toBe('.');
    await page.keyboard.press('Control+y');
    expect((await layoutOf(page))[8][12]).toBe('#');
    await page.locator('#ed-undo').click();
    await page.locator('#ed-undo').click();
    expect((await layoutOf(page))[4][4]).toBe('.');
    await page.locator('#ed-redo').click();
    await page.locator('#ed-redo').click();
    expect(await layoutOf(page)).toEqual(expectedLayout());

    await page.mouse.move(0, 0);
    await page.locator('#ceiling-editor').screenshot({ path: join(stack.screenshots, 'ceiling-editor.png') });

    // Download JSON saves the room as drawn.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#ed-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('l-office-editor.json');
    const saved = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));
    expect(saved).toMatchObject({
      roomId: 'l-office-editor',
      units: 'ft',
      cellSize: 2,
      layout: expectedLayout(),
    });

    await Promise.all([page.waitForURL(/\/runs\/[0-9a-f-]{36}$/), page.locator('#run-submit').click()]);
    const runId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const finalStatus = page.locator('h1 .badge[data-status="completed"], h1 .badge[data-status="failed"]');
    await finalStatus.waitFor({ timeout: 90_000 });
    expect(await finalStatus.getAttribute('data-status')).toBe('completed');
    await page.locator('.plan svg').waitFor();
    expect(await page.locator('h1').textContent()).toContain('L-shaped office, drawn in the editor');

    // The run placed devices on the drawn room: same outline, same columns, devices on free tiles.
    const result = await runs.getResult(runId);
    expect(result?.roomId).toBe('l-office-editor');
    const drawn = expectedLayout();
    result?.layout.forEach((line, row) => {
      for (let col = 0; col < COLS; col++) {
        const want = drawn[row][col];
        if (want === '.') expect('.LSD', `row ${row} col ${col}`).toContain(line[col]);
        else expect(line[col], `row ${row} col ${col}`).toBe(want);
      }
    });
    expect(await page.locator('.plan svg .device').count()).toBe(result?.placements.length);
    expect(result?.placements.length).toBeGreaterThan(0);
    await page.locator('#plan').screenshot({
      path: join(stack.screenshots, 'ceiling-editor-run.png'),
    });

    // The run page opens the same room in the editor again.
    await Promise.all([
      page.waitForURL(/\/runs\/new\?from=/),
      page.locator('a[data-link="edit-room"]').click(),
    ]);
    await page.locator('#ceiling-editor').waitFor({ state: 'visible' });
    expect(await layoutOf(page)).toEqual(drawn);
    expect(await page.locator('#ed-loaded-from').textContent()).toContain(runId);
    expect(problems).toEqual([]);
    await page.close();
  }, 150_000);

  it('leaves the JSON form working in a browser without scripts', async () => {
    const noScript = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
      javaScriptEnabled: false,
    });
    try {
      const page = await noScript.newPage();
      await page.goto(`${dashboard.baseUrl}/runs/new`);
      expect(await page.locator('#ceiling-editor').isVisible()).toBe(false);
      expect(await page.locator('#source-field').isVisible()).toBe(true);
      await page
        .locator('#room-json')
        .fill(JSON.stringify({ roomId: 'typed-room', cellSize: 2, layout: ['......', '..#...', '......'] }));
      await Promise.all([page.waitForURL(/\/runs\/[0-9a-f-]{36}$/), page.locator('#run-submit').click()]);
      const runId = new URL(page.url()).pathname.split('/').pop() ?? '';
      expect((await runs.getRun(runId))?.roomId).toBe('typed-room');
    } finally {
      await noScript.close();
    }
  });

  it('paints a rectangle with a touch drag', async () => {
    const touch = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
      viewport: { width: 900, height: 900 },
      hasTouch: true,
      isMobile: true,
    });
    try {
      const page = await touch.newPage();
      await page.goto(`${dashboard.baseUrl}/runs/new`);
      await page.locator('#ceiling-editor').waitFor({ state: 'visible', timeout: 20_000 });
      await page.locator('button[data-tile="L"]').tap();
      const start = await tileCentre(page, 1, 1);
      const end = await tileCentre(page, 2, 3);
      const cdp = await touch.newCDPSession(page);
      const point = (p: { x: number; y: number }) => [{ x: p.x, y: p.y, id: 1 }];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(start) });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(end) });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await expect
        .poll(async () => (await layoutOf(page)).slice(0, 4).map((row) => row.slice(0, 5)))
        .toEqual(['.....', '.LLL.', '.LLL.', '.....']);
    } finally {
      await touch.close();
    }
  }, 60_000);

  it('shows the problems of a room on its tiles, found in the browser before anything is posted', async () => {
    const { page, problems } = await openEditor();
    const file = join(mkdtempSync(join(tmpdir(), 'editor-room-')), 'bad-room.json');
    writeFileSync(
      file,
      JSON.stringify({ roomId: 'bad room', cellSize: 2, layout: ['....', '..X.', '....'] }),
    );
    // Through the editor's own button, which opens the form's file picker.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#ed-open').click()]);
    await chooser.setFiles(file);
    // The schema's field rules come first (as on the server); the id shows at its field.
    await page.locator('#ed-issues li[data-field="roomId"]').waitFor();
    expect(await page.locator('[data-error-for="roomId"]').textContent()).toContain('1–64 characters');
    expect(await page.locator('#ed-room-id').getAttribute('aria-invalid')).toBe('true');
    await setField(page.locator('#ed-room-id'), 'good-room');
    // Then the tile outside the legend, on its tile.
    await page.locator('#ed-issues li[data-row="1"][data-col="2"]').waitFor();
    expect(await page.locator('#ed-room-id').getAttribute('aria-invalid')).toBe(null);
    // Start run is refused in the page: nothing is posted.
    const url = page.url();
    await page.locator('#run-submit').click();
    expect(page.url()).toBe(url);
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('ed-issues');
    // Painting the bad tile clears the last problem.
    await page.locator('button[data-tile="."]').click();
    await drag(page, { row: 1, col: 2 }, { row: 1, col: 2 });
    await expect.poll(() => page.locator('#ceiling-editor').getAttribute('data-issues')).toBe('0');
    // The sample room opens with one click, as one undoable step.
    await page.locator('#ed-sample').click();
    expect(await layoutOf(page)).toEqual(toLayout(parseRoom(SAMPLE_ROOM)));
    await page.locator('#ed-undo').click();
    expect(await layoutOf(page)).toEqual(['....', '....', '....']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the problems the server found on their tiles after a rejected post', async () => {
    const { page, problems } = await openEditor();
    // Post around the page's own check, as a script-less browser would.
    await Promise.all([
      page.waitForURL('**/runs'),
      // A string: this test is typechecked without the DOM library.
      page.evaluate(`
        document.getElementById('room-json').value = ${JSON.stringify(JSON.stringify({ roomId: 'served', cellSize: 2, layout: ['.....', '...Q.', '.....'] }))};
        document.getElementById('run-form').submit();
      `),
    ]);
    await page.locator('#ceiling-editor').waitFor({ state: 'visible' });
    expect(await page.locator('#room-issues').isVisible()).toBe(true);
    const onTile = page.locator('#ed-issues li[data-source="server"][data-row="1"][data-col="3"]');
    await onTile.waitFor();
    expect(await onTile.textContent()).toContain('unknown tile "Q" at row 2, col 4');
    expect(await layoutOf(page)).toEqual(['.....', '...Q.', '.....']);
    // The grid is drawn at a readable size although it was laid out while the editor was hidden.
    expect((await page.locator('#ed-canvas').boundingBox())?.width).toBeGreaterThan(5 * 20);
    await page
      .locator('#ceiling-editor')
      .screenshot({ path: join(stack.screenshots, 'ceiling-editor-errors.png') });
    // The first edit replaces the server's list with the page's own check.
    await page.locator('button[data-tile="#"]').click();
    await drag(page, { row: 1, col: 3 }, { row: 1, col: 3 });
    await expect.poll(() => page.locator('#ceiling-editor').getAttribute('data-issues')).toBe('0');
    expect(await page.locator('#room-issues').isVisible()).toBe(false);
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    await page.close();
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunService } from '@ceiling-grid/queue';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../support/require-tool.js';
import { REPO_ROOT, type ServiceProcess } from '../support/service-process.js';
import { type BrowserStack, startBrowserStack } from './browser-stack.js';

/**
 * The Import DXF form of the New run page in the machine's Chromium: a drawing made by Debian's
 * python3-ezdxf (not by this project) is uploaded, the ceiling editor opens the room it gives
 * for review, and the run of it shows its plan. With UPDATE_stack.screenshots=1 the screenshot
 * replaces docs/img/ceiling-editor-dxf.png; otherwise it goes to a temporary folder.
 */

/** The core's ezdxf drawing: a 40 × 30 ft L (wing top left) with two round columns on S-COLS. */
const DRAW_SCRIPT = join(REPO_ROOT, 'packages/core/test/import/draw_l_room.py');
const USER = 'designer';
const PASSWORD = 'dxf-import-test-secret-17';
/** The grid the drawing gives with 2 ft tiles (packages/core/test/import/ezdxf-import.test.ts). */
const EXPECTED_LAYOUT = [
  ...Array.from({ length: 7 }, () => '..........----------'),
  '....................',
  '....................',
  '....................',
  '....##..............',
  '....##.........#....',
  '....................',
  '....................',
  '....................',
];

describe('Import DXF in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-dxf-upload-'));
  const drawing = join(dir, 'l-room.dxf');
  let stack: BrowserStack;
  let dashboard: ServiceProcess;
  let browser: Browser;
  let context: BrowserContext;
  let runs: RunService;

  beforeAll(async () => {
    const python = requireTool('python3-ezdxf');
    const drawn = spawnSync(python, [DRAW_SCRIPT, drawing], { encoding: 'utf8' });
    expect(drawn.stderr).toBe('');
    expect(drawn.status).toBe(0);
    stack = await startBrowserStack({ label: 'editor-dxf', user: USER, password: PASSWORD });
    ({ dashboard, browser } = stack);
    runs = new RunService({ connection: stack.connection, prefix: stack.prefix });
    context = await stack.newContext({ width: 1280, height: 1000 });
  }, 90_000);

  afterAll(async () => {
    await runs?.close();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The New run page, failing the test on any script error, CSP violation or unexpected status. */
  async function newRunPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      const expected = response.url().endsWith('/favicon.ico') || response.status() === 400;
      if (response.status() >= 400 && !expected) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${dashboard.baseUrl}/runs/new`);
    await page.locator('#ceiling-editor').waitFor({ state: 'visible', timeout: 20_000 });
    return { page, problems };
  }

  /** What the editor says when the pointer is over a tile ("Row 11, column 5: blocked"). */
  async function hoverTile(page: Page, row: number, col: number): Promise<string> {
    await page.locator('#ed-canvas').scrollIntoViewIfNeeded();
    const box = await page.locator('#ed-canvas').boundingBox();
    if (!box) throw new Error('the canvas is not shown');
    const px = box.width / Number(await page.locator('#ed-cols').inputValue());
    await page.mouse.move(box.x + (col + 0.5) * px, box.y + (row + 0.5) * px);
    return (await page.locator('#ed-hover').textContent()) ?? '';
  }

  it('uploads an ezdxf drawing, opens its room in the editor for review, runs it and shows the plan', async () => {
    const { page, problems } = await newRunPage();
    await page.locator('#dxf-import summary').first().click();
    await page.locator('#dxf-file').setInputFiles(drawing);
    expect(await page.locator('#dxf-outlineLayer').inputValue()).toBe('A-WALL');
    expect(await page.locator('#dxf-obstructionLayer').inputValue()).toBe('S-COLS');
    await page.locator('#dxf-tileSize').fill('2');
    await page.locator('#dxf-form details summary').click();
    await page.locator('#dxf-roomId').fill('ezdxf-l-room');
    await page.locator('#dxf-name').fill('L-shaped office, from ezdxf');
    const [response] = await Promise.all([page.waitForNavigation(), page.locator('#dxf-submit').click()]);
    expect(response?.status()).toBe(200);
    await page.locator('#ceiling-editor').waitFor({ state: 'visible', timeout: 20_000 });

    // The editor holds the drawing's grid: its size, tile size, and tiles under the pointer.
    expect(await page.locator('#ed-loaded-from').textContent()).toBe('Opened l-room.dxf.');
    expect(await page.locator('#ed-rows').inputValue()).toBe('15');
    expect(await page.locator('#ed-cols').inputValue()).toBe('20');
    expect(await page.locator('#ed-cell-size').inputValue()).toBe('2');
    expect(await page.locator('#ed-units').inputValue()).toBe('ft');
    expect(await page.locator('#ed-room-id').inputValue()).toBe('ezdxf-l-room');
    await expect
      .poll(() => page.locator('#ed-status').textContent())
      .toBe('15 × 20 tiles · 230 in the room (920 ft²) · 5 blocked · ready to run');
    await page.mouse.move(0, 0);
    const form = await page.locator('#dxf-import').boundingBox();
    const editor = await page.locator('#ceiling-editor').boundingBox();
    if (!form || !editor) throw new Error('the import form or the editor is not shown');
    await page.screenshot({
      path: join(stack.screenshots, 'ceiling-editor-dxf.png'),
      fullPage: true,
      clip: { x: editor.x, y: form.y, width: editor.width, height: editor.y + editor.height - form.y },
    });

    expect(await hoverTile(page, 10, 4)).toBe('Row 11, column 5: blocked');
    expect(await hoverTile(page, 11, 15)).toBe('Row 12, column 16: blocked');
    expect(await hoverTile(page, 0, 15)).toBe('Row 1, column 16: outside');
    expect(await hoverTile(page, 7, 15)).toBe('Row 8, column 16: free');
    expect(
      (JSON.parse(await page.locator('#room-json').inputValue()) as { layout: string[] }).layout,
    ).toEqual(EXPECTED_LAYOUT);

    await Promise.all([page.waitForURL(/\/runs\/[0-9a-f-]{36}$/), page.locator('#run-submit').click()]);
    const runId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const finalStatus = page.locator('h1 .badge[data-status="completed"], h1 .badge[data-status="failed"]');
    await finalStatus.waitFor({ timeout: 90_000 });
    expect(await finalStatus.getAttribute('data-status')).toBe('completed');
    await page.locator('.plan svg').waitFor();
    expect(await page.locator('h1').textContent()).toContain('L-shaped office, from ezdxf');
    const result = await runs.getResult(runId);
    expect(result?.roomId).toBe('ezdxf-l-room');
    result?.layout.forEach((line, row) => {
      for (let col = 0; col < line.length; col++) {
        const want = EXPECTED_LAYOUT[row][col];
        if (want === '.') expect('.LSD', `row ${row} col ${col}`).toContain(line[col]);
        else expect(line[col], `row ${row} col ${col}`).toBe(want);
      }
    });
    expect(result?.placements.length).toBeGreaterThan(0);
    expect(await page.locator('.plan svg .device').count()).toBe(result?.placements.length);
    expect(problems).toEqual([]);
    await page.close();
  }, 150_000);

  it('shows a refused drawing beside the form, naming the layer, with nothing in the editor', async () => {
    const { page, problems } = await newRunPage();
    await page.locator('#dxf-import summary').first().click();
    await page.locator('#dxf-file').setInputFiles(drawing);
    await page.locator('#dxf-outlineLayer').fill('A-WALLS');
    const [response] = await Promise.all([page.waitForNavigation(), page.locator('#dxf-submit').click()]);
    expect(response?.status()).toBe(400);
    const error = page.locator('#dxf-import-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      /Could not import l-room\.dxf\.[\s\S]*outlineLayer[\s\S]*A-WALLS/,
    );
    expect(await page.locator('#dxf-outlineLayer').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#dxf-outlineLayer').inputValue()).toBe('A-WALLS');
    expect(await page.locator('#room-json').inputValue()).toBe('');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
  it('imports and runs without scripts: the form alone, the room in the JSON field', async () => {
    const noScript = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
      javaScriptEnabled: false,
    });
    try {
      const page = await noScript.newPage();
      await page.goto(`${dashboard.baseUrl}/runs/new`);
      await page.locator('#dxf-import summary').first().click();
      await page.locator('#dxf-file').setInputFiles(drawing);
      const [response] = await Promise.all([page.waitForNavigation(), page.locator('#dxf-submit').click()]);
      expect(response?.status()).toBe(200);
      expect(await page.locator('#ceiling-editor').isVisible()).toBe(false);
      const room = JSON.parse(await page.locator('#room-json').inputValue()) as { layout: string[] };
      expect(room.layout).toEqual(EXPECTED_LAYOUT);
      await Promise.all([page.waitForURL(/\/runs\/[0-9a-f-]{36}$/), page.locator('#run-submit').click()]);
      const runId = new URL(page.url()).pathname.split('/').pop() ?? '';
      expect((await runs.getRun(runId))?.roomId).toBe((room as { roomId?: string }).roomId);
    } finally {
      await noScript.close();
    }
  }, 60_000);
});

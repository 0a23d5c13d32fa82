import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { randomPrefix, startService } from '../support/processes.js';
import { requireTool } from '../support/require-tool.js';

/**
 * How fast the ceiling editor answers in the machine's Chromium (docs/EDITOR.md): the
 * synchronous work of one drag (paint, JSON, the core's check, redrawing the grid) and of one
 * preview step while dragging, on rooms up to the 500 × 500 limit. Needs Redis (the dashboard
 * connects at start). Run: `npx tsx bench/editor-browser-bench.ts`.
 */

const SIDES = [20, 100, 250, 500];
const REPEAT = 7;
const USER = 'bench';
const PASSWORD = 'editor-bench-secret';

/**
 * Runs in the page: drags on the canvas with synthetic pointer events and times the handlers,
 * which paint, check and draw synchronously. A string, because tsx's helpers do not exist there.
 */
const IN_PAGE = `(repeat) => {
      const canvas = document.getElementById('ed-canvas');
      const box = canvas.getBoundingClientRect();
      const at = (type, fx, fy) =>
        canvas.dispatchEvent(
          new PointerEvent(type, {
            pointerId: 1,
            pointerType: 'mouse',
            button: 0,
            clientX: box.left + box.width * fx,
            clientY: box.top + box.height * fy,
            bubbles: true,
          }),
        );
      const tools = [...document.querySelectorAll('button[data-tile]')];
      const drags = [];
      const previews = [];
      for (let i = 0; i < repeat; i++) {
        tools[i % 2 === 0 ? 1 : 0].click();
        at('pointerdown', 0.1, 0.6);
        let started = performance.now();
        at('pointermove', 0.5, 0.8 + i * 0.01);
        previews.push(performance.now() - started);
        started = performance.now();
        at('pointerup', 0.6, 0.9);
        drags.push(performance.now() - started);
      }
      const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
      return { drag: median(drags), preview: median(previews) };
}`;

const dashboard = await startService('dashboard', {
  QUEUE_PREFIX: randomPrefix('editor-bench'),
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  DASHBOARD_USER: USER,
  DASHBOARD_PASSWORD: PASSWORD,
  LOG_LEVEL: 'warn',
});
const browser = await chromium.launch({ executablePath: requireTool('chromium'), args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({
    httpCredentials: { username: USER, password: PASSWORD },
    viewport: { width: 1280, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto(`${dashboard.baseUrl}/runs/new`);
  await page.locator('#ceiling-editor').waitFor({ state: 'visible' });
  const folder = mkdtempSync(join(tmpdir(), 'editor-bench-'));
  console.log('| room | tiles | one drag (paint + check + draw) | one preview step |');
  console.log('| ---: | ---: | ---: | ---: |');
  for (const side of SIDES) {
    const file = join(folder, `room-${side}.json`);
    const layout = Array.from({ length: side }, (_, row) =>
      row < side / 2 ? '.'.repeat(side / 2) + '-'.repeat(side / 2) : '.'.repeat(side),
    );
    writeFileSync(file, JSON.stringify({ roomId: `bench-${side}`, cellSize: 2, layout }));
    await page.locator('#room-file').setInputFiles(file);
    await page.waitForFunction(`document.getElementById('ed-cols').value === '${side}'`);
    const timings = (await page.evaluate(`(${IN_PAGE})(${REPEAT})`)) as { drag: number; preview: number };
    console.log(
      `| ${side} × ${side} | ${(side * side).toLocaleString('en-US')} | ${timings.drag.toFixed(1)} ms | ${timings.preview.toFixed(1)} ms |`,
    );
  }
} finally {
  await browser.close();
  await dashboard.stop('SIGTERM');
}

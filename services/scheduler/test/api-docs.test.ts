import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoom, startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { type ListeningSchedulerApp, listenSchedulerApp } from './listen-scheduler-app.js';

/**
 * `/api/docs`: Swagger UI from the npm package, served by the scheduler itself (no CDN), open
 * like the document, under a CSP that allows nothing from elsewhere. The browser test
 * (test/browser/api-docs.browser.test.ts) renders it in Chromium.
 */
let harness: Awaited<ReturnType<typeof startQueueHarness>>;
let app: ListeningSchedulerApp;

beforeAll(async () => {
  harness = await startQueueHarness({ workers: false });
  app = await listenSchedulerApp({
    runs: harness.runs,
    connection: harness.connection,
    sampleRoom: sharedRoom('corridor'),
    apiToken: 'docs-token-0123456789abcdef',
    maxBodyBytes: 4096,
    triggerRateLimitPerMinute: 10,
  });
});
afterAll(async () => {
  await app.close();
  await harness.close();
});

describe('/api/docs', () => {
  it('is an HTML page, without a token, whose scripts and styles all come from this server', async () => {
    const response = await fetch(`${app.base}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    const urls = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) expect(url, url).toMatch(/^\/api\/docs\//);
    expect(page).not.toMatch(/<script>|<script [^>]*>[^<]/);
    for (const url of urls) {
      const asset = await fetch(`${app.base}${url}`);
      expect(asset.status, url).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
    }
  });

  it('has a CSP that loads nothing from elsewhere and runs no inline script', async () => {
    const csp = (await fetch(`${app.base}/api/docs`)).headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    for (const name of ['default-src', 'script-src', 'connect-src', 'img-src', 'font-src', 'style-src']) {
      for (const source of directives[name] ?? []) {
        expect(["'self'", "'unsafe-inline'", 'data:'], `${name} ${source}`).toContain(source);
      }
    }
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
  });

  it('points Swagger UI at the document and serves no other file of the package', async () => {
    const init = await (await fetch(`${app.base}/api/docs/init.js`)).text();
    expect(init).toContain("url: '/api/openapi.json'");
    expect(init).toContain('validatorUrl: null');
    for (const name of ['index.html', 'package.json', 'swagger-initializer.js', '..%2Fpackage.json']) {
      const headers = { authorization: 'Bearer docs-token-0123456789abcdef' };
      expect((await fetch(`${app.base}/api/docs/${name}`, { headers })).status, name).toBe(404);
    }
  });
});

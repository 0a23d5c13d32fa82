import { ConfigError, loadConfig } from '@ceiling-grid/queue';
import { describe, expect, it } from 'vitest';
import { parseBasicAuth } from '../src/basic-auth.js';
import { boardJobUrl } from '../src/bull-board.js';
import { DEFAULT_DASHBOARD_PASSWORD, dashboardEnvSchema } from '../src/dashboard-config.js';
import { escapeHtml, html, raw } from '../src/html.js';
import { humanize } from '../src/pages/compliance-panel.js';
import { formatDuration, formatNumber, formatTimestamp } from '../src/pages/format.js';
import { mergePrometheusText } from '../src/queue-metrics.js';
import { inlineSvg } from '../src/routes/run-route.js';

describe('html', () => {
  it('escapes every interpolated string and leaves trusted markup alone', () => {
    const name = `<img src=x onerror="alert('1')">&`;
    const page = html`<p title="${name}">${name}${raw('<b>ok</b>')}${[1, html`<i>${'<'}</i>`]}${null}${false}</p>`;
    expect(page.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;">' +
        '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;<b>ok</b>1<i>&lt;</i></p>',
    );
  });

  it('escapeHtml maps the five special characters', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
  });
});

describe('parseBasicAuth', () => {
  const header = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('splits user and password at the first colon', () => {
    expect(parseBasicAuth(header('admin:pa:ss wörd'))).toEqual({ user: 'admin', password: 'pa:ss wörd' });
    expect(parseBasicAuth(header(':'))).toEqual({ user: '', password: '' });
  });

  it('rejects anything that is not a basic credential', () => {
    expect(parseBasicAuth(undefined)).toBeUndefined();
    expect(parseBasicAuth('Bearer abc')).toBeUndefined();
    expect(parseBasicAuth(header('no-colon'))).toBeUndefined();
    expect(parseBasicAuth('Basic !!!')).toBeUndefined();
  });
});

describe('dashboard configuration', () => {
  it('has development defaults', () => {
    const config = loadConfig(dashboardEnvSchema, {});
    expect(config.DASHBOARD_PORT).toBe(8080);
    expect(config.DASHBOARD_USER).toBe('admin');
    expect(config.DASHBOARD_PASSWORD).toBe(DEFAULT_DASHBOARD_PASSWORD);
    expect(config.DASHBOARD_READ_ONLY).toBe(false);
    expect(config.SAMPLE_GRID_PATH).toBe('data/input/sample_grid.json');
  });

  it.each([
    ['missing', {}],
    ['the default', { DASHBOARD_PASSWORD: DEFAULT_DASHBOARD_PASSWORD }],
    ['a well-known one', { DASHBOARD_PASSWORD: 'admin' }],
  ])('refuses %s password with NODE_ENV=production', (_label, env) => {
    expect(() => loadConfig(dashboardEnvSchema, { NODE_ENV: 'production', ...env })).toThrow(
      /DASHBOARD_PASSWORD is a default or well-known password/,
    );
  });

  it('refuses an empty password in any environment', () => {
    for (const NODE_ENV of ['development', 'production']) {
      expect(() => loadConfig(dashboardEnvSchema, { NODE_ENV, DASHBOARD_PASSWORD: '' })).toThrow(ConfigError);
    }
  });

  it('accepts a real password in production and parses the switches', () => {
    const config = loadConfig(dashboardEnvSchema, {
      NODE_ENV: 'production',
      DASHBOARD_PASSWORD: 'c0rrect-horse-battery',
      DASHBOARD_READ_ONLY: 'yes',
      DASHBOARD_PORT: '9090',
    });
    expect(config.DASHBOARD_READ_ONLY).toBe(true);
    expect(config.DASHBOARD_PORT).toBe(9090);
  });

  it('names each bad variable', () => {
    expect(() =>
      loadConfig(dashboardEnvSchema, { DASHBOARD_READ_ONLY: 'maybe', DASHBOARD_USER: 'a:b' }),
    ).toThrow(/DASHBOARD_USER .*; DASHBOARD_READ_ONLY must be true or false/);
  });
});

describe('mergePrometheusText', () => {
  it('declares each family once and keeps every sample', () => {
    const a = [
      '# HELP bullmq_job_count Number of jobs in the queue by state',
      '# TYPE bullmq_job_count gauge',
      'bullmq_job_count{queue="lights", state="waiting"} 3',
      '# HELP bullmq_job_completed_total Total number of completed jobs',
      '# TYPE bullmq_job_completed_total counter',
      'bullmq_job_completed_total{queue="lights"} 0',
    ].join('\n');
    const b = a.replaceAll('lights', 'placement').replace('} 3', '} 0');
    expect(mergePrometheusText([a, b])).toBe(
      [
        '# HELP bullmq_job_count Number of jobs in the queue by state',
        '# TYPE bullmq_job_count gauge',
        'bullmq_job_count{queue="lights", state="waiting"} 3',
        'bullmq_job_count{queue="placement", state="waiting"} 0',
        '# HELP bullmq_job_completed_total Total number of completed jobs',
        '# TYPE bullmq_job_completed_total counter',
        'bullmq_job_completed_total{queue="lights"} 0',
        'bullmq_job_completed_total{queue="placement"} 0',
        '',
      ].join('\n'),
    );
  });

  it('is empty for nothing', () => {
    expect(mergePrometheusText(['', '\n'])).toBe('');
  });
});

describe('formatting', () => {
  it('formats durations at every scale', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(2.345)).toBe('2.3 ms');
    expect(formatDuration(840)).toBe('840 ms');
    expect(formatDuration(3210)).toBe('3.21 s');
    expect(formatDuration(45_000)).toBe('45.0 s');
    expect(formatDuration(252_000)).toBe('4 min 12 s');
  });

  it('formats numbers and timestamps without the locale', () => {
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(-1500)).toBe('-1,500');
    expect(formatTimestamp('2025-03-04T09:15:02.123Z')).toBe('2025-03-04 09:15:02 UTC');
    expect(humanize('maxDetectorDistance')).toBe('Max detector distance');
  });

  it('links to a job in Bull Board and strips the XML declaration for inline SVG', () => {
    expect(boardJobUrl('lights', 'abc.lumen-array')).toBe('/board/queue/lights/abc.lumen-array');
    expect(inlineSvg('<?xml version="1.0" encoding="UTF-8"?>\n<svg/>')).toBe('<svg/>');
  });
});

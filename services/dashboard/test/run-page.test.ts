import { defaultRequirements } from '@ceiling-grid/core';
import type { QueuedRunResult, RunView, StageView } from '@ceiling-grid/queue';
import { describe, expect, it } from 'vitest';
import { runPage } from '../src/pages/run-page.js';

const CONTEXT = { appTitle: 'ceiling-grid', nonce: 'n0nce' };
const RUN_ID = '11111111-2222-4333-8444-555555555555';
const requirements = defaultRequirements('office', 'ft');

/** A finished run whose figures miss three of the four headline targets, by hand. */
function fixture(overrides: Partial<RunView> = {}): RunView {
  const result: QueuedRunResult = {
    runId: RUN_ID,
    roomId: 'r1',
    status: 'completed',
    room: {
      roomId: 'r1',
      name: 'Room <one>',
      units: 'ft',
      cellSize: 2,
      ceilingHeight: 9,
      roomType: 'office',
      rows: 3,
      cols: 4,
      requirements,
    },
    layout: ['L..D', '.S..', '....'],
    placements: [
      { type: 'light', row: 0, col: 0, x: 1, y: 5, stage: 'lights', model: 'beta' },
      { type: 'airSupply', row: 1, col: 1, x: 3, y: 3, stage: 'airSupply', model: 'lattice-relax' },
      { type: 'smokeDetector', row: 0, col: 3, x: 7, y: 5, stage: 'smokeDetectors', model: 'hex-cover' },
    ],
    stages: {
      lights: {
        selected: 'beta',
        candidates: [
          {
            model: 'alpha',
            status: 'failed',
            confidence: 0,
            count: 0,
            durationMs: 1,
            metrics: {},
            pass: false,
            reasons: [],
            lowerBound: 0,
            optimal: false,
            error: 'boom <x>',
          },
          {
            model: 'beta',
            status: 'completed',
            confidence: 0.72,
            count: 1,
            durationMs: 2,
            metrics: { averageLux: 480, uniformity: 0.7 },
            pass: false,
            reasons: ['average 480 lx is below the 500 lx target'],
            lowerBound: 1,
            optimal: false,
          },
        ],
        lowerBound: 1,
        optimal: false,
        gap: 0,
      },
      airSupply: {
        model: 'lattice-relax',
        confidence: 0.6,
        count: 1,
        durationMs: 1,
        metrics: {},
        lowerBound: 1,
        optimal: true,
        gap: 0,
      },
      smokeDetectors: {
        model: 'hex-cover',
        confidence: 0.7,
        count: 1,
        durationMs: 1,
        metrics: {},
        lowerBound: 0,
        optimal: false,
        gap: 1,
      },
    },
    compliance: {
      lighting: {
        pass: false,
        confidence: 0.72,
        metrics: { averageLux: 480, uniformity: 0.7, targetLux: 500, targetUniformity: 0.6 },
        reasons: ['average 480 lx is below the 500 lx target'],
      },
      airSupply: {
        pass: false,
        confidence: 0.6,
        metrics: { requiredAirflow: 2160, suppliedAirflow: 2000, count: 8, requiredCount: 9 },
        reasons: ['8 diffusers supply 2,000 cfm; 1 short'],
      },
      smokeDetection: {
        pass: false,
        confidence: 0.7,
        metrics: { count: 1, maxDetectorDistance: 22, coverageRadius: 21, regularArrayCount: -1 },
        reasons: ['a corner is 22 ft from the nearest detector'],
      },
    },
    durationMs: 42,
    workers: { lights: { beta: 'host:2' }, airSupply: 'host:3', smokeDetectors: 'host:4' },
  };
  const stage = (s: Partial<StageView> & Pick<StageView, 'stage' | 'jobId' | 'queue'>): StageView => ({
    state: 'completed',
    attemptsMade: 1,
    ...s,
  });
  return {
    runId: RUN_ID,
    status: 'completed',
    roomId: 'r1',
    roomName: 'Room <one>',
    source: 'dashboard',
    createdAt: '2025-01-02T03:04:05.000Z',
    durationMs: 42,
    stages: [
      stage({
        stage: 'lights',
        model: 'alpha',
        queue: 'lights',
        jobId: `${RUN_ID}.alpha`,
        state: 'failed',
        attemptsMade: 3,
        failedReason: 'boom <x>',
        selected: false,
      }),
      stage({
        stage: 'lights',
        model: 'beta',
        queue: 'lights',
        jobId: `${RUN_ID}.beta`,
        selected: true,
        confidence: 0.72,
      }),
      stage({ stage: 'airSupply', queue: 'placement', jobId: `${RUN_ID}.air-supply`, count: 1 }),
      stage({ stage: 'smokeDetectors', queue: 'placement', jobId: RUN_ID, count: 1 }),
    ],
    result,
    ...overrides,
  };
}

function kpiClass(page: string, id: string): string | undefined {
  return new RegExp(`<div class="kpi ?([a-z]*)" data-kpi="${id}"`).exec(page)?.[1];
}

describe('run page', () => {
  const page = runPage(CONTEXT, fixture(), {
    coverage: false,
    placementQueue: 'placement',
    planSvg: '<svg id="plan-marker"></svg>',
  }).value;

  it('judges each headline figure against its target', () => {
    expect(kpiClass(page, 'averageLux')).toBe('fail'); // 480 < 500
    expect(kpiClass(page, 'uniformity')).toBe('pass'); // 0.70 ≥ 0.60
    expect(kpiClass(page, 'maxDetectorDistance')).toBe('fail'); // 22 > 21
    expect(kpiClass(page, 'airflow')).toBe('fail'); // 2000 < 2160
  });

  it('lists every failed rule, escaped, and shows a not-applicable figure as a dash', () => {
    expect(page).toContain('<li>8 diffusers supply 2,000 cfm; 1 short</li>');
    expect(page).toContain('<tr data-metric="regularArrayCount"><td>Best regular array</td><td>—</td></tr>');
    expect(page).toContain('<tr data-metric="count"><td>Diffusers</td><td>8</td></tr>');
    expect(page).toContain('Room &lt;one&gt;');
    expect(page).not.toContain('Room <one>');
    expect(page).toContain('boom &lt;x&gt;');
  });

  it('marks the selected light model once and links every stage to its job', () => {
    expect(page.match(/data-selected="true"/g)).toHaveLength(1);
    expect(page).toMatch(/class="node ok selected" data-stage="lights" data-model="beta"/);
    expect(page).toMatch(/class="node bad dimmed" data-stage="lights" data-model="alpha"/);
    expect(page).toContain('<dt>Attempts</dt><dd>3</dd>');
    for (const id of [`${RUN_ID}.alpha`, `${RUN_ID}.beta`, `${RUN_ID}.air-supply`]) {
      expect(page).toContain(`/board/queue/${id.endsWith('air-supply') ? 'placement' : 'lights'}/${id}`);
    }
  });

  it('embeds the plan and its placed counts, and does not reload a finished run', () => {
    expect(page).toContain('<div class="plan"><svg id="plan-marker"></svg></div>');
    for (const kind of ['light', 'airSupply', 'smokeDetector']) {
      expect(page).toContain(`data-placed="${kind}" data-count="1"`);
    }
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page).not.toContain('/assets/live.js');
    expect(page).not.toContain('data-live-fallback');
  });

  it('offers the SVG, DXF, CSV and JSON of a finished run as downloads, and the plan and review sheet as tabs', () => {
    for (const file of ['plan.svg', 'plan.dxf', 'schedule.csv', 'result.json']) {
      expect(page).toContain(
        `href="/runs/${RUN_ID}/${file}" download="r1-11111111-${file}" data-download="${file}"`,
      );
    }
    expect(page).toContain(`href="/runs/${RUN_ID}#plan" data-view="plan" aria-selected="true"`);
    expect(page).toContain(`href="/runs/${RUN_ID}?view=sheet#plan" data-view="sheet" aria-selected="false"`);
    // No script on the page: the tabs are links the server answers.
    expect(page).not.toContain('<script');
    const sheet = runPage(CONTEXT, fixture(), {
      coverage: false,
      view: 'sheet',
      placementQueue: 'placement',
      planSvg: '<svg id="sheet-marker"></svg>',
    }).value;
    expect(sheet).toContain('<div class="plan sheet"><svg id="sheet-marker"></svg></div>');
    expect(sheet).toContain('data-view="sheet" aria-selected="true"');
    expect(sheet).toContain(`data-download="review-sheet.svg"`);
    expect(sheet).not.toContain('detector coverage');
  });

  it('offers no downloads before the run has a result', () => {
    const queued = runPage(CONTEXT, fixture({ status: 'running', result: undefined }), {
      coverage: false,
      placementQueue: 'placement',
    }).value;
    expect(queued).not.toContain('data-download');
    expect(queued).toContain('The placed plan appears here once the run completes.');
  });

  it('shows what each stage proved about its count: optimal, or the proven minimum', () => {
    expect(page).toContain('data-proof="airSupply" data-lower-bound="1" data-optimal="true">optimal<');
    expect(page).toContain('data-proof="light" data-lower-bound="1" data-optimal="false">proven minimum 1<');
    expect(page).toContain(
      'data-proof="smokeDetector" data-lower-bound="0" data-optimal="false">proven minimum 0<',
    );
  });

  it('follows a running run live, with a reload link for pages without the script', () => {
    const running = runPage(CONTEXT, fixture({ status: 'running', result: undefined }), {
      coverage: false,
      placementQueue: 'placement',
    }).value;
    expect(running).not.toContain('http-equiv="refresh"');
    expect(running).toContain(`data-live-events="/runs/${RUN_ID}/events"`);
    expect(running).toContain('<script type="module" nonce="n0nce" src="/assets/live.js"></script>');
    expect(running).toMatch(/<span data-live-fallback> <a href="\/runs\/[0-9a-f-]+">Reload<\/a>/);
    expect(running).toContain('The placed plan appears here once the run completes.');
    expect(running).not.toContain('id="compliance"');
  });
});

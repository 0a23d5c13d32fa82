import type { LightCandidateReport, StageProof } from '@ceiling-grid/core';
import type { RunView } from '@ceiling-grid/queue';
import { boardJobUrl } from '../bull-board.js';
import { html, type SafeHtml } from '../html.js';
import { compliancePanel } from './compliance-panel.js';
import {
  formatConfidence,
  formatDuration,
  formatNumber,
  formatTimestamp,
  statusBadge,
  verdictBadge,
} from './format.js';
import { LIVE_SCRIPT_PATH, type PageContext, pageLayout } from './page-layout.js';
import { type RunDrawingView, runDrawings } from './run-drawings.js';
import { stageGraph } from './stage-graph.js';

/** Options of {@link runPage}. */
export interface RunPageOptions {
  /** The drawing of `view` as SVG markup (no XML declaration), for a completed run. */
  readonly planSvg?: string;
  /** The placed plan or the review sheet. Default the plan. */
  readonly view?: RunDrawingView;
  /** Whether the plan shows detector coverage circles. */
  readonly coverage: boolean;
  readonly placementQueue: string;
}

/**
 * `/runs/:id`: one run — its facts, the stage graph, the placed plan with its legend, the
 * compliance figures and the light candidates. While the run is in progress the live script
 * follows its events and swaps in {@link runLiveRegion} as jobs finish; without the script the
 * page has a reload link.
 */
export function runPage(context: PageContext, run: RunView, options: RunPageOptions): SafeHtml {
  const active = run.status === 'queued' || run.status === 'running';
  return pageLayout(
    context,
    {
      title: `Run ${run.runId.slice(0, 8)} · ${run.roomName ?? run.roomId}`,
      nav: 'runs',
      ...(active ? { moduleScript: LIVE_SCRIPT_PATH } : {}),
    },
    runLiveRegion(run, options),
  );
}

/** Everything of the run page below the top bar: the region its live stream replaces. */
export function runLiveRegion(run: RunView, options: RunPageOptions): SafeHtml {
  const active = run.status === 'queued' || run.status === 'running';
  const result = run.result;
  const placed = { light: 0, airSupply: 0, smokeDetector: 0 };
  for (const placement of result?.placements ?? []) placed[placement.type]++;
  const title = run.roomName ?? run.roomId;

  const query = new URLSearchParams({
    ...(options.coverage ? { coverage: '1' } : {}),
    ...(options.view === 'sheet' ? { view: 'sheet' } : {}),
  }).toString();
  const events = `/runs/${run.runId}/events${query ? `?${query}` : ''}`;
  return html`<div id="run-live" data-live-events="${events}" data-status="${run.status}">
<div class="page-head">
  <div>
    <div class="small muted"><a href="/runs">Runs</a> / <span class="mono">${run.runId}</span></div>
    <h1>${title} ${statusBadge(run.status)}</h1>
    <div class="sub">Room <span class="mono">${run.roomId}</span>${result ? html` · ${result.room.roomType} · ${result.room.cols} × ${result.room.rows} tiles of ${formatNumber(result.room.cellSize, 1)} ${result.room.units}` : ''}</div>
  </div>
  <div class="actions">
    <a class="button" href="${boardJobUrl(options.placementQueue, run.runId)}" data-link="board-job">Open job in Bull Board</a>
    <a class="button" href="/runs/new?from=${run.runId}" data-link="edit-room">Edit room</a>
    <a class="button primary" href="/runs/new">+ New run</a>
  </div>
</div>
${active ? html`<div class="alert info" role="status">This run is ${run.status}; this page follows its jobs as they finish.<span data-live-fallback> <a href="/runs/${run.runId}${query ? `?${query}` : ''}">Reload</a> to see its progress.</span></div>` : ''}
${run.status === 'failed' ? html`<div class="alert bad" role="alert"><strong>The run failed.</strong> ${run.error ?? ''}</div>` : ''}
<div class="facts">
  ${fact('Status', statusBadge(run.status))}
  ${fact('Started', timestamp(run.createdAt))}
  ${fact('Duration', formatDuration(run.durationMs))}
  ${fact('Source', run.source)}
  ${fact('Light model', result?.stages.lights.selected ?? '—')}
  ${fact('Lights', deviceFigure('light', result ? placed.light : undefined, result?.stages.lights))}
  ${fact('Diffusers', deviceFigure('airSupply', result ? placed.airSupply : undefined, result?.stages.airSupply))}
  ${fact('Detectors', deviceFigure('smokeDetector', result ? placed.smokeDetector : undefined, result?.stages.smokeDetectors))}
</div>
<section class="card">
  <div class="card-head"><h2>Stage graph</h2><span class="muted small">lights A, B, C → air supply → smoke detectors</span></div>
  ${stageGraph(run)}
</section>
${runDrawings(run, { view: options.view ?? 'plan', coverage: options.coverage, ...(options.planSvg ? { svg: options.planSvg } : {}) })}
${result ? html`<section class="card" id="compliance"><div class="card-head"><h2>Compliance</h2>${verdictBadge(allPass(run))}</div>${compliancePanel(result)}</section>` : ''}
${result ? lightCandidates(result.stages.lights.candidates, result.stages.lights.selected, result.room.requirements.lightLayout) : ''}
</div>`;
}

function fact(label: string, value: SafeHtml | string): SafeHtml {
  return html`<div class="fact"><div class="label">${label}</div><div class="value">${value}</div></div>`;
}

/**
 * A placed-device count with its plan colour and what the stage proved about it ("optimal" or
 * "proven minimum 21"); the data attributes are what tests and scripts read.
 */
function deviceFigure(
  kind: 'light' | 'airSupply' | 'smokeDetector',
  count: number | undefined,
  proof?: Partial<StageProof>,
): SafeHtml | string {
  if (count === undefined) return '—';
  const figure = html`<span class="device-count" data-placed="${kind}" data-count="${count}"><span class="swatch ${kind}"></span>${count}</span>`;
  if (proof?.lowerBound === undefined) return figure;
  const note = proof.optimal ? 'optimal' : `proven minimum ${proof.lowerBound}`;
  return html`${figure}<div class="small muted proof" data-proof="${kind}" data-lower-bound="${proof.lowerBound}" data-optimal="${String(Boolean(proof.optimal))}">${note}</div>`;
}

/** `09:15:02 UTC` over `2025-03-04`: fits a narrow fact box without wrapping mid-value. */
function timestamp(iso: string | undefined): SafeHtml | string {
  const text = formatTimestamp(iso);
  const [date, time] = text.split(' ');
  return time
    ? html`${time} <span class="muted small">UTC</span><div class="small muted">${date}</div>`
    : text;
}

function allPass(run: RunView): boolean | undefined {
  const compliance = run.result?.compliance;
  if (!compliance) return undefined;
  return Boolean(compliance.lighting?.pass && compliance.airSupply?.pass && compliance.smokeDetection?.pass);
}

function lightCandidates(
  candidates: readonly LightCandidateReport[],
  selected: string | null,
  lightLayout: string | undefined,
): SafeHtml {
  // What each choice costs: the fewest compliant lights of any layout, and of an aligned one.
  const compliant = candidates.filter((c) => c.status === 'completed' && c.pass);
  const fewest = (list: readonly LightCandidateReport[]) =>
    list.length === 0 ? undefined : Math.min(...list.map((c) => c.count));
  const free = fewest(compliant);
  const aligned = fewest(compliant.filter((c) => c.aligned));
  const costs =
    lightLayout === 'aligned' && free !== undefined && aligned !== undefined
      ? html`<div class="small" data-layout-costs="aligned ${aligned} free ${free}">Aligned ceiling (asked for): <strong>${aligned}</strong> lights; the fewest a free layout needs: <strong>${free}</strong>.</div>`
      : '';
  return html`<section class="card flush" id="candidates">
  <div class="card-head pad"><h2>Light candidates</h2><span class="muted small">every model runs on the same room; compliant first${lightLayout === 'aligned' ? ', aligned first' : ''}, then the fewest lights, then the higher U0</span></div>
  ${costs ? html`<div class="pad">${costs}</div>` : ''}
  <table class="data">
    <thead><tr><th>Model</th><th>Status</th><th class="num">Confidence</th><th class="num">Lights</th><th class="num">Proven minimum</th><th class="num">Average lux</th><th class="num">U0</th><th>Lighting rules</th><th class="num">Duration</th></tr></thead>
    <tbody>
    ${candidates.map(
      (c) => html`<tr data-model="${c.model}">
      <td><strong>${c.model}</strong> ${c.model === selected ? html`<span class="winner">★ Selected</span>` : ''}${c.aligned ? html` <span class="small muted" data-aligned="true">aligned lattice</span>` : ''}${c.metrics.alignment === undefined ? '' : html`<div class="small muted">${c.metrics.alignment} rows + columns used</div>`}</td>
      <td>${statusBadge(c.status)}${c.error ? html`<div class="small muted">${c.error}</div>` : ''}</td>
      <td class="num">${formatConfidence(c.status === 'completed' ? c.confidence : undefined)}</td>
      <td class="num">${c.status === 'completed' ? c.count : '—'}</td>
      <td class="num">${c.status === 'completed' && c.lowerBound !== undefined ? (c.optimal ? `${c.lowerBound} · optimal` : String(c.lowerBound)) : '—'}</td>
      <td class="num">${c.metrics.averageLux === undefined ? '—' : `${formatNumber(c.metrics.averageLux, 0)} lx`}</td>
      <td class="num">${c.metrics.uniformity === undefined ? '—' : formatNumber(c.metrics.uniformity, 2)}</td>
      <td>${c.status === 'completed' ? verdictBadge(c.pass) : ''}${c.reasons.length > 0 ? html`<div class="small muted">${c.reasons.join('; ')}</div>` : ''}</td>
      <td class="num">${formatDuration(c.durationMs)}</td>
    </tr>`,
    )}
    </tbody>
  </table>
</section>`;
}

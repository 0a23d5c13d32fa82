import type { RunListItem, RunStatus } from '@ceiling-grid/queue';
import { boardJobUrl } from '../bull-board.js';
import type { DailyJobInfo } from '../daily-job.js';
import { html, type SafeHtml } from '../html.js';
import { formatDuration, formatTimestamp, shortRunId, statusBadge, verdictBadge } from './format.js';
import { type PageContext, pageLayout } from './page-layout.js';

/** Statuses the list can be filtered by, in the order the filter shows them. */
export const RUN_STATUS_FILTERS: readonly RunStatus[] = ['queued', 'running', 'completed', 'failed'];

/** Seconds between reloads while a listed run is still in progress. */
const REFRESH_SECONDS = 3;

/** `/runs`: recent runs, newest first, with their room, state, timing and device counts. */
export function runsListPage(
  context: PageContext,
  runs: readonly RunListItem[],
  options: {
    status?: RunStatus;
    placementQueue: string;
    /** The daily job: `null` when none is scheduled, absent when not known here. */
    daily?: DailyJobInfo | null;
  },
): SafeHtml {
  const active = runs.some((run) => run.status === 'queued' || run.status === 'running');
  const filter = (label: string, status?: RunStatus) =>
    html`<a href="${status ? `/runs?status=${status}` : '/runs'}" aria-current="${String(options.status === status)}">${label}</a>`;
  const body = html`
<div class="page-head">
  <div>
    <h1>Runs</h1>
    <div class="sub">Placement runs of the last days, newest first${active ? ' · refreshing while runs are in progress' : ''}.</div>
  </div>
  <div class="actions"><a class="button primary" href="/runs/new">+ New run</a></div>
</div>
${options.daily === undefined ? '' : dailyJobCard(options.daily)}
<div class="card-head">
  <nav class="filters" aria-label="Filter by status">${filter('All')}${RUN_STATUS_FILTERS.map((s) => filter(s[0].toUpperCase() + s.slice(1), s))}</nav>
  <span class="muted small">${runs.length} ${runs.length === 1 ? 'run' : 'runs'}</span>
</div>
<div class="card flush">
${runs.length === 0 ? emptyState(options.status) : runsTable(runs, options.placementQueue)}
</div>`;
  return pageLayout(
    context,
    { title: 'Runs', nav: 'runs', ...(active ? { refreshSeconds: REFRESH_SECONDS } : {}) },
    body,
  );
}

function runsTable(runs: readonly RunListItem[], placementQueue: string): SafeHtml {
  return html`<table class="data runs">
<thead><tr>
  <th>Run</th><th>Room</th><th>Status</th><th>Compliance</th><th>Started</th><th class="num">Duration</th>
  <th title="Lights · diffusers · smoke detectors">Placed</th><th>Light model</th><th>Source</th><th></th>
</tr></thead>
<tbody>
${runs.map(
  (run) => html`<tr data-run-id="${run.runId}" data-status="${run.status}">
  <td><a class="mono" href="/runs/${run.runId}" title="${run.runId}">${shortRunId(run.runId)}</a></td>
  <td class="room"><div class="room-name">${run.roomName ?? run.roomId}</div>${run.roomName ? html`<div class="muted small mono">${run.roomId}</div>` : ''}</td>
  <td>${statusBadge(run.status)}${run.error ? html`<div class="small muted" title="${run.error}">${truncate(run.error, 60)}</div>` : ''}</td>
  <td>${run.compliant === undefined ? html`<span class="muted">—</span>` : verdictBadge(run.compliant)}</td>
  <td class="small nowrap">${startedCell(run.createdAt)}</td>
  <td class="num">${formatDuration(run.durationMs)}</td>
  ${placedCell(run.placed)}
  <td class="small">${run.selectedLightModel ?? html`<span class="muted">—</span>`}</td>
  <td class="small">${run.source}</td>
  <td class="small nowrap"><a href="${boardJobUrl(placementQueue, run.runId)}" title="The run's root job in Bull Board">Bull Board →</a></td>
</tr>`,
)}
</tbody>
</table>`;
}

/** The daily job's next run and a "Run now" button (a same-origin POST form, no script). */
function dailyJobCard(daily: DailyJobInfo | null): SafeHtml {
  if (!daily)
    return html`<section class="card daily-job" id="daily-job"><span class="muted">No daily run is scheduled (DAILY_ENABLED, or the scheduler has not started).</span></section>`;
  return html`<section class="card daily-job" id="daily-job">
  <div><strong>Daily run</strong> · next <span data-next-run="${daily.next ?? ''}">${formatTimestamp(daily.next)}</span>${daily.pattern ? html` · <code>${daily.pattern}</code> ${daily.tz ?? ''}` : ''}${daily.roomPath ? html` · <code>${daily.roomPath}</code>` : ''}</div>
  <form method="post" action="/runs/daily"><button class="button" type="submit" id="daily-run-now">Run now</button></form>
</section>`;
}

function startedCell(iso: string): SafeHtml {
  const [date, time] = formatTimestamp(iso).split(' ');
  return html`${date}<div class="muted">${time} UTC</div>`;
}

/** The devices a completed run placed, by kind, each with its plan colour. */
function placedCell(placed: RunListItem['placed']): SafeHtml {
  if (!placed) return html`<td class="muted">—</td>`;
  const kinds = [
    ['light', placed.light, 'lights'],
    ['airSupply', placed.airSupply, 'diffusers'],
    ['smokeDetector', placed.smokeDetector, 'detectors'],
  ] as const;
  return html`<td class="placed nowrap">${kinds.map(
    ([kind, count, label]) =>
      html`<span class="device-count" data-kind="${kind}" title="${count} ${label}"><span class="swatch ${kind}"></span>${count}</span>`,
  )}</td>`;
}

function emptyState(status: RunStatus | undefined): SafeHtml {
  return html`<div class="empty">
  <p>${status ? `No ${status} runs.` : 'No runs yet.'}</p>
  <a class="button primary" href="/runs/new">Start a run</a>
</div>`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

import type { FloorBasics } from '@ceiling-grid/queue';
import { html, type SafeHtml } from '../html.js';
import { formatTimestamp, statusBadge } from './format.js';
import { type PageContext, pageLayout } from './page-layout.js';

/** `/floors`: recent floors, newest first, each with its progress. */
export function floorsListPage(context: PageContext, floors: readonly FloorBasics[]): SafeHtml {
  const active = floors.some((floor) => floor.status !== 'completed');
  const body = html`
<div class="page-head">
  <div>
    <h1>Floors</h1>
    <div class="sub">Floors of rooms run together, newest first${active ? html` · <a href="/floors" data-floors-reload>reload</a> for the latest progress` : ''}.</div>
  </div>
  <div class="actions"><a class="button primary" href="/floors/new">+ New floor</a></div>
</div>
<div class="card flush">
${
  floors.length === 0
    ? html`<div class="empty"><p>No floors yet.</p><a class="button primary" href="/floors/new">Upload a floor</a></div>`
    : html`<table class="data floors">
<thead><tr><th>Floor</th><th>Status</th><th>Progress</th><th class="num">Rooms</th><th class="num">Failed</th><th>Started</th></tr></thead>
<tbody>
${floors.map(
  (floor) => html`<tr data-floor-run-id="${floor.floorRunId}" data-status="${floor.status}">
  <td class="room"><a class="room-name" href="/floors/${floor.floorRunId}">${floor.name}</a><div class="muted small mono">${floor.floorId}</div></td>
  <td>${statusBadge(floor.status === 'completed' ? 'completed' : floor.status)}</td>
  <td><progress class="floor-bar small-bar" max="${floor.progress.total}" value="${floor.progress.finished}">${Math.round(floor.progress.fraction * 100)} %</progress> <span class="small muted">${Math.round(floor.progress.fraction * 100)} %</span></td>
  <td class="num">${floor.progress.finished} / ${floor.progress.total}</td>
  <td class="num">${floor.progress.failed}</td>
  <td class="small nowrap">${formatTimestamp(floor.createdAt)}</td>
</tr>`,
)}
</tbody>
</table>`
}
</div>`;
  return pageLayout(context, { title: 'Floors', nav: 'floors' }, body);
}

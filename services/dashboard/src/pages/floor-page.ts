import type { FloorDeviceTotal } from '@ceiling-grid/core';
import type { FloorRoomView, FloorView } from '@ceiling-grid/queue';
import { html, type SafeHtml } from '../html.js';
import {
  formatDuration,
  formatNumber,
  formatTimestamp,
  shortRunId,
  statusBadge,
  verdictBadge,
} from './format.js';
import { LIVE_SCRIPT_PATH, type PageContext, pageLayout } from './page-layout.js';

/**
 * `/floors/:id`: a floor's progress bar, its totals, and a row per room with the run's status,
 * counts and compliance and a link to the run. The progress, the totals and each row are
 * regions the live script replaces as rooms finish ({@link floorLiveRegions}); without it the
 * page has a reload link.
 */
export function floorPage(context: PageContext, floor: FloorView): SafeHtml {
  const body = html`
<div class="page-head">
  <div>
    <div class="small muted"><a href="/floors">Floors</a> / <span class="mono">${floor.floorRunId}</span></div>
    <h1>${floor.name}</h1>
    <div class="sub">Floor <span class="mono">${floor.floorId}</span> · ${floor.progress.total} ${floor.progress.total === 1 ? 'room' : 'rooms'} · started ${formatTimestamp(floor.createdAt)} · ${floor.source}</div>
  </div>
  <div class="actions">
    <a class="button" href="/floors/${floor.floorRunId}/schedule.csv" download="${floor.floorId}-schedule.csv">Schedule CSV</a>
    <a class="button primary" href="/floors/new">+ New floor</a>
  </div>
</div>
<div id="floor-live" data-live-events="/floors/${floor.floorRunId}/events">
${floorProgress(floor)}
${floorTotals(floor)}
<section class="card flush" id="floor-rooms">
  <div class="card-head pad"><h2>Rooms</h2><span class="muted small">one run each, spread over every worker</span></div>
  <table class="data rooms">
    <thead><tr><th>Room</th><th>Status</th><th>Compliance</th><th title="Lights · diffusers · smoke detectors">Placed</th><th>Light model</th><th class="num">Duration</th><th>Run</th></tr></thead>
    <tbody>${floor.rooms.map(floorRoomRow)}</tbody>
  </table>
</section>
</div>`;
  return pageLayout(
    context,
    {
      title: `Floor ${floor.name}`,
      nav: 'floors',
      ...(floor.status === 'completed' ? {} : { moduleScript: LIVE_SCRIPT_PATH }),
    },
    body,
  );
}

/** The regions of the floor page by element id, as the live stream sends them. */
export function floorLiveRegions(floor: FloorView): Record<string, string> {
  const regions: Record<string, string> = {
    'floor-progress': floorProgress(floor).value,
    'floor-totals': floorTotals(floor).value,
  };
  for (const room of floor.rooms) regions[roomRowId(room.runId)] = floorRoomRow(room).value;
  return regions;
}

/** The floor's status, a progress bar (a native `<progress>`: no script, no inline style) and the counts. */
function floorProgress(floor: FloorView): SafeHtml {
  const { total, finished, completed, failed, fraction } = floor.progress;
  const percent = Math.round(fraction * 100);
  const done = floor.status === 'completed';
  return html`<section class="card" id="floor-progress" data-status="${floor.status}" data-finished="${finished}" data-total="${total}">
  <div class="card-head"><h2>Progress ${statusBadge(done ? 'completed' : floor.status === 'queued' ? 'queued' : 'running')}</h2><span class="percent" data-percent="${percent}">${percent} %</span></div>
  <progress class="floor-bar" max="${total}" value="${finished}" aria-label="Rooms finished">${percent} %</progress>
  <div class="small muted">${finished} of ${total} rooms finished · ${completed} completed${failed > 0 ? html` · <strong class="bad-text">${failed} failed</strong>` : ''}${floor.finishedAt ? ` · finished ${formatTimestamp(floor.finishedAt)}` : ''}</div>
  ${done ? '' : html`<div class="small" data-live-fallback>The rooms are still running: <a href="/floors/${floor.floorRunId}">reload</a> to see their progress.</div>`}
</section>`;
}

/** What the completed rooms add up to, each device total with its proven lower bound. */
function floorTotals(floor: FloorView): SafeHtml {
  const t = floor.totals;
  return html`<div class="facts" id="floor-totals">
  ${fact('Lights', deviceTotal('light', t.lights))}
  ${fact('Watts', html`<span data-total="watts">${formatNumber(t.watts)}</span> ${t.units.watts}`)}
  ${fact('Lighting power density', html`<span data-total="lpd">${formatNumber(t.lightingPowerDensity, 2)}</span> ${t.units.lightingPowerDensity}`)}
  ${fact('Diffusers', deviceTotal('airSupply', t.diffusers))}
  ${fact('Detectors', deviceTotal('smokeDetector', t.detectors))}
  ${fact('Compliant rooms', html`<span data-total="compliant">${t.compliantRooms}</span> <span class="muted small">of ${t.completedRooms} completed</span>`)}
</div>`;
}

function fact(label: string, value: SafeHtml): SafeHtml {
  return html`<div class="fact"><div class="label">${label}</div><div class="value">${value}</div></div>`;
}

function deviceTotal(kind: 'light' | 'airSupply' | 'smokeDetector', total: FloorDeviceTotal): SafeHtml {
  return html`<span class="device-count" data-total="${kind}" data-count="${total.count}"><span class="swatch ${kind}"></span>${total.count}</span>${
    total.lowerBound === null
      ? ''
      : html`<div class="small muted" data-lower-bound="${total.lowerBound}">proven minimum ${total.lowerBound}</div>`
  }`;
}

function roomRowId(runId: string): string {
  return `room-${runId}`;
}

/** One room's row: its run's status, compliance, counts, light model, duration and link. */
export function floorRoomRow(room: FloorRoomView): SafeHtml {
  const placed = room.placed;
  return html`<tr id="${roomRowId(room.runId)}" data-room-id="${room.roomId}" data-status="${room.status}">
  <td class="room"><div class="room-name">${room.roomName ?? room.roomId}</div>${room.roomName ? html`<div class="muted small mono">${room.roomId}</div>` : ''}</td>
  <td>${statusBadge(room.status)}${room.error ? html`<div class="small muted" title="${room.error}">${room.error.length > 60 ? `${room.error.slice(0, 59)}…` : room.error}</div>` : ''}</td>
  <td>${room.compliant === undefined ? html`<span class="muted">—</span>` : verdictBadge(room.compliant)}</td>
  <td class="placed nowrap">${
    placed
      ? (
          [
            ['light', placed.light],
            ['airSupply', placed.airSupply],
            ['smokeDetector', placed.smokeDetector],
          ] as const
        ).map(
          ([kind, count]) =>
            html`<span class="device-count" data-kind="${kind}"><span class="swatch ${kind}"></span>${count}</span>`,
        )
      : html`<span class="muted">—</span>`
  }</td>
  <td class="small">${room.selectedLightModel ?? html`<span class="muted">—</span>`}</td>
  <td class="num">${formatDuration(room.durationMs)}</td>
  <td class="small nowrap"><a class="mono" href="/runs/${room.runId}" title="${room.runId}">${shortRunId(room.runId)} →</a></td>
</tr>`;
}

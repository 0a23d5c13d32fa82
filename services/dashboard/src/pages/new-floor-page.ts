import type { FloorIssue } from '@ceiling-grid/core';
import { html, type SafeHtml } from '../html.js';
import { fileFormScript } from './file-form-script.js';
import { type PageContext, pageLayout } from './page-layout.js';

/** Form field names of `POST /floors`, shared by the page and the handler. */
export const FLOOR_FORM = { floor: 'floor' } as const;

/** What the form shows again after a rejected submission. */
export interface NewFloorFormState {
  readonly floorText: string;
  /** Every problem found, each naming its room (where it is about one) and field. */
  readonly issues?: readonly FloorIssue[];
  /** A problem with the submission itself (not JSON, nothing given, too large). */
  readonly error?: string;
}

/** Reads a chosen file into the textarea, as the new-run form does. */
const FORM_SCRIPT = fileFormScript({
  form: 'floor-form',
  file: 'floor-file',
  text: 'floor-json',
  status: 'file-status',
  submit: 'floor-submit',
});

/** `/floors/new`: upload or paste a floor JSON and start one run per room. */
export function newFloorPage(
  context: PageContext,
  limits: { maxRooms: number; maxBytes: number },
  state?: NewFloorFormState,
): SafeHtml {
  const issues = state?.issues ?? [];
  const rejected = state !== undefined && (issues.length > 0 || state.error !== undefined);
  const body = html`
<div class="page-head">
  <div>
    <h1>New floor</h1>
    <div class="sub">A floor of rooms in one go: one run per room, spread over every worker, totalled on the floor's page.</div>
  </div>
</div>
${rejected ? issueList(state?.error, issues) : ''}
<form class="card" id="floor-form" method="post" action="/floors">
  <div class="field">
    <label class="title" for="floor-json">Floor JSON</label>
    <div class="hint small muted">A floor (RULES §2 "Floors"): <code>{ "floorId": "level-2", "name": "Level 2", "rooms": [room, …] }</code>, each room as on the new-run form; at most ${limits.maxRooms} rooms and ${Math.round(limits.maxBytes / 1_048_576)} MiB. Invalid rooms reject the whole floor.</div>
    <div class="file-row">
      <input type="file" id="floor-file" accept=".json,application/json">
      <span class="file-name" id="file-status" aria-live="polite"></span>
    </div>
    <textarea id="floor-json" name="${FLOOR_FORM.floor}" spellcheck="false" placeholder='{ "floorId": "level-2", "name": "Level 2", "rooms": [{ "roomId": "r-201", "cellSize": 2, "layout": ["......", "......"] }] }'>${state?.floorText ?? ''}</textarea>
  </div>
  <div class="actions">
    <button class="button primary" type="submit" id="floor-submit">Start floor</button>
    <a class="button" href="/floors">Cancel</a>
  </div>
</form>`;
  return pageLayout(
    context,
    { title: rejected ? 'Invalid floor' : 'New floor', nav: 'floors', script: FORM_SCRIPT },
    body,
  );
}

/** The problems grouped by room (floor-wide ones first), each with its field. */
function issueList(error: string | undefined, issues: readonly FloorIssue[]): SafeHtml {
  const groups = new Map<string, FloorIssue[]>();
  for (const issue of issues) {
    const key =
      issue.roomIndex === undefined
        ? 'The floor'
        : `Room ${issue.roomId ?? '(no roomId)'} · rooms[${issue.roomIndex}]`;
    groups.set(key, [...(groups.get(key) ?? []), issue]);
  }
  const rooms = new Set(issues.flatMap((i) => (i.roomIndex === undefined ? [] : [i.roomIndex]))).size;
  const headline =
    error ??
    `The floor is not valid: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}${rooms > 0 ? ` in ${rooms} ${rooms === 1 ? 'room' : 'rooms'}` : ''}. Nothing was started.`;
  return html`<div class="alert bad" role="alert" id="floor-issues">
  <strong>${headline}</strong>
  ${[...groups].map(
    ([room, list]) =>
      html`<div class="issue-room">${room}</div><ul>${list.map(
        (issue) =>
          html`<li data-path="${issue.path}"${issue.roomId === undefined ? '' : html` data-room-id="${issue.roomId}"`}><span class="issue-path">${fieldOf(issue)}</span>: ${issue.message}</li>`,
      )}</ul>`,
  )}
</div>`;
}

/** The field inside its room (`layout[2]`), or the floor's own path. */
function fieldOf(issue: FloorIssue): string {
  if (issue.roomIndex === undefined) return issue.path || '(floor)';
  return issue.path.replace(/^rooms\[\d+\]\.?/, '') || '(room)';
}

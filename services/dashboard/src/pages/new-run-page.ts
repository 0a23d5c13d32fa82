import type { RoomInput, RoomIssue } from '@ceiling-grid/core';
import { EDITOR_SCRIPT_PATH } from '../editor-script.js';
import { html, type SafeHtml } from '../html.js';
import { CEILING_EDITOR_CSS, ceilingEditorPanel } from './ceiling-editor-panel.js';
import { DXF_IMPORT_CSS, type DxfImportFormState, dxfImportForm } from './dxf-import-form.js';
import { fileFormScript } from './file-form-script.js';
import { type PageContext, pageLayout } from './page-layout.js';

/** Form field names of `POST /runs`, shared by the page and the handler. */
export const RUN_FORM = {
  /** `sample` runs the sample room; `room` runs the JSON in {@link RUN_FORM.room}. */
  source: 'source',
  room: 'room',
} as const;

/** What the form shows again after a rejected submission. */
export interface NewRunFormState {
  readonly source: 'room' | 'sample';
  readonly roomText: string;
  /** Every problem found in the submitted room, each naming its field. */
  readonly issues?: readonly RoomIssue[];
  /** A problem with the submission itself (not JSON, nothing given). */
  readonly error?: string;
  /** Where `roomText` came from when the page opens with a room to edit ("the room of run …"). */
  readonly loadedFrom?: string;
  /** The Import DXF form as last submitted, with the problem of a refused drawing. */
  readonly dxfImport?: DxfImportFormState;
}

/** Describes the sample room in the form. */
export interface SampleRoomInfo {
  readonly name: string;
  readonly path: string;
  readonly size: string;
  /** The sample as RULES §2 JSON, for the editor's "Sample room" button. */
  readonly room: RoomInput;
}

/**
 * Reads a chosen file into the textarea and picks "this room"; steps aside once the ceiling
 * editor runs (it shows itself), which does all of this itself.
 */
const FORM_SCRIPT = fileFormScript(
  { form: 'run-form', file: 'room-file', text: 'room-json', status: 'file-status', submit: 'run-submit' },
  {
    skipWhen: "document.getElementById('ceiling-editor').hidden === false",
    onChange: "document.getElementById('source-room').checked = true;",
  },
);

/**
 * `/runs/new`: draw the room in the ceiling editor, or upload or paste a room JSON, or pick the
 * sample, and start a run. Without scripts the JSON form alone does it all.
 */
export function newRunPage(context: PageContext, sample: SampleRoomInfo, state?: NewRunFormState): SafeHtml {
  const source = state?.source ?? 'room';
  const issues = state?.issues ?? [];
  const rejected = state !== undefined && (issues.length > 0 || state.error !== undefined);
  const body = html`
<div class="page-head">
  <div>
    <h1>New run</h1>
    <div class="sub">Place lights, air supply diffusers and smoke detectors on a room's reflected ceiling plan.</div>
  </div>
</div>
${
  rejected
    ? html`<div class="alert bad" role="alert" id="room-issues">
  <strong>${state?.error ?? `The room is not valid: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}. Nothing was started.`}</strong>
  ${issues.length > 0 ? html`<ul>${issues.map((issue) => html`<li data-path="${issue.path}"><span class="issue-path">${issue.path || '(room)'}</span>: <span class="issue-message">${issue.message}</span></li>`)}</ul>` : ''}
</div>`
    : ''
}
${state?.loadedFrom && !rejected ? html`<div class="alert info" id="loaded-from">The form holds ${state.loadedFrom}: edit it and start a new run.</div>` : ''}
${dxfImportForm(state?.dxfImport)}
${ceilingEditorPanel({ sampleRoom: sample.room, ...(state?.loadedFrom ? { loadedFrom: state.loadedFrom } : {}) })}
<form class="card" id="run-form" method="post" action="/runs">
  <div class="field" id="source-field">
    <span class="title">Room</span>
    <div class="choice">
      <label><input type="radio" name="${RUN_FORM.source}" value="room" id="source-room"${source === 'room' ? html` checked` : ''}>
        <span>Upload or paste a room<span class="hint">A CeilingGrid JSON (RULES §2): <code>layout</code> rows of <code>.</code> free, <code>#</code> blocked, <code>-</code> outside, <code>L S R D</code> existing devices.</span></span></label>
      <label><input type="radio" name="${RUN_FORM.source}" value="sample" id="source-sample"${source === 'sample' ? html` checked` : ''}>
        <span>Use the sample room<span class="hint">${sample.name} · ${sample.size} · <code>${sample.path}</code></span></span></label>
    </div>
  </div>
  <details class="field" id="room-json-details" open>
    <summary class="title">Room JSON</summary>
    <div class="file-row">
      <input type="file" id="room-file" accept=".json,application/json">
      <span class="file-name" id="file-status" aria-live="polite"></span>
    </div>
    <textarea id="room-json" name="${RUN_FORM.room}" aria-label="Room JSON" spellcheck="false" placeholder='{ "roomId": "room-001", "units": "ft", "cellSize": 2, "layout": ["......", "..#...", "......"] }'>${state?.roomText ?? ''}</textarea>
  </details>
  <div class="actions">
    <button class="button primary" type="submit" id="run-submit">Start run</button>
    <a class="button" href="/runs">Cancel</a>
  </div>
</form>`;
  return pageLayout(
    context,
    {
      title: rejected ? 'Invalid room' : state?.dxfImport?.problem ? 'DXF not imported' : 'New run',
      nav: 'new',
      script: FORM_SCRIPT,
      styles: CEILING_EDITOR_CSS + DXF_IMPORT_CSS,
      moduleScript: EDITOR_SCRIPT_PATH,
    },
    body,
  );
}

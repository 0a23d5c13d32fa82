import { ROOM_TYPES, type RoomInput } from '@ceiling-grid/core';
import { html, raw, type SafeHtml } from '../html.js';

/** The tools of the editor's palette: the RULES §2 tile each paints and its label. */
const TOOLS: readonly { tile: string; label: string; kind: string }[] = [
  { tile: '.', label: 'Free', kind: 'free' },
  { tile: '#', label: 'Blocked', kind: 'blocked' },
  { tile: '-', label: 'Outside', kind: 'outside' },
  { tile: 'L', label: 'Light', kind: 'light' },
  { tile: 'S', label: 'Diffuser', kind: 'air-supply' },
  { tile: 'R', label: 'Return', kind: 'return' },
  { tile: 'D', label: 'Detector', kind: 'detector' },
];

/** What the editor panel shows besides the room it reads from the form. */
export interface EditorPanelOptions {
  /** The sample room, for the "Sample room" button. */
  readonly sampleRoom: RoomInput;
  /** Where the room in the form came from ("the room of run …"), said when the editor opens it. */
  readonly loadedFrom?: string;
}

/**
 * The ceiling editor's markup, `hidden` until its script (/assets/ceiling-editor.js) starts,
 * so a browser without scripts sees only the JSON form. Outside the form on purpose: Enter in
 * one of its fields must not start a run, and its fields post nothing (the script writes the
 * room into the form's JSON field).
 */
export function ceilingEditorPanel(options: EditorPanelOptions): SafeHtml {
  const field = (id: string, key: string, label: string, control: SafeHtml, unit = false) => html`
    <label class="ed-field" for="${id}"><span>${label}${unit ? html` <span class="muted">(<span data-unit>ft</span>)</span>` : ''}</span>${control}
      <span class="field-error" data-error-for="${key}" hidden></span></label>`;
  return html`
<section class="card editor" id="ceiling-editor" hidden aria-label="Ceiling editor"${options.loadedFrom ? html` data-loaded-from="${options.loadedFrom}"` : ''}>
  <div class="editor-head">
    <h2>Ceiling</h2>
    <span class="muted" id="ed-loaded-from" aria-live="polite"></span>
  </div>
  <div class="editor-fields">
    ${field('ed-room-id', 'roomId', 'Room id', html`<input id="ed-room-id" data-field="roomId" autocomplete="off" spellcheck="false" placeholder="from the drawing">`)}
    ${field('ed-name', 'name', 'Name', html`<input id="ed-name" data-field="name" autocomplete="off" maxlength="200">`)}
    ${field('ed-room-type', 'roomType', 'Room type', html`<select id="ed-room-type" data-field="roomType">${ROOM_TYPES.map((type) => html`<option value="${type}">${type}</option>`)}</select>`)}
    ${field('ed-units', 'units', 'Units', html`<select id="ed-units" data-field="units"><option value="ft">ft</option><option value="m">m</option></select>`)}
    ${field('ed-cell-size', 'cellSize', 'Tile size', html`<input id="ed-cell-size" data-field="cellSize" type="number" step="any" min="0" inputmode="decimal">`, true)}
    ${field('ed-ceiling-height', 'ceilingHeight', 'Ceiling height', html`<input id="ed-ceiling-height" data-field="ceilingHeight" type="number" step="any" min="0" inputmode="decimal">`, true)}
    ${field('ed-rows', 'rows', 'Rows', html`<input id="ed-rows" type="number" min="1" max="500" step="1" inputmode="numeric">`)}
    ${field('ed-cols', 'cols', 'Columns', html`<input id="ed-cols" type="number" min="1" max="500" step="1" inputmode="numeric">`)}
  </div>
  <span class="field-error" data-error-for="requirements" hidden></span>
  <div class="editor-toolbar">
    <div class="tools" role="group" aria-label="Paint tiles as">
      ${TOOLS.map((tool) => html`<button type="button" class="tool" data-tile="${tool.tile}" aria-pressed="${tool.tile === '.' ? 'true' : 'false'}"><span class="swatch ${tool.kind}" aria-hidden="true"></span>${tool.label}</button>`)}
    </div>
    <div class="actions">
      <button type="button" class="button" id="ed-undo" title="Undo (Ctrl+Z)" disabled>Undo</button>
      <button type="button" class="button" id="ed-redo" title="Redo (Ctrl+Y)" disabled>Redo</button>
      <button type="button" class="button" id="ed-open">Open room file…</button>
      <button type="button" class="button" id="ed-sample">Sample room</button>
      <button type="button" class="button" id="ed-download">Download JSON</button>
    </div>
  </div>
  <p class="hint muted">Drag across the grid to paint a rectangle with the chosen tile; click to paint one tile.</p>
  <div class="editor-stage"><div class="editor-frame" id="ed-frame"><canvas id="ed-canvas" role="img" aria-label="Ceiling grid: drag to paint a rectangle"></canvas></div></div>
  <div class="editor-status"><span id="ed-status" aria-live="polite"></span><span id="ed-hover" class="muted"></span></div>
  <ul class="editor-notices" id="ed-notices" hidden></ul>
  <ul class="editor-issues" id="ed-issues" tabindex="-1" aria-label="Problems in the room" hidden></ul>
</section>
<script type="application/json" id="sample-room-json">${raw(jsonForScript(options.sampleRoom))}</script>`;
}

/**
 * JSON safe inside a `<script type="application/json">` data block: `<` is escaped, so no
 * string in the room can close the element. The block is data, never run, so the CSP allows it.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The editor's styles, added to the New run page only. */
export const CEILING_EDITOR_CSS = `
.editor-head { display: flex; align-items: baseline; gap: 12px; margin-bottom: 10px; }
.editor-head h2 { margin: 0; font-size: 16px; }
.editor-fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 10px 14px; margin-bottom: 12px; }
.ed-field { display: flex; flex-direction: column; gap: 3px; font-size: 12.5px; font-weight: 600; color: var(--ink-2); }
.ed-field input, .ed-field select { font: inherit; font-weight: 400; color: var(--ink); padding: 6px 8px; border: 1px solid var(--line-2); border-radius: 6px; background: #fff; }
.ed-field [aria-invalid="true"] { border-color: var(--bad); box-shadow: 0 0 0 1px var(--bad); }
.field-error { color: var(--bad); font-weight: 500; font-size: 12px; }
.editor-toolbar { display: flex; justify-content: space-between; gap: 10px; flex-wrap: wrap; margin-bottom: 6px; }
.tools { display: flex; gap: 6px; flex-wrap: wrap; }
.tool { display: inline-flex; align-items: center; gap: 6px; padding: 6px 11px; border: 1px solid var(--line-2); border-radius: 6px; background: #fff; font: inherit; font-weight: 550; cursor: pointer; }
.tool[aria-pressed="true"] { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); background: #f8faff; }
.swatch { width: 14px; height: 14px; border-radius: 3px; border: 1px solid var(--line-2); background: #fff; }
.swatch.blocked { background: #52606d; } .swatch.outside { background: #e9ecf0; }
.swatch.light { background: #f5b700; border-radius: 50%; } .swatch.air-supply { background: #2563eb; }
.swatch.return { background: #15803d; } .swatch.detector { background: #dc2626; border-radius: 50%; }
.button:disabled { opacity: .45; cursor: default; }
.editor .hint { margin: 4px 0 8px; font-size: 12.5px; }
.editor-frame { width: fit-content; max-width: 100%; overflow: auto; max-height: 75vh; border: 1px solid var(--line-2); border-radius: 6px; background: #fff; line-height: 0; }
.editor-frame.grid-issue { border-color: var(--bad); box-shadow: 0 0 0 2px var(--bad); }
#ed-canvas { touch-action: none; cursor: crosshair; display: block; }
.editor-status { display: flex; justify-content: space-between; gap: 12px; flex-wrap: wrap; margin-top: 8px; font-size: 12.5px; }
.editor-notices { margin: 8px 0 0; padding: 8px 10px 8px 26px; background: var(--warn-bg); border-radius: 6px; color: #713f12; font-size: 12.5px; }
.editor-issues { margin: 8px 0 0; padding: 8px 10px 8px 26px; background: #fef2f2; border-radius: 6px; color: #7f1d1d; font-size: 12.5px; }
#room-json-details > summary { cursor: pointer; }
`;

import {
  DEFAULT_OBSTRUCTION_LAYER,
  DEFAULT_OUTLINE_LAYER,
  DXF_DEVICE_MODES,
  LENGTH_UNITS,
  ROOM_TYPES,
} from '@ceiling-grid/core';
import { html, type SafeHtml } from '../html.js';

/** Where the Import DXF form posts, and its file field. */
export const DXF_IMPORT_PATH = '/rooms/from-dxf';
export const DXF_FILE_FIELD = 'dxf';

/** The import options the form sends, by the names of the API's query (docs/CAD.md "Options"). */
export const DXF_FORM_TEXT_OPTIONS = [
  'outlineLayer',
  'obstructionLayer',
  'units',
  'roomId',
  'name',
  'roomType',
  'devices',
] as const;
export const DXF_FORM_NUMBER_OPTIONS = ['tileSize', 'originX', 'originY', 'ceilingHeight'] as const;
export type DxfFormOption = (typeof DXF_FORM_TEXT_OPTIONS)[number] | (typeof DXF_FORM_NUMBER_OPTIONS)[number];

/** A drawing the import refused: shown beside the form, the field at fault marked. */
export interface DxfImportProblem {
  readonly fileName: string;
  /** The option (or `dxf`, the drawing itself) at fault, as `DxfImportError.field`. */
  readonly field: string;
  readonly layer?: string;
  readonly message: string;
}

/** What the form shows after an import (it then stays open): the options as submitted, and the problem. */
export interface DxfImportFormState {
  readonly values?: Partial<Record<DxfFormOption, string>>;
  readonly problem?: DxfImportProblem;
}

/** The form's styles, added to the New run page. */
export const DXF_IMPORT_CSS = `
#dxf-import summary { cursor: pointer; }
#dxf-import[open] > summary { margin-bottom: 12px; }
#dxf-form details { margin-bottom: 12px; }
#dxf-form details > summary { margin-bottom: 8px; font-size: 12.5px; }
`;

/**
 * The Import DXF form: a plain multipart form (no script needed) posting the drawing and the
 * main options to {@link DXF_IMPORT_PATH}; the answer is the New run page holding the room.
 */
export function dxfImportForm(state?: DxfImportFormState): SafeHtml {
  const { values = {}, problem } = state ?? {};
  // The more options stay in view when one was given or is at fault.
  const more = ['originX', 'originY', 'roomId', 'name', 'roomType', 'ceilingHeight', 'devices'];
  const moreOpen = more.some(
    (name) => values[name as DxfFormOption] !== undefined || problem?.field === name,
  );
  const invalid = (name: string) => (problem?.field === name ? html` aria-invalid="true"` : '');
  const text = (name: DxfFormOption, label: string, fallback: string, placeholder = '') => html`
    <label class="ed-field" for="dxf-${name}"><span>${label}</span><input id="dxf-${name}" name="${name}" value="${values[name] ?? fallback}" placeholder="${placeholder}" autocomplete="off" spellcheck="false"${invalid(name)}></label>`;
  const number = (name: DxfFormOption, label: string, placeholder: string) => html`
    <label class="ed-field" for="dxf-${name}"><span>${label}</span><input id="dxf-${name}" name="${name}" type="number" step="any" inputmode="decimal" value="${values[name] ?? ''}" placeholder="${placeholder}"${invalid(name)}></label>`;
  const select = (name: DxfFormOption, label: string, empty: string, choices: readonly string[]) => html`
    <label class="ed-field" for="dxf-${name}"><span>${label}</span><select id="dxf-${name}" name="${name}"${invalid(name)}><option value="">${empty}</option>${choices.map((choice) => html`<option value="${choice}"${values[name] === choice ? html` selected` : ''}>${choice}</option>`)}</select></label>`;
  return html`
<details class="card" id="dxf-import"${state ? html` open` : ''}>
  <summary><strong>Import DXF</strong> <span class="muted">— a room from a CAD drawing: its outline and columns become the grid, to review in the editor before the run</span></summary>
  ${
    problem
      ? html`<div class="alert bad" role="alert" id="dxf-import-error" data-field="${problem.field}"${problem.layer ? html` data-layer="${problem.layer}"` : ''}>
  <strong>Could not import ${problem.fileName}.</strong> Nothing was created.
  <div><span class="issue-path">${problem.field}</span>: <span class="issue-message">${problem.message}</span></div>
</div>`
      : ''
  }
  <form id="dxf-form" method="post" action="${DXF_IMPORT_PATH}" enctype="multipart/form-data">
    <div class="file-row">
      <input type="file" id="dxf-file" name="${DXF_FILE_FIELD}" accept=".dxf,application/dxf,image/vnd.dxf" required aria-label="DXF drawing"${invalid('dxf')}>
    </div>
    <div class="editor-fields">
      ${select('units', 'Units, if the drawing has none', 'from $INSUNITS', LENGTH_UNITS)}
      ${number('tileSize', 'Tile size (room units)', '2 ft or 0.6 m')}
      ${text('outlineLayer', 'Outline layer', DEFAULT_OUTLINE_LAYER)}
      ${text('obstructionLayer', 'Columns layer', DEFAULT_OBSTRUCTION_LAYER)}
    </div>
    <details${moreOpen ? html` open` : ''}>
      <summary class="muted">More options (docs/CAD.md "Importing a room")</summary>
      <div class="editor-fields">
        ${number('originX', 'Grid origin x (drawing units)', "outline's left")}
        ${number('originY', 'Grid origin y (drawing units)', "outline's bottom")}
        ${text('roomId', 'Room id', '', 'from the drawing')}
        ${text('name', 'Name', '')}
        ${select('roomType', 'Room type', 'office', ROOM_TYPES)}
        ${number('ceilingHeight', 'Ceiling height', '9 ft or 2.75 m')}
        ${select('devices', 'Device blocks read', 'existing', DXF_DEVICE_MODES)}
      </div>
    </details>
    <div class="actions">
      <button class="button" type="submit" id="dxf-submit">Import DXF</button>
    </div>
  </form>
</details>`;
}

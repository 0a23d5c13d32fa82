import type { RoomIssue } from '@ceiling-grid/core/portable-room';
import { CeilingEditor } from './ceiling-editor-controller.js';
import { findEditorElements } from './ceiling-editor-view.js';
import { blankRoom } from './editor-room.js';

/**
 * The New run page's ceiling editor, served bundled as `/assets/ceiling-editor.js` (see
 * docs/EDITOR.md). The page works without it: the room JSON textarea posts as before. With it,
 * the editor is shown, the JSON field folds away, and the editor keeps that field in step with
 * the drawing, so the form posts exactly the room on screen.
 */

const page = {
  root: document.getElementById('ceiling-editor'),
  form: document.getElementById('run-form') as HTMLFormElement | null,
  text: document.getElementById('room-json') as HTMLTextAreaElement | null,
  jsonDetails: document.getElementById('room-json-details') as HTMLDetailsElement | null,
  sourceField: document.getElementById('source-field'),
  useRoom: document.getElementById('source-room') as HTMLInputElement | null,
  file: document.getElementById('room-file') as HTMLInputElement | null,
  fileStatus: document.getElementById('file-status'),
  submit: document.getElementById('run-submit') as HTMLButtonElement | null,
  serverAlert: document.getElementById('room-issues'),
};

/** False once the JSON field holds text the editor could not open, until the next edit. */
let textIsEditors = true;

/** The editor on this page; `undefined` on a page without one. */
export const ceilingEditor = page.root ? start(page.root) : undefined;

/**
 * Opens a room JSON in the editor as one undoable edit: the hook for anything that brings a room
 * (an imported drawing, for one). `from` says where it came from ("plan.dxf").
 */
export function loadRoom(json: unknown, from: string): boolean {
  return ceilingEditor !== undefined && !('error' in ceilingEditor.loadRoom(json, from));
}

function start(root: HTMLElement): CeilingEditor {
  let lastJson = '';
  let opened = false;
  const editor = new CeilingEditor(findEditorElements(root), blankRoom(), {
    changed: (json) => {
      lastJson = json;
      textIsEditors = true;
      if (page.text) page.text.value = json;
      if (page.useRoom) page.useRoom.checked = true;
      // The alert lists what the server found in the submitted room; it goes with the first edit.
      if (page.serverAlert && opened) page.serverAlert.hidden = true;
    },
  });
  openInitialRoom(editor, readServerIssues());
  opened = true;
  root.hidden = false;
  if (page.sourceField) page.sourceField.hidden = true;
  page.text?.addEventListener('change', () => {
    if (page.text && page.text.value !== lastJson) openText(editor, page.text.value, 'the JSON field');
  });
  page.file?.addEventListener('change', () => openFile(editor));
  root.querySelector('#ed-open')?.addEventListener('click', () => page.file?.click());
  root.querySelector('#ed-sample')?.addEventListener('click', () => {
    const sample = document.getElementById('sample-room-json')?.textContent;
    if (sample) editor.loadRoom(JSON.parse(sample), 'the sample room');
  });
  page.form?.addEventListener('submit', (event) => {
    // JSON the editor could not open is posted as typed, so the server names what is wrong with it.
    if (textIsEditors && page.text) page.text.value = editor.json;
    if (textIsEditors && !editor.validate()) {
      event.preventDefault();
      root.querySelector<HTMLElement>('#ed-issues')?.focus();
      return;
    }
    if (page.submit) {
      page.submit.disabled = true;
      page.submit.textContent = 'Starting…';
    }
  });
  return editor;
}

/** The room the server put in the form (a rejected submission, a run's room), if any. */
function openInitialRoom(editor: CeilingEditor, serverIssues: readonly RoomIssue[]): void {
  const text = page.text?.value.trim() ?? '';
  if (text === '') {
    if (page.jsonDetails) page.jsonDetails.open = false;
    return;
  }
  const from = page.root?.dataset.loadedFrom || 'the submitted room';
  const opened = openText(editor, text, from, true);
  if (opened && page.jsonDetails) page.jsonDetails.open = false;
  if (opened && serverIssues.length > 0) editor.showServerIssues(serverIssues);
}

function openText(editor: CeilingEditor, text: string, from: string, fresh = false): boolean {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    editor.showNotice(`Could not open ${from}: it is not JSON (${(error as Error).message}).`);
    return notOpened();
  }
  return 'error' in editor.loadRoom(json, from, { fresh }) ? notOpened() : true;
}

function notOpened(): false {
  textIsEditors = false;
  if (page.jsonDetails) page.jsonDetails.open = true;
  return false;
}

function openFile(editor: CeilingEditor): void {
  const chosen = page.file?.files?.[0];
  if (!chosen) return;
  if (page.fileStatus) page.fileStatus.textContent = `Reading ${chosen.name}…`;
  chosen.text().then(
    (text) => {
      const opened = openText(editor, text, chosen.name);
      if (!opened && page.text) page.text.value = text;
      if (page.fileStatus)
        page.fileStatus.textContent = `${chosen.name} ${opened ? 'opened' : 'could not be opened'}`;
      if (page.file) page.file.value = '';
    },
    () => {
      if (page.fileStatus) page.fileStatus.textContent = `Could not read ${chosen.name}`;
    },
  );
}

/** The issues of a rejected submission, as the server listed them in its alert. */
function readServerIssues(): RoomIssue[] {
  return [...document.querySelectorAll<HTMLElement>('#room-issues li[data-path]')].map((item) => ({
    path: item.dataset.path ?? '',
    message: item.querySelector('.issue-message')?.textContent ?? item.textContent ?? '',
  }));
}

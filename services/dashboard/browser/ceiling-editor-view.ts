import type { EditorRoom } from './editor-room.js';
import type { EditorField } from './issue-place.js';

/** The elements of the editor the server renders (services/dashboard/src/pages/ceiling-editor-panel.ts). */
export interface EditorElements {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly frame: HTMLElement;
  readonly fields: {
    readonly roomId: HTMLInputElement;
    readonly name: HTMLInputElement;
    readonly roomType: HTMLSelectElement;
    readonly units: HTMLSelectElement;
    readonly cellSize: HTMLInputElement;
    readonly ceilingHeight: HTMLInputElement;
    readonly rows: HTMLInputElement;
    readonly cols: HTMLInputElement;
  };
  readonly tools: readonly HTMLButtonElement[];
  readonly undo: HTMLButtonElement;
  readonly redo: HTMLButtonElement;
  readonly open: HTMLButtonElement;
  readonly sample: HTMLButtonElement;
  readonly download: HTMLButtonElement;
  readonly status: HTMLElement;
  readonly hover: HTMLElement;
  readonly loadedFrom: HTMLElement;
  readonly notices: HTMLUListElement;
  readonly issues: HTMLUListElement;
  readonly fieldErrors: ReadonlyMap<string, HTMLElement>;
}

/** Finds every element the editor needs under `root`; throws naming the first one missing. */
export function findEditorElements(root: HTMLElement): EditorElements {
  const one = <T extends Element>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`ceiling editor: ${selector} is missing from the page`);
    return found;
  };
  const fieldErrors = new Map<string, HTMLElement>();
  for (const element of root.querySelectorAll<HTMLElement>('[data-error-for]')) {
    fieldErrors.set(element.dataset.errorFor ?? '', element);
  }
  return {
    root,
    canvas: one('#ed-canvas'),
    frame: one('#ed-frame'),
    fields: {
      roomId: one('#ed-room-id'),
      name: one('#ed-name'),
      roomType: one('#ed-room-type'),
      units: one('#ed-units'),
      cellSize: one('#ed-cell-size'),
      ceilingHeight: one('#ed-ceiling-height'),
      rows: one('#ed-rows'),
      cols: one('#ed-cols'),
    },
    tools: [...root.querySelectorAll<HTMLButtonElement>('button[data-tile]')],
    undo: one('#ed-undo'),
    redo: one('#ed-redo'),
    open: one('#ed-open'),
    sample: one('#ed-sample'),
    download: one('#ed-download'),
    status: one('#ed-status'),
    hover: one('#ed-hover'),
    loadedFrom: one('#ed-loaded-from'),
    notices: one('#ed-notices'),
    issues: one('#ed-issues'),
    fieldErrors,
  };
}

/** Puts the room's fields in the form, leaving alone the one being typed in. */
export function showFields(elements: EditorElements, room: EditorRoom): void {
  const { fields } = elements;
  const set = (input: HTMLInputElement | HTMLSelectElement, value: string) => {
    if (document.activeElement !== input && input.value !== value) input.value = value;
  };
  set(fields.roomId, room.roomId);
  set(fields.name, room.name);
  set(fields.roomType, room.roomType);
  set(fields.units, room.units);
  set(fields.cellSize, String(room.cellSize));
  set(fields.ceilingHeight, String(room.ceilingHeight));
  set(fields.rows, String(room.rows));
  set(fields.cols, String(room.cols));
  for (const unit of elements.root.querySelectorAll('[data-unit]')) unit.textContent = room.units;
}

/** Shows each field's issues beside it (and marks the input invalid), clearing the others. */
export function showFieldIssues(elements: EditorElements, byField: ReadonlyMap<EditorField, string[]>): void {
  for (const [field, element] of elements.fieldErrors) {
    const messages = byField.get(field as EditorField) ?? [];
    element.textContent = messages.join('; ');
    element.hidden = messages.length === 0;
    const input = elements.root.querySelector(`[data-field="${field}"]`);
    if (messages.length > 0) input?.setAttribute('aria-invalid', 'true');
    else input?.removeAttribute('aria-invalid');
  }
}

/** Replaces a list's items with one `<li>` per entry, each given its data attributes. */
export function fillList(
  list: HTMLUListElement,
  entries: readonly { readonly text: string; readonly data?: Readonly<Record<string, string>> }[],
): void {
  list.replaceChildren(
    ...entries.map((entry) => {
      const item = document.createElement('li');
      item.textContent = entry.text;
      for (const [key, value] of Object.entries(entry.data ?? {})) item.dataset[key] = value;
      return item;
    }),
  );
  list.hidden = entries.length === 0;
}

/** Saves `text` as a file through a temporary link (no request leaves the page). */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

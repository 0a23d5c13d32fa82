import { checkRoom, formatRoomIssue, type RoomIssue } from '@ceiling-grid/core/portable-room';
import {
  downloadText,
  type EditorElements,
  fillList,
  showFieldIssues,
  showFields,
} from './ceiling-editor-view.js';
import { type EditHistory, recordEdit, redoEdit, startHistory, undoEdit } from './edit-history.js';
import {
  countTiles,
  type EditorRoom,
  PAINT_TILES,
  type PaintTile,
  paintRectangle,
  type RoomFields,
  resizeRoom,
  type TilePoint,
  toRoomJson,
  withFields,
} from './editor-room.js';
import { GridCanvas, type IssueMarks } from './grid-canvas.js';
import { type EditorField, placeIssue } from './issue-place.js';
import { type LoadedRoom, type LoadFailure, loadRoomJson } from './load-room.js';

/** What the editor reports to the page around it. */
export interface CeilingEditorHooks {
  /** The room changed (an edit, undo, redo, a load): its RULES §2 JSON, pretty-printed. */
  readonly changed: (json: string) => void;
}

const TILE_NAMES: Readonly<Record<string, string>> = {
  '.': 'free',
  '#': 'blocked',
  '-': 'outside',
  L: 'light',
  S: 'air supply diffuser',
  R: 'return grille',
  D: 'smoke detector',
};

/**
 * The ceiling editor: holds the room and its undo history, paints with the chosen tile, checks
 * the room with the core's own rules after every change and shows each issue on its tile, row
 * or field. `loadRoom` is the one way a room comes in (file, sample, a run's room, an import).
 */
export class CeilingEditor {
  private history: EditHistory<EditorRoom>;
  private tool: PaintTile = PAINT_TILES.free;
  /** Issues the server found in the submitted room, shown until the first edit. */
  private serverIssues: readonly RoomIssue[] | undefined;
  private issues: readonly RoomIssue[] = [];
  private readonly grid: GridCanvas;

  constructor(
    private readonly elements: EditorElements,
    initial: EditorRoom,
    private readonly hooks: CeilingEditorHooks,
  ) {
    this.history = startHistory(initial);
    this.grid = new GridCanvas(elements.canvas, elements.frame, {
      paint: (from, to) => this.paint(from, to),
      hover: (tile) => this.showHover(tile),
    });
    this.bindControls();
    this.render();
  }

  /** The room as it stands. */
  get room(): EditorRoom {
    return this.history.present;
  }

  /** The room as RULES §2 JSON, pretty-printed: what the form posts and the download saves. */
  get json(): string {
    return `${JSON.stringify(toRoomJson(this.room), null, 2)}\n`;
  }

  /** Every issue the core's check finds in the room now (or the server's, until the first edit). */
  get currentIssues(): readonly RoomIssue[] {
    return this.serverIssues ?? this.issues;
  }

  /**
   * Opens a room JSON (any RULES §2 room, even one the rules refuse) and says where it came from:
   * an undoable edit, or (`fresh`) a new history, as when the page opens. Returns why it could
   * not, for a value with no grid; the room then stays as it was.
   */
  loadRoom(json: unknown, from: string, options: { fresh?: boolean } = {}): LoadedRoom | LoadFailure {
    const loaded = loadRoomJson(json);
    if ('error' in loaded) {
      this.showNotice(`Could not open ${from}: ${loaded.error}.`);
      return loaded;
    }
    this.elements.loadedFrom.textContent = `Opened ${from}.`;
    fillList(
      this.elements.notices,
      loaded.notices.map((text) => ({ text: `${text}.` })),
    );
    if (options.fresh) {
      this.history = startHistory(loaded.room);
      this.serverIssues = undefined;
      this.render();
      this.hooks.changed(this.json);
    } else this.commit(loaded.room);
    return loaded;
  }

  /** Shows a sentence about the last load (a file that is not JSON, say) under the grid. */
  showNotice(text: string): void {
    fillList(this.elements.notices, [{ text }]);
  }

  /** Shows issues the server reported for the room on its tiles, until the next edit. */
  showServerIssues(issues: readonly RoomIssue[]): void {
    this.serverIssues = issues.length > 0 ? issues : undefined;
    this.render();
  }

  /** Checks the room now and shows the result; true when the core accepts it. */
  validate(): boolean {
    this.serverIssues = undefined;
    this.render();
    return this.issues.length === 0;
  }

  undo(): void {
    this.moveTo(undoEdit(this.history));
  }

  redo(): void {
    this.moveTo(redoEdit(this.history));
  }

  private moveTo(history: EditHistory<EditorRoom>): void {
    if (history === this.history) return;
    this.history = history;
    this.serverIssues = undefined;
    this.render();
    this.hooks.changed(this.json);
  }

  private paint(from: TilePoint, to: TilePoint): void {
    this.commit(paintRectangle(this.room, from, to, this.tool));
  }

  private commit(next: EditorRoom): void {
    if (next === this.room) {
      this.render();
      return;
    }
    this.moveTo(recordEdit(this.history, next));
  }

  private bindControls(): void {
    const { fields } = this.elements;
    const numberOf = (input: HTMLInputElement) =>
      input.value.trim() === '' ? Number.NaN : Number(input.value);
    const setField = (patch: Partial<RoomFields>) => this.commit(withFields(this.room, patch));
    fields.roomId.addEventListener('change', () => setField({ roomId: fields.roomId.value.trim() }));
    fields.name.addEventListener('change', () => setField({ name: fields.name.value }));
    fields.roomType.addEventListener('change', () =>
      setField({ roomType: fields.roomType.value as RoomFields['roomType'] }),
    );
    fields.units.addEventListener('change', () =>
      setField({ units: fields.units.value as RoomFields['units'] }),
    );
    fields.cellSize.addEventListener('change', () => setField({ cellSize: numberOf(fields.cellSize) }));
    fields.ceilingHeight.addEventListener('change', () =>
      setField({ ceilingHeight: numberOf(fields.ceilingHeight) }),
    );
    const resize = () => this.commit(resizeRoom(this.room, numberOf(fields.rows), numberOf(fields.cols)));
    fields.rows.addEventListener('change', resize);
    fields.cols.addEventListener('change', resize);
    for (const button of this.elements.tools) {
      button.addEventListener('click', () => {
        this.tool = (button.dataset.tile ?? PAINT_TILES.free) as PaintTile;
        this.render();
      });
    }
    this.elements.undo.addEventListener('click', () => this.undo());
    this.elements.redo.addEventListener('click', () => this.redo());
    this.elements.download.addEventListener('click', () =>
      downloadText(this.json, `${this.room.roomId || 'room'}.json`),
    );
    document.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Ctrl/⌘+Z undoes, Ctrl/⌘+Y and Ctrl/⌘+Shift+Z redo; text fields keep their own undo. */
  private onKey(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) this.undo();
    else if (key === 'y' || (key === 'z' && event.shiftKey)) this.redo();
    else return;
    event.preventDefault();
  }

  private render(): void {
    const room = this.room;
    const checked = checkRoom(toRoomJson(room));
    this.issues = checked.ok ? [] : checked.issues;
    const shown = this.currentIssues;
    const { marks, byField, entries } = placeAll(shown, room, this.serverIssues !== undefined);
    showFields(this.elements, room);
    showFieldIssues(this.elements, byField);
    fillList(this.elements.issues, entries);
    this.grid.show(room, marks, this.tool);
    for (const button of this.elements.tools) {
      button.setAttribute('aria-pressed', String(button.dataset.tile === this.tool));
    }
    this.elements.undo.disabled = this.history.past.length === 0;
    this.elements.redo.disabled = this.history.future.length === 0;
    this.elements.status.textContent = describeRoom(room, shown.length);
    this.elements.root.dataset.issues = String(shown.length);
  }

  private showHover(tile: TilePoint | undefined): void {
    if (!tile) {
      this.elements.hover.textContent = '';
      return;
    }
    const char = this.room.tiles[tile.row * this.room.cols + tile.col];
    this.elements.hover.textContent = `Row ${tile.row + 1}, column ${tile.col + 1}: ${TILE_NAMES[char] ?? `unknown tile ${JSON.stringify(char)}`}`;
  }
}

/** Where each issue shows: marks on the canvas, messages by field, and the list under the grid. */
function placeAll(issues: readonly RoomIssue[], room: EditorRoom, fromServer: boolean) {
  const tiles = new Set<number>();
  const rows = new Set<number>();
  let grid = false;
  const byField = new Map<EditorField, string[]>();
  const entries = issues.map((issue) => {
    const place = placeIssue(issue);
    const data: Record<string, string> = { path: issue.path, place: place.kind };
    if (place.kind === 'tile' && place.row < room.rows && place.col < room.cols) {
      tiles.add(place.row * room.cols + place.col);
      Object.assign(data, { row: String(place.row), col: String(place.col) });
    } else if (place.kind === 'row' && place.row < room.rows) {
      rows.add(place.row);
      data.row = String(place.row);
    } else if (place.kind === 'grid') grid = true;
    else if (place.kind === 'field') {
      byField.set(place.field, [...(byField.get(place.field) ?? []), issue.message]);
      data.field = place.field;
    }
    if (fromServer) data.source = 'server';
    return { text: formatRoomIssue(issue), data };
  });
  const marks: IssueMarks = { tiles, rows, grid };
  return { marks, byField, entries };
}

function describeRoom(room: EditorRoom, issues: number): string {
  const counts = countTiles(room);
  const roomTiles = room.rows * room.cols - (counts.get('-') ?? 0);
  const area = roomTiles * room.cellSize * room.cellSize;
  const devices = (['L', 'S', 'R', 'D'] as const)
    .filter((char) => counts.has(char))
    .map((char) => `${counts.get(char)} ${TILE_NAMES[char]}${counts.get(char) === 1 ? '' : 's'}`);
  return [
    `${room.rows} × ${room.cols} tiles`,
    `${roomTiles.toLocaleString('en-US')} in the room (${Number.isFinite(area) ? Math.round(area).toLocaleString('en-US') : '?'} ${room.units}²)`,
    `${counts.get('#') ?? 0} blocked`,
    ...(devices.length > 0 ? [`existing: ${devices.join(', ')}`] : []),
    issues === 0 ? 'ready to run' : `${issues} ${issues === 1 ? 'problem' : 'problems'}`,
  ].join(' · ');
}

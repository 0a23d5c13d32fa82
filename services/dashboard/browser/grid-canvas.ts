import type { EditorRoom, TilePoint } from './editor-room.js';

/** Where the room's issues are, for drawing: tile indices, whole rows, the whole grid. */
export interface IssueMarks {
  readonly tiles: ReadonlySet<number>;
  readonly rows: ReadonlySet<number>;
  readonly grid: boolean;
}

/** What the canvas tells its owner. */
export interface GridCanvasEvents {
  /** A drag (or a click: a one-tile drag) ended between these two tiles. */
  readonly paint: (from: TilePoint, to: TilePoint) => void;
  /** The pointer is over this tile, or left the grid (`undefined`). */
  readonly hover: (tile: TilePoint | undefined) => void;
}

/** Fill colour of each legend character; anything else is drawn as an unknown tile. */
const FILL: Readonly<Record<string, string>> = {
  '.': '#ffffff',
  '#': '#52606d',
  '-': '#e9ecf0',
  L: '#f5b700',
  S: '#2563eb',
  R: '#15803d',
  D: '#dc2626',
};
const UNKNOWN_FILL = '#c026d3';
const DEVICE_TILES = new Set(['L', 'S', 'R', 'D']);
const GRID_LINE = '#d2d6dc';
const ISSUE = '#b91c1c';
/** Largest and smallest tile on screen, CSS pixels. */
const MAX_TILE_PX = 36;
const MIN_TILE_PX = 3;

/**
 * The ceiling grid on a canvas: one element however big the room (a 500 × 500 room is a
 * quarter of a million tiles, too many for DOM nodes). Pointer events give mouse, pen and touch
 * alike; a drag paints the rectangle between where it started and where it ends, previewed
 * while it lasts.
 */
export class GridCanvas {
  private room: EditorRoom | undefined;
  private marks: IssueMarks = { tiles: new Set(), rows: new Set(), grid: false };
  private paintFill = FILL['.'];
  private drag: { pointerId: number; start: TilePoint; end: TilePoint } | undefined;
  private tilePx = 16;
  /** The tiles and issue marks as last drawn, so a drag's preview redraws only itself. */
  private readonly layer = document.createElement('canvas');
  private layerKey: unknown[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly frame: HTMLElement,
    private readonly events: GridCanvasEvents,
  ) {
    canvas.addEventListener('pointerdown', (event) => this.onDown(event));
    canvas.addEventListener('pointermove', (event) => this.onMove(event));
    canvas.addEventListener('pointerup', (event) => this.onUp(event));
    canvas.addEventListener('pointercancel', () => this.cancelDrag());
    canvas.addEventListener('pointerleave', () => this.events.hover(undefined));
    // Fits the tiles to the width the page gives the grid, when it first shows and on every resize.
    let width = -1;
    new ResizeObserver(() => {
      if (this.availableWidth() === width) return;
      width = this.availableWidth();
      this.draw();
    }).observe(this.frame.parentElement ?? this.frame);
  }

  /** The width the grid may take: its frame's container's (the frame itself fits the canvas). */
  private availableWidth(): number {
    return (this.frame.parentElement ?? this.frame).clientWidth;
  }

  /** Draws `room` with its issues; `paintTile` colours the drag preview. */
  show(room: EditorRoom, marks: IssueMarks, paintTile: string): void {
    this.room = room;
    this.marks = marks;
    this.paintFill = FILL[paintTile] ?? UNKNOWN_FILL;
    this.draw();
  }

  /** The tile under a page point, clamped to the grid (a drag may leave it). */
  tileAtPoint(clientX: number, clientY: number): TilePoint {
    const room = this.room!;
    const box = this.canvas.getBoundingClientRect();
    const clampTo = (value: number, size: number) => Math.min(Math.max(Math.floor(value), 0), size - 1);
    return {
      row: clampTo((clientY - box.top) / this.tilePx, room.rows),
      col: clampTo((clientX - box.left) / this.tilePx, room.cols),
    };
  }

  private onDown(event: PointerEvent): void {
    if (!this.room || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    // Keeps the drag's moves and its end coming here when the pointer leaves the canvas.
    if (event.isTrusted) this.canvas.setPointerCapture(event.pointerId);
    const start = this.tileAtPoint(event.clientX, event.clientY);
    this.drag = { pointerId: event.pointerId, start, end: start };
    this.draw();
  }

  private onMove(event: PointerEvent): void {
    if (!this.room) return;
    const tile = this.tileAtPoint(event.clientX, event.clientY);
    this.events.hover(tile);
    if (this.drag?.pointerId !== event.pointerId) return;
    if (tile.row === this.drag.end.row && tile.col === this.drag.end.col) return;
    this.drag = { ...this.drag, end: tile };
    this.draw();
  }

  private onUp(event: PointerEvent): void {
    const drag = this.drag;
    if (drag?.pointerId !== event.pointerId) return;
    this.drag = undefined;
    const end = this.tileAtPoint(event.clientX, event.clientY);
    this.events.paint(drag.start, end);
  }

  private cancelDrag(): void {
    this.drag = undefined;
    this.draw();
  }

  private draw(): void {
    const room = this.room;
    if (!room) return;
    const fit = Math.floor((this.availableWidth() - 2) / room.cols);
    const fitHeight = Math.floor((window.innerHeight * 0.7) / room.rows);
    this.tilePx = Math.max(MIN_TILE_PX, Math.min(MAX_TILE_PX, fit, Math.max(fitHeight, 12)));
    const px = this.tilePx;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(room.cols * px * ratio);
    const height = Math.round(room.rows * px * ratio);
    const key = [room, this.marks, px, ratio];
    if (key.some((part, i) => part !== this.layerKey[i])) {
      this.layerKey = key;
      this.layer.width = width;
      this.layer.height = height;
      const layer = this.layer.getContext('2d');
      if (!layer) return;
      layer.setTransform(ratio, 0, 0, ratio, 0, 0);
      this.drawTiles(layer, room, px);
      this.drawMarks(layer, room, px);
    }
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.canvas.style.width = `${room.cols * px}px`;
      this.canvas.style.height = `${room.rows * px}px`;
    }
    this.frame.classList.toggle('grid-issue', this.marks.grid);
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.drawImage(this.layer, 0, 0);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.drawPreview(context, px);
  }

  /**
   * Fills runs of equal tiles along each row with one rectangle each, strokes every grid line in
   * one path, and draws devices one by one: a 500 × 500 room is mostly long runs.
   */
  private drawTiles(context: CanvasRenderingContext2D, room: EditorRoom, px: number): void {
    const devices: number[] = [];
    const lines = new Path2D();
    const withLines = px >= 6;
    for (let row = 0; row < room.rows; row++) {
      let col = 0;
      while (col < room.cols) {
        const char = room.tiles[row * room.cols + col];
        let end = col + 1;
        while (end < room.cols && room.tiles[row * room.cols + end] === char) end++;
        const device = DEVICE_TILES.has(char);
        context.fillStyle = device ? FILL['.'] : (FILL[char] ?? UNKNOWN_FILL);
        context.fillRect(col * px, row * px, (end - col) * px, px);
        for (let at = col; at < end; at++) {
          if (device || !(char in FILL)) devices.push(row * room.cols + at);
          if (withLines && char !== '-') lines.rect(at * px + 0.5, row * px + 0.5, px - 1, px - 1);
        }
        col = end;
      }
    }
    if (withLines) {
      context.strokeStyle = GRID_LINE;
      context.lineWidth = 1;
      context.stroke(lines);
    }
    this.drawDevices(context, room, px, devices);
  }

  private drawDevices(
    context: CanvasRenderingContext2D,
    room: EditorRoom,
    px: number,
    tiles: number[],
  ): void {
    context.font = `600 ${Math.round(px * 0.55)}px system-ui, sans-serif`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    const inset = Math.max(1, Math.round(px * 0.14));
    for (const index of tiles) {
      const char = room.tiles[index];
      const x = (index % room.cols) * px;
      const y = Math.floor(index / room.cols) * px;
      context.fillStyle = FILL[char] ?? UNKNOWN_FILL;
      if (char === 'L' || char === 'D') {
        context.beginPath();
        context.arc(x + px / 2, y + px / 2, px / 2 - inset, 0, Math.PI * 2);
        context.fill();
      } else if (char in FILL) context.fillRect(x + inset, y + inset, px - 2 * inset, px - 2 * inset);
      if (px >= 14) {
        context.fillStyle = char === 'L' ? '#1f2933' : '#ffffff';
        context.fillText(char, x + px / 2, y + px / 2 + 1);
      }
    }
  }

  private drawMarks(context: CanvasRenderingContext2D, room: EditorRoom, px: number): void {
    context.strokeStyle = ISSUE;
    context.lineWidth = Math.max(2, Math.round(px / 8));
    const half = context.lineWidth / 2;
    for (const index of this.marks.tiles) {
      const row = Math.floor(index / room.cols);
      const col = index % room.cols;
      context.strokeRect(col * px + half, row * px + half, px - 2 * half, px - 2 * half);
    }
    for (const row of this.marks.rows) {
      context.strokeRect(half, row * px + half, room.cols * px - 2 * half, px - 2 * half);
    }
  }

  private drawPreview(context: CanvasRenderingContext2D, px: number): void {
    if (!this.drag) return;
    const { start, end } = this.drag;
    const x = Math.min(start.col, end.col) * px;
    const y = Math.min(start.row, end.row) * px;
    const width = (Math.abs(start.col - end.col) + 1) * px;
    const height = (Math.abs(start.row - end.row) + 1) * px;
    context.globalAlpha = 0.55;
    context.fillStyle = this.paintFill;
    context.fillRect(x, y, width, height);
    context.globalAlpha = 1;
    context.setLineDash([4, 3]);
    context.strokeStyle = '#1d4ed8';
    context.lineWidth = 2;
    context.strokeRect(x + 1, y + 1, width - 2, height - 2);
    context.setLineDash([]);
  }
}

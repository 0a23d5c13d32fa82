import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRoom, parseRoom, type RoomIssue } from '@ceiling-grid/core';
import { describe, expect, it } from 'vitest';
import { recordEdit, redoEdit, startHistory, undoEdit } from '../browser/edit-history.js';
import {
  blankRoom,
  countTiles,
  layoutRows,
  paintRectangle,
  resizeRoom,
  tileAt,
  toRoomJson,
  withFields,
  withUnits,
} from '../browser/editor-room.js';
import { placeIssue } from '../browser/issue-place.js';
import { loadRoomJson } from '../browser/load-room.js';

const ROOMS = join(import.meta.dirname, '../../../data/rooms');

/** The pure half of the ceiling editor (services/dashboard/browser), without a page. */
describe('ceiling editor: rectangles', () => {
  it('paints the rectangle spanned by two corners in any order, and only it', () => {
    const room = paintRectangle(blankRoom({ rows: 4, cols: 5 }), { row: 2, col: 3 }, { row: 1, col: 1 }, '#');
    expect(layoutRows(room)).toEqual(['.....', '.###.', '.###.', '.....']);
    expect(tileAt(room, { row: 1, col: 1 })).toBe('#');
  });

  it('clamps a drag that leaves the grid to its edges', () => {
    const room = paintRectangle(
      blankRoom({ rows: 3, cols: 4 }),
      { row: -5, col: 2 },
      { row: 1, col: 99 },
      '-',
    );
    expect(layoutRows(room)).toEqual(['..--', '..--', '....']);
  });

  it('returns the same room when the paint changes nothing, so it is no undo step', () => {
    const room = blankRoom({ rows: 2, cols: 2 });
    expect(paintRectangle(room, { row: 0, col: 0 }, { row: 1, col: 1 }, '.')).toBe(room);
    expect(withFields(room, { units: 'ft', cellSize: 2 })).toBe(room);
    expect(withFields(room, { cellSize: 0.6 })).not.toBe(room);
  });

  it('draws an L-shaped room with two columns that the core accepts as drawn', () => {
    let room = blankRoom({ rows: 10, cols: 14 });
    room = paintRectangle(room, { row: 0, col: 8 }, { row: 4, col: 13 }, '-');
    room = paintRectangle(room, { row: 6, col: 3 }, { row: 6, col: 3 }, '#');
    room = paintRectangle(room, { row: 6, col: 10 }, { row: 6, col: 10 }, '#');
    room = withFields(room, { roomId: 'l-room', name: 'L-shaped office' });
    const parsed = parseRoom(JSON.parse(JSON.stringify(toRoomJson(room))));
    expect(parsed).toMatchObject({ roomId: 'l-room', rows: 10, cols: 14, units: 'ft', cellSize: 2 });
    expect(countTiles(room).get('-')).toBe(5 * 6);
    expect(countTiles(room).get('#')).toBe(2);
  });
});

describe('ceiling editor: units', () => {
  it('moves default tile size and ceiling height to the new unit, and keeps typed values', () => {
    const metric = withUnits(blankRoom(), 'm');
    expect(metric).toMatchObject({ units: 'm', cellSize: 0.6, ceilingHeight: 2.75 });
    expect(withUnits(metric, 'ft')).toMatchObject({ units: 'ft', cellSize: 2, ceilingHeight: 9 });
    const typed = withFields(blankRoom(), { cellSize: 1.5, ceilingHeight: 10 });
    expect(withUnits(typed, 'm')).toMatchObject({ units: 'm', cellSize: 1.5, ceilingHeight: 10 });
    expect(withUnits(typed, 'ft')).toBe(typed);
  });
});

describe('ceiling editor: resizing', () => {
  it('keeps what fits, anchored top left, and fills new tiles free', () => {
    const room = paintRectangle(blankRoom({ rows: 2, cols: 3 }), { row: 0, col: 0 }, { row: 1, col: 0 }, 'L');
    expect(layoutRows(resizeRoom(room, 3, 2))).toEqual(['L.', 'L.', '..']);
    expect(layoutRows(resizeRoom(room, 1, 5))).toEqual(['L....']);
    expect(resizeRoom(room, 2, 3)).toBe(room);
  });

  it('stays within RULES §2 limits', () => {
    const room = resizeRoom(blankRoom(), 900, 500);
    expect([room.rows, room.cols]).toEqual([500, 500]);
    expect(resizeRoom(blankRoom(), 0, Number.NaN)).toMatchObject({ rows: 1, cols: 1 });
  });
});

describe('ceiling editor: undo and redo', () => {
  it('steps back and forward through edits, and a new edit drops the redo list', () => {
    const a = blankRoom({ rows: 1, cols: 3 });
    const b = paintRectangle(a, { row: 0, col: 0 }, { row: 0, col: 0 }, '#');
    const c = paintRectangle(b, { row: 0, col: 2 }, { row: 0, col: 2 }, 'S');
    let history = recordEdit(recordEdit(startHistory(a), b), c);
    history = undoEdit(undoEdit(history));
    expect(history.present).toBe(a);
    expect(undoEdit(history)).toBe(history);
    history = redoEdit(history);
    expect(history.present).toBe(b);
    const d = paintRectangle(b, { row: 0, col: 1 }, { row: 0, col: 1 }, 'D');
    history = recordEdit(history, d);
    expect(history.future).toEqual([]);
    expect(redoEdit(history)).toBe(history);
    expect(undoEdit(history).present).toBe(b);
  });

  it('ignores an edit that is the present state and keeps at most the limit', () => {
    let history = startHistory(0);
    expect(recordEdit(history, 0)).toBe(history);
    for (let i = 1; i <= 10; i++) history = recordEdit(history, i, 4);
    expect(history.past).toEqual([6, 7, 8, 9]);
  });
});

describe('ceiling editor: room JSON in and out', () => {
  const files = readdirSync(ROOMS).filter((file) => file.endsWith('.json'));

  it.each(files)('opens %s and gives back a room the core parses to the same tiles', (file) => {
    const input = JSON.parse(readFileSync(join(ROOMS, file), 'utf8'));
    const loaded = loadRoomJson(input);
    if ('error' in loaded) throw new Error(loaded.error);
    const again = parseRoom(JSON.parse(JSON.stringify(toRoomJson(loaded.room))));
    const original = parseRoom(input);
    expect(again.tiles).toEqual(original.tiles);
    expect({ ...again, tiles: [] }).toEqual({ ...original, tiles: [] });
  });

  it('names what it changed to show a room on the grid, and keeps bad tiles where they were', () => {
    const loaded = loadRoomJson({ cellSize: 2, layout: ['..X.', '..'], colour: 'red' });
    if ('error' in loaded) throw new Error(loaded.error);
    expect(layoutRows(loaded.room)).toEqual(['..X.', '..--']);
    expect(loaded.notices).toEqual([
      'row 2 had 2 tiles, filled to 4 with outside tiles (-)',
      'unknown field colour left out',
    ]);
    const checked = checkRoom(toRoomJson(loaded.room));
    expect(checked.ok ? [] : checked.issues.map(placeIssue)).toEqual([{ kind: 'tile', row: 0, col: 2 }]);
  });

  it('converts the legacy matrix, and refuses what has no grid', () => {
    const loaded = loadRoomJson({ room_id: 'old', cell_size: 2, matrix: [[0, 1, 9]] });
    if ('error' in loaded) throw new Error(loaded.error);
    expect(loaded.room).toMatchObject({ roomId: 'old', cellSize: 2, tiles: '.#?' });
    expect(loadRoomJson([1])).toEqual({ error: 'a room must be a JSON object' });
    expect(loadRoomJson({ cellSize: 2 })).toHaveProperty('error');
    expect(loadRoomJson({ layout: [] })).toEqual({ error: 'the layout has no rows' });
  });

  it('leaves out an empty id and name, and carries requirements through', () => {
    const loaded = loadRoomJson({ cellSize: 2, layout: ['..'], requirements: { illuminanceLux: 300 } });
    if ('error' in loaded) throw new Error(loaded.error);
    expect(toRoomJson(loaded.room)).toEqual({
      units: 'ft',
      cellSize: 2,
      ceilingHeight: 9,
      roomType: 'office',
      layout: ['..'],
      requirements: { illuminanceLux: 300 },
    });
  });
});

describe('ceiling editor: where an issue shows', () => {
  const at = (path: string, message = 'x'): RoomIssue => ({ path, message });

  it('puts tile, row, grid and field issues where they belong', () => {
    expect(placeIssue(at('layout[3]', 'unknown tile "X" at row 4, col 7 (legend: - . # L S R D)'))).toEqual({
      kind: 'tile',
      row: 3,
      col: 6,
    });
    expect(placeIssue(at('layout[2]', 'row 3 has 19 tiles, expected 20'))).toEqual({ kind: 'row', row: 2 });
    expect(placeIssue(at('matrix[1][4]'))).toEqual({ kind: 'tile', row: 1, col: 4 });
    expect(placeIssue(at('layout', 'has no room tile'))).toEqual({ kind: 'grid' });
    expect(placeIssue(at('cell_size'))).toEqual({ kind: 'field', field: 'cellSize' });
    expect(placeIssue(at('requirements.illuminanceLux'))).toEqual({ kind: 'field', field: 'requirements' });
    expect(placeIssue(at(''))).toEqual({ kind: 'room' });
    expect(placeIssue(at('constructor'))).toEqual({ kind: 'room' });
  });

  it('places every issue the core finds in an editor room with its own error', () => {
    let room = withFields(blankRoom({ rows: 2, cols: 2 }), { cellSize: 50, roomId: 'bad id' });
    room = paintRectangle(room, { row: 0, col: 0 }, { row: 1, col: 1 }, '-');
    const checked = checkRoom(toRoomJson(room));
    const schemaIssues = checked.ok ? [] : checked.issues.map(placeIssue);
    expect(schemaIssues).toEqual([{ kind: 'field', field: 'roomId' }]);
    const fixed = checkRoom(toRoomJson(withFields(room, { roomId: 'ok' })));
    expect(fixed.ok ? [] : fixed.issues.map(placeIssue)).toEqual([{ kind: 'field', field: 'cellSize' }]);
    const allOutside = checkRoom(toRoomJson(withFields(room, { roomId: 'ok', cellSize: 2 })));
    expect(allOutside.ok ? [] : allOutside.issues.map(placeIssue)).toEqual([{ kind: 'grid' }]);
  });
});

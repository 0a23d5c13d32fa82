import type { RoomIssue } from '@ceiling-grid/core/portable-room';

/** The form fields of the editor an issue can name. */
export type EditorField =
  | 'roomId'
  | 'name'
  | 'units'
  | 'cellSize'
  | 'ceilingHeight'
  | 'roomType'
  | 'requirements';

/** Where in the editor a room issue belongs. */
export type IssuePlace =
  | { readonly kind: 'tile'; readonly row: number; readonly col: number }
  | { readonly kind: 'row'; readonly row: number }
  | { readonly kind: 'grid' }
  | { readonly kind: 'field'; readonly field: EditorField }
  | { readonly kind: 'room' };

const FIELD_OF_PATH: Readonly<Record<string, EditorField>> = {
  roomId: 'roomId',
  room_id: 'roomId',
  name: 'name',
  units: 'units',
  cellSize: 'cellSize',
  cell_size: 'cellSize',
  ceilingHeight: 'ceilingHeight',
  roomType: 'roomType',
  requirements: 'requirements',
};

/**
 * Maps an issue of the core's room check (the browser's or the server's) to the place it shows:
 * `layout[3]` with "… at row 4, col 7 …" is one tile; `layout[3]` alone the whole row;
 * `matrix[3][6]` one tile; `layout`/`matrix` the grid; a field path its form field. Rows and
 * columns are 0-based here, as the paths are; the messages count from 1.
 */
export function placeIssue(issue: RoomIssue): IssuePlace {
  const grid = /^(?:layout|matrix)(?:\[(\d+)\](?:\[(\d+)\])?)?$/.exec(issue.path);
  if (grid) {
    if (grid[1] === undefined) return { kind: 'grid' };
    const row = Number(grid[1]);
    if (grid[2] !== undefined) return { kind: 'tile', row, col: Number(grid[2]) };
    const col = /\bcol (\d+)\b/.exec(issue.message);
    return col ? { kind: 'tile', row, col: Number(col[1]) - 1 } : { kind: 'row', row };
  }
  const head = issue.path.split(/[.[]/)[0];
  return Object.hasOwn(FIELD_OF_PATH, head)
    ? { kind: 'field', field: FIELD_OF_PATH[head] }
    : { kind: 'room' };
}

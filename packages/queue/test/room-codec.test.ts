import { parseRoom, syntheticRoom } from '@ceiling-grid/core';
import { describe, expect, it } from 'vitest';
import { decodeRoom, encodeRoom } from '../src/room-codec.js';
import { sharedRoom } from './queue-harness.js';

describe('room codec', () => {
  it('round-trips every shared room', () => {
    for (const name of [
      'office-open-plan',
      'office-l-shaped',
      'existing-devices',
      'legacy-matrix',
      'warehouse-large',
    ]) {
      const room = sharedRoom(name);
      expect(decodeRoom(encodeRoom(room))).toEqual(room);
    }
  });

  it('run-length encodes: a 300×300 room with a column grid is far smaller than its layout', () => {
    const room = syntheticRoom({ rows: 300, cols: 300 });
    const encoded = encodeRoom(room);
    expect(encoded.tiles.length).toBeLessThan(room.tiles.length / 10);
    expect(decodeRoom(encoded).tiles).toEqual(room.tiles);
  });

  it('writes runs as count then tile', () => {
    const room = parseRoom({ cellSize: 2, layout: ['...#', 'LLLL'] });
    expect(encodeRoom(room).tiles).toBe('3.#4L');
  });

  it('rejects an encoding that does not fill the grid', () => {
    const room = parseRoom({ cellSize: 2, layout: ['....'] });
    expect(() => decodeRoom({ ...encodeRoom(room), tiles: '3.' })).toThrow(/3 tiles, expected 4/);
    expect(() => decodeRoom({ ...encodeRoom(room), tiles: '9.' })).toThrow(/corrupt/);
    expect(() => decodeRoom({ ...encodeRoom(room), tiles: '4x' })).toThrow(/corrupt/);
  });
});

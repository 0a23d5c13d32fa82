import { syntheticRoom } from '@ceiling-grid/core';
import { describe, expect, it } from 'vitest';
import { decodeRoom, encodeRoom, RunRoomCache, type RunRoomCacheOptions } from '../src/index.js';

const office = encodeRoom(syntheticRoom({ rows: 12, cols: 16 }));
const hall = encodeRoom(syntheticRoom({ rows: 20, cols: 10 }));

/** A cache whose decodes are counted. */
function countingCache(options?: RunRoomCacheOptions) {
  const cache = new RunRoomCache(options);
  let decodes = 0;
  const get = (runId: string, encoded = office) =>
    cache.get(runId, encoded, (e) => {
      decodes++;
      return decodeRoom(e);
    });
  return { get, decodes: () => decodes };
}

describe('RunRoomCache', () => {
  it('decodes a run’s room and builds its photometry once for all its light jobs', () => {
    const cache = countingCache();
    const first = cache.get('run-1');
    expect(cache.get('run-1')).toBe(first);
    expect(cache.get('run-1')).toBe(first);
    expect(cache.decodes()).toBe(1);
    expect(first.photometry.room).toBe(first.room);
    expect(first.room.rows).toBe(12);
  });

  it('never hands a job the room of another payload, even under the same run id', () => {
    const cache = countingCache();
    const officeRun = cache.get('run-1', office);
    const hallRun = cache.get('run-1', hall);
    expect(hallRun).not.toBe(officeRun);
    expect(hallRun.room.rows).toBe(20);
    expect(cache.get('run-2', office)).not.toBe(officeRun);
    expect(cache.decodes()).toBe(3);
  });

  it('keeps only the most recent runs', () => {
    const cache = countingCache({ runs: 2 });
    const one = cache.get('run-1');
    cache.get('run-2');
    expect(cache.get('run-1')).toBe(one); // run-1 is now the most recent
    cache.get('run-3'); // evicts run-2
    expect(cache.decodes()).toBe(3);
    expect(cache.get('run-1')).toBe(one);
    cache.get('run-2');
    expect(cache.decodes()).toBe(4);
  });

  it('keeps no more tiles than it may, but always the newest run', () => {
    const cache = countingCache({ tiles: 250 }); // the office has 192 tiles, the hall 200
    const first = cache.get('run-1', office);
    expect(cache.get('run-1', office)).toBe(first);
    cache.get('run-2', hall); // 392 tiles: run-1 goes
    cache.get('run-2', hall);
    expect(cache.decodes()).toBe(2);
    expect(cache.get('run-1', office)).not.toBe(first);
    expect(cache.decodes()).toBe(3);
    const small = countingCache({ tiles: 10 });
    const kept = small.get('run-1', hall);
    expect(small.get('run-1', hall)).toBe(kept);
    expect(small.decodes()).toBe(1);
  });
});

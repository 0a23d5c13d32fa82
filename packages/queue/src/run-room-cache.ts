import { Photometry, type Room } from '@ceiling-grid/core';
import type { EncodedRoom } from './room-codec.js';

/** A run's room, decoded once, and the photometry its light models share. */
export interface RunRoom {
  readonly room: Room;
  readonly photometry: Photometry;
}

/** Options of {@link RunRoomCache}. */
export interface RunRoomCacheOptions {
  /** Runs kept. Default 4: two runs at concurrency 2, and slack. */
  readonly runs?: number;
  /**
   * Tiles kept over all runs; the newest run is kept whatever its size. A photometry holds about
   * 130 bytes a tile once its FFT is built (33 MB for a 500 × 500 room). Default 250,000, the
   * largest room.
   */
  readonly tiles?: number;
}

/**
 * The rooms of the runs a light worker took jobs of last, so the three light jobs of a run
 * decode the room and build its photometry once, not three times (about a sixth of a light
 * job's time on the sample room). Keyed by run id and checked against the payload, so a job
 * never gets another room's photometry. Bounded by runs and by tiles, the least recently used
 * dropped first.
 */
export class RunRoomCache {
  private readonly entries = new Map<string, RunRoom & { readonly payload: string }>();
  private readonly maxRuns: number;
  private readonly maxTiles: number;
  private tiles = 0;

  constructor(options: RunRoomCacheOptions = {}) {
    this.maxRuns = options.runs ?? 4;
    this.maxTiles = options.tiles ?? 250_000;
  }

  /** The run's room and photometry; `decode` makes the room when the run is not kept. */
  get(runId: string, encoded: EncodedRoom, decode: (encoded: EncodedRoom) => Room): RunRoom {
    const payload = JSON.stringify(encoded);
    const kept = this.entries.get(runId);
    if (kept) this.drop(runId);
    const entry = kept && kept.payload === payload ? kept : { ...newRunRoom(decode(encoded)), payload };
    // Inserted last, so the map's order is least recently used first.
    this.entries.set(runId, entry);
    this.tiles += entry.room.tiles.length;
    for (const oldest of this.entries.keys()) {
      if (oldest === runId || (this.entries.size <= this.maxRuns && this.tiles <= this.maxTiles)) break;
      this.drop(oldest);
    }
    return entry;
  }

  private drop(runId: string): void {
    const entry = this.entries.get(runId);
    if (!entry) return;
    this.entries.delete(runId);
    this.tiles -= entry.room.tiles.length;
  }
}

function newRunRoom(room: Room): RunRoom {
  return { room, photometry: new Photometry(room) };
}

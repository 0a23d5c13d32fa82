import type { FloorTotals } from '@ceiling-grid/core';
import type { RunListItem } from './run-view.js';

/** State of a floor: `completed` once every room's run has finished, whether or not it failed. */
export type FloorStatus = 'queued' | 'running' | 'completed';

/** One room of a floor as the floor page shows it: the run's list row, under the room's id. */
export type FloorRoomView = Omit<RunListItem, 'roomId'> & { readonly roomId: string };

/** Rooms finished out of all, and how. */
export interface FloorProgress {
  readonly total: number;
  /** Completed plus failed. */
  readonly finished: number;
  readonly completed: number;
  readonly failed: number;
  /** `finished / total`, 0 to 1. */
  readonly fraction: number;
}

/** What every view of a floor says about it. */
export interface FloorBasics {
  readonly floorRunId: string;
  readonly floorId: string;
  readonly name: string;
  readonly status: FloorStatus;
  readonly source: string;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly progress: FloorProgress;
}

/** A floor with every room's status and the totals of its completed rooms (`GET /api/floors/:id`). */
export interface FloorView extends FloorBasics {
  readonly rooms: readonly FloorRoomView[];
  readonly totals: FloorTotals;
}

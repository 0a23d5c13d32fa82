import { requireStore, type StoreConnection } from '@ceiling-grid/http-kit';
import type { Queue } from 'bullmq';
import { Router } from 'express';
import { BOARD_BASE_PATH, createBoardRouter } from '../bull-board.js';

/** Bull Board at `/board`, on the queues the workers use. */
export function boardRoute(deps: {
  queues: readonly Queue[];
  connection: StoreConnection;
  readOnly: boolean;
  title: string;
}): Router {
  const router = Router();
  // Bull Board's API waits for a Redis that never came up instead of failing: answer at once.
  router.use(`${BOARD_BASE_PATH}/api`, requireStore(deps.connection));
  router.use(
    BOARD_BASE_PATH,
    createBoardRouter(deps.queues, {
      readOnly: deps.readOnly,
      title: deps.title,
      links: [
        { text: 'Run viewer', url: '/runs' },
        { text: 'New run', url: '/runs/new' },
      ],
    }),
  );
  return router;
}

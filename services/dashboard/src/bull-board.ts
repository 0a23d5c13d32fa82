import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Router } from 'express';

/** Where Bull Board is mounted. */
export const BOARD_BASE_PATH = '/board';

/** What each queue holds, as Bull Board's list says under its name. */
const QUEUE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  lights: 'One job per light model of each run',
  placement: 'Air-supply and smoke-detector jobs; the smoke-detector job is the run',
  schedules: "The daily job scheduler's firings; each one triggers a run",
};

/** Options of {@link createBoardRouter}. */
export interface BoardOptions {
  /** Hides every action that changes a queue (retry, remove, clean, pause, add, …). */
  readOnly: boolean;
  title: string;
  /** Extra links in Bull Board's menu, e.g. back to the run viewer. */
  links?: readonly { text: string; url: string }[];
}

/**
 * Bull Board over the given BullMQ queues, as an Express router to mount at
 * {@link BOARD_BASE_PATH}. The queues carry their Redis prefix, so the board reads the same
 * keyspace the workers use; flows show as parent/child trees and `job.log()` lines in the
 * Logs tab, both straight from BullMQ.
 */
export function createBoardRouter(queues: readonly Queue[], options: BoardOptions): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BOARD_BASE_PATH);
  createBullBoard({
    queues: queues.map(
      (queue) =>
        new BullMQAdapter(queue, {
          readOnlyMode: options.readOnly,
          allowRetries: !options.readOnly,
          description: QUEUE_DESCRIPTIONS[queue.name] ?? '',
        }),
    ),
    // @bull-board/express carries its own copy of @bull-board/api (a patch version apart), whose
    // adapter class is nominally different but structurally the same: only the types disagree.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: {
      uiConfig: {
        boardTitle: options.title,
        hideDocsLink: true,
        ...(options.links ? { miscLinks: options.links.map((link) => ({ ...link })) } : {}),
      },
    },
  });
  return serverAdapter.getRouter() as Router;
}

/** Bull Board's page of one job: `/board/queue/<queue>/<jobId>`. */
export function boardJobUrl(queue: string, jobId: string): string {
  return `${BOARD_BASE_PATH}/queue/${encodeURIComponent(queue)}/${encodeURIComponent(jobId)}`;
}

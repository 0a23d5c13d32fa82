import { hostname } from 'node:os';

/** Which process ran a job: `host:pid`, also the BullMQ worker name, so Bull Board shows it too. */
export function workerIdentity(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * @ceiling-grid/queue — the BullMQ side every service shares: queue names, the run flow,
 * job processors, run reads, configuration, worker services and shutdown.
 */

export * from './coalesced-writes.js';
export * from './constant-time-equal.js';
export * from './floor-flow.js';
export * from './floor-service.js';
export type * from './floor-view.js';
export * from './graceful-shutdown.js';
export * from './idempotency.js';
export * from './instrument-recorder.js';
export * from './job-processors.js';
export * from './load-room-file.js';
export * from './queue-names.js';
export type * from './queued-run-result.js';
export * from './redis-connection.js';
export * from './redis-health.js';
export * from './room-codec.js';
export * from './run-files.js';
export * from './run-flow.js';
export * from './run-room-cache.js';
export * from './run-service.js';
export type * from './run-view.js';
export * from './service-config.js';
export * from './stage-thread-pool.js';
export * from './worker-identity.js';
export * from './worker-service.js';

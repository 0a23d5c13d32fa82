/**
 * @ceiling-grid/http-kit — the plumbing every web service shares, written once: request ids
 * and access logs, the request duration histogram, `/healthz` and `/metrics`, the Redis-down
 * gate, and every error as an RFC 9457 problem. The apps are lists of route modules on top.
 */

export * from './create-http-app.js';
export * from './ops-routes.js';
export * from './ops-server.js';
export * from './problem.js';
export * from './problem-docs-route.js';
export * from './problem-responses.js';
export * from './problem-types.js';
export * from './request-context.js';
export * from './request-metrics.js';
export * from './serve-http-app.js';
export * from './store-availability.js';

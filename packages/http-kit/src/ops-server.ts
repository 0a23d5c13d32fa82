import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { createHttpApp } from './create-http-app.js';
import { type OpsRoutesOptions, opsRoutes } from './ops-routes.js';

/** Options of {@link startOpsServer}. */
export interface OpsServerOptions extends OpsRoutesOptions {
  port: number;
  /** Host to bind. Default all interfaces, so Prometheus in another container can scrape. */
  host?: string;
  logger: Logger;
}

/**
 * The whole HTTP surface of a process that serves nothing else (a worker): `/healthz` and
 * `/metrics` on their own port, with the same request ids, access logs (debug for probes and
 * scrapes), histogram and problems as the web apps.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<Server> {
  const app = createHttpApp({
    logger: options.logger,
    registry: options.registry,
    routes: [opsRoutes(options)],
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** Options of {@link startOpsServer}. */
export interface OpsServerOptions {
  port: number;
  /** Host to bind. Default all interfaces, so Prometheus in another container can scrape. */
  host?: string;
  registry: Registry;
  /** Health of the process: `ok` false answers 503. */
  health: () => Promise<{ ok: boolean; [detail: string]: unknown }>;
}

/**
 * The small HTTP surface of a worker: `GET /healthz` and Prometheus `GET /metrics`. Workers
 * have no other port, so this stays on node:http rather than a web framework.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<Server> {
  const server = createServer(async (request, response) => {
    try {
      if (request.method === 'GET' && request.url === '/metrics') {
        const body = await options.registry.metrics();
        response.writeHead(200, { 'content-type': options.registry.contentType }).end(body);
      } else if (request.method === 'GET' && request.url === '/healthz') {
        const health = await options.health();
        response
          .writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: health.ok ? 'ok' : 'unavailable', ...health }));
      } else {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      }
    } catch (error) {
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: String(error) }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return server;
}

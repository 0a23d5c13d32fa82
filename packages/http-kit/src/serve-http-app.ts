import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger } from 'pino';

/** Options of {@link serveHttpApp}. */
export interface ServeOptions {
  port: number;
  logger: Logger;
  /** Names the service in the start-up line: `scheduler started`. */
  service: string;
  /** What the start-up line says besides the port (prefix, auth mode, …). */
  details?: Record<string, unknown>;
}

/** A listening web app. */
export interface ServedApp {
  readonly server: Server;
  /** Stops taking connections, lets requests in flight finish, closes idle keep-alive sockets at once. */
  close(): Promise<void>;
}

/**
 * Serves an app on its port with one start-up log line. A port that cannot be bound (in use,
 * not allowed) ends the process with one line saying so, rather than a stack trace.
 */
export function serveHttpApp(app: RequestListener, options: ServeOptions): ServedApp {
  const server = createServer(app);
  server.on('error', (error) => {
    options.logger.error({ err: error.message, port: options.port }, `${options.service} could not listen`);
    process.exit(1);
  });
  server.listen(options.port, () => {
    options.logger.info({ port: options.port, ...options.details }, `${options.service} started`);
  });
  return {
    server,
    close: async () => {
      // Browsers and Bull Board's polling keep idle sockets open, which would hold close() until they time out.
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

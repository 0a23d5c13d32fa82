import type { Logger } from '@ceiling-grid/observability';

/**
 * On SIGTERM or SIGINT: stop taking work, let `close` finish what the process holds, then
 * exit 0. A second signal, or `timeoutMs` passing, exits 1 at once.
 */
export function onShutdownSignal(logger: Logger, close: () => Promise<void>, timeoutMs = 25_000): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down: finishing held work');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    close().then(
      () => {
        logger.info('shut down cleanly');
        logger.flush?.();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

// Container health probe (Dockerfile HEALTHCHECK and docker-compose.yml healthchecks).
// GET http://127.0.0.1:$HEALTH_PORT/healthz; exit 0 on a 2xx answer, 1 otherwise.
// Plain JavaScript outside the TypeScript build: the image runs it as it is, every few seconds.
// 127.0.0.1 rather than localhost: Node may resolve localhost to ::1 first, which a service
// listening on 0.0.0.0 does not answer.

const port = Number(process.env.HEALTH_PORT ?? '3000');
const timeoutMs = Number(process.env.HEALTH_TIMEOUT_MS ?? '4000');

if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(
    `healthcheck: HEALTH_PORT must be a TCP port, got ${JSON.stringify(process.env.HEALTH_PORT)}`,
  );
  process.exit(1);
}

try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    console.error(`healthcheck: /healthz on port ${port} answered ${response.status}`);
    process.exit(1);
  }
  process.exit(0);
} catch (error) {
  console.error(
    `healthcheck: /healthz on port ${port} unreachable: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}

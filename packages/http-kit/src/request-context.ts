// Keeps pino-http's `req.log` on express requests in this file's emitted .d.ts, for the
// services compiled against it (tsc drops reference directives without preserve="true").
/// <reference types="pino-http" preserve="true" />
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** The header a request id comes in and goes back out in. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * A request id a client may choose: 1–128 characters that are safe in a log line, a header and
 * a URL (letters, digits and `-_.:@+=/`). Anything else is replaced by a fresh id rather than
 * refused: the id is for tracing, it never decides whether a request is served.
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9\-_.:@+=/]{1,128}$/;

/** The client's `X-Request-Id` when it is acceptable, else a new UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  const presented = Array.isArray(header) ? header[0] : header;
  return presented !== undefined && ACCEPTED_REQUEST_ID.test(presented) ? presented : randomUUID();
}

/** The id of a request that went through {@link requestContext}. */
export function requestIdOf(req: Request | IncomingMessage): string {
  return String(req.id ?? '');
}

/** Paths probed every few seconds: their successful answers are logged at debug only. */
const QUIET_PATHS = new Set(['/healthz', '/metrics']);

/**
 * The first middleware of every app: gives the request its id (`X-Request-Id`, accepted or
 * generated, echoed in the response), `req.log` (a child logger carrying `requestId`), and one
 * access log line per response through pino-http: method, URL, status, time, request id.
 * Headers are never logged, so credentials cannot leak into the log.
 */
export function requestContext(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    genReqId: (req, res) => {
      const id = requestIdFor(req.headers[REQUEST_ID_HEADER.toLowerCase()]);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    wrapSerializers: false,
    serializers: {
      // `ip` is Express's client address: the peer's, or X-Forwarded-For's under `trust proxy`.
      req: (req: IncomingMessage & { originalUrl?: string; ip?: string }) => ({
        method: req.method,
        url: req.originalUrl ?? req.url,
        remoteAddress: req.socket?.remoteAddress,
        ip: req.ip,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return res.statusCode === 503 ? 'warn' : 'error';
      return QUIET_PATHS.has(pathOf(req)) ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
  }) as RequestHandler;
}

/** The path of a request without its query string, for the message (the query is in `req.url`). */
function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

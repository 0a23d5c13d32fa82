import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { HttpProblem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem.js';
import { PROBLEM_TYPES, problemTypeForStatus } from './problem-types.js';
import { requestIdOf } from './request-context.js';
import { storeProblem } from './store-availability.js';

/**
 * Writes a problem in its own way (an HTML page for a browser); returns false to leave it to
 * the default `application/problem+json` answer. Status and headers are already set.
 */
export type ProblemRenderer = (req: Request, res: Response, problem: ProblemDetails) => boolean;

/** Turns an app's own errors (a domain validation error, a conflict) into problems. */
export type ErrorMapper = (error: unknown) => HttpProblem | undefined;

/** Answers with a problem: status, `Retry-After` and other headers, then the body. */
export function sendProblem(
  req: Request,
  res: Response,
  problem: HttpProblem,
  render?: ProblemRenderer,
): void {
  const { retryAfterSeconds, headers } = problem.options;
  res.status(problem.status).set('Cache-Control', 'no-store');
  if (retryAfterSeconds !== undefined) res.set('Retry-After', String(retryAfterSeconds));
  if (headers) res.set(headers);
  const details = problem.toProblemDetails(requestIdOf(req) || undefined);
  if (render?.(req, res, details)) return;
  res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(details));
}

/** The problem an error thrown by Express, its body parsers, or Redis means; `undefined` for a bug. */
export function problemOf(error: unknown, mapError?: ErrorMapper): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  const mapped = mapError?.(error);
  if (mapped) return mapped;
  const parserProblem = bodyParserProblem(error);
  if (parserProblem) return parserProblem;
  return storeProblem(error);
}

/**
 * body-parser's errors carry a `type` and a 4xx `status`: a body over the limit (counted after
 * decompression), JSON that does not parse, an encoding or charset it does not read.
 */
function bodyParserProblem(error: unknown): HttpProblem | undefined {
  const { type, status, limit, expose } = error as {
    type?: string;
    status?: number;
    limit?: number;
    expose?: boolean;
  };
  const message = error instanceof Error ? error.message : String(error);
  switch (type) {
    case 'entity.too.large':
      return new HttpProblem(PROBLEM_TYPES.payloadTooLarge, `body larger than ${limit} bytes`);
    case 'entity.parse.failed':
      return new HttpProblem(PROBLEM_TYPES.malformedBody, `body is not valid JSON: ${message}`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(PROBLEM_TYPES.unsupportedMediaType, message);
  }
  if (expose && typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem(problemTypeForStatus(status), message, { status });
  }
  return undefined;
}

/** Options of {@link problemErrorHandler}. */
export interface ProblemHandlingOptions {
  logger: Logger;
  mapError?: ErrorMapper;
  renderProblem?: ProblemRenderer;
}

/**
 * The last middleware of every app: every error becomes an RFC 9457 problem. Known ones keep
 * their status and detail; anything else is a 500 whose detail says only that it was logged,
 * with the request id, while the log line has the error.
 */
export function problemErrorHandler(options: ProblemHandlingOptions): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    let problem = problemOf(error, options.mapError);
    if (!problem) {
      (req.log ?? options.logger).error({ err: error }, 'request failed');
      problem = new HttpProblem(
        PROBLEM_TYPES.internalError,
        `internal error; it was logged with request id ${requestIdOf(req)}`,
      );
    } else if (problem.problemType === PROBLEM_TYPES.storeFull) {
      // Short on purpose: a Redis error carries every queued command (scripts, job data).
      (req.log ?? options.logger).warn('queue store full (Redis maxmemory with noeviction): request refused');
    }
    sendProblem(req, res, problem, options.renderProblem);
  };
}

/** After every route: a problem, not Express's HTML "Cannot GET /x". */
export function notFoundHandler(detail: (req: Request) => string): RequestHandler {
  return (req, _res, next) => next(new HttpProblem(PROBLEM_TYPES.notFound, detail(req)));
}

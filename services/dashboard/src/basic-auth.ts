import { HttpProblem, PROBLEM_TYPES } from '@ceiling-grid/http-kit';
import { constantTimeEqual } from '@ceiling-grid/queue';
import type { RequestHandler } from 'express';

/** Options of {@link basicAuth}. */
export interface BasicAuthOptions {
  user: string;
  password: string;
  /** Shown by the browser's login prompt. */
  realm: string;
  /** Called once per rejected request, for a metric. */
  onReject?: () => void;
}

/** The user and password of an `Authorization: Basic …` header, or `undefined`. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * HTTP basic auth (RFC 7617). User and password are both compared in constant time, and both
 * always compared, so the answer time says nothing about which one was wrong.
 */
export function basicAuth(options: BasicAuthOptions): RequestHandler {
  const challenge = `Basic realm="${options.realm.replace(/["\\]/g, '')}", charset="UTF-8"`;
  return (req, _res, next) => {
    const presented = parseBasicAuth(req.get('authorization'));
    const userOk = constantTimeEqual(presented?.user ?? '', options.user);
    const passwordOk = constantTimeEqual(presented?.password ?? '', options.password);
    if (presented && userOk && passwordOk) return next();
    options.onReject?.();
    next(
      new HttpProblem(
        PROBLEM_TYPES.unauthorized,
        'This dashboard needs its user name and password (DASHBOARD_USER / DASHBOARD_PASSWORD).',
        { headers: { 'WWW-Authenticate': challenge } },
      ),
    );
  };
}

import { HttpProblem, PROBLEM_TYPES } from '@ceiling-grid/http-kit';
import { constantTimeEqual } from '@ceiling-grid/queue';
import { Router } from 'express';

/**
 * The bearer token on everything under `/api` that comes after it (unknown routes too),
 * compared in constant time; off when no token is configured (local development only).
 */
export function bearerAuth(token: string | undefined): Router {
  const router = Router();
  router.use('/api', (req, _res, next) => {
    if (token === undefined) return next();
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (presented && constantTimeEqual(presented, token)) return next();
    next(
      new HttpProblem(
        PROBLEM_TYPES.unauthorized,
        'missing or wrong bearer token (Authorization: Bearer <API_TOKEN>)',
        { headers: { 'WWW-Authenticate': 'Bearer realm="ceiling-grid"' } },
      ),
    );
  });
  return router;
}

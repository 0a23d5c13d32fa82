import { Router } from 'express';
import { HttpProblem, PROBLEM_TYPE_BASE, type ProblemType, problemTypeUri } from './problem.js';
import { PROBLEM_TYPES } from './problem-types.js';

/**
 * `GET /problems/<slug>`: what a problem type means, as plain text. Each problem's `type` is
 * this address (relative, so it resolves on the host that answered), and RFC 9457 §3.1.1 asks
 * that a type URI one can follow lead to documentation for people.
 */
export function problemDocsRoute(types: readonly ProblemType[]): Router {
  const bySlug = new Map(types.map((type) => [type.slug, type]));
  const router = Router();
  router.get(`${PROBLEM_TYPE_BASE}:slug`, (req, res, next) => {
    const type = bySlug.get(req.params.slug);
    if (!type) {
      next(new HttpProblem(PROBLEM_TYPES.notFound, `no problem type ${JSON.stringify(req.params.slug)}`));
      return;
    }
    res
      .type('text/plain')
      .set('Cache-Control', 'public, max-age=3600')
      .send(`${problemTypeUri(type)}\n\n${type.status} ${type.title}\n\n${type.description}\n`);
  });
  return router;
}

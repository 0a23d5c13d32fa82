import { HttpProblem, PROBLEM_TYPES } from '@ceiling-grid/http-kit';
import type { RequestHandler } from 'express';

/**
 * Refuses a form post from another site with a 403 saying `detail`: the browser sends cached
 * basic-auth credentials with cross-site requests too, so without this any page could post the
 * dashboard's forms on a logged-in operator's behalf.
 */
export function sameOriginOnly(detail: string): RequestHandler {
  return (req, _res, next) => {
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    // An opaque origin (`null`: sandboxed frame, data: URL) is foreign too.
    const foreignOrigin =
      origin !== undefined && (!URL.canParse(origin) || new URL(origin).host !== req.get('host'));
    if (crossSite || foreignOrigin) {
      next(new HttpProblem(PROBLEM_TYPES.forbidden, detail));
      return;
    }
    next();
  };
}

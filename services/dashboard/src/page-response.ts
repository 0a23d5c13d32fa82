import { randomBytes } from 'node:crypto';
import type { ProblemRenderer } from '@ceiling-grid/http-kit';
import type { Request, Response } from 'express';
import { BOARD_BASE_PATH } from './bull-board.js';
import type { SafeHtml } from './html.js';
import { messagePage } from './pages/message-page.js';
import { type PageContext, pageContentSecurityPolicy } from './pages/page-layout.js';

/** Sends a run-viewer page under a fresh CSP nonce. */
export function sendPage(
  res: Response,
  status: number,
  appTitle: string,
  page: (context: PageContext) => SafeHtml,
): void {
  const nonce = randomBytes(16).toString('base64');
  res
    .status(status)
    .set('Content-Security-Policy', pageContentSecurityPolicy(nonce))
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(page({ appTitle, nonce }).value);
}

/**
 * Problems as the run viewer's pages for a browser (title and detail, a link back to the
 * runs); as `application/problem+json` for Bull Board's API, `.json` addresses, clients that
 * prefer JSON, and every 401 (its body is what a cancelled login prompt shows: no page).
 */
export function pageProblemRenderer(appTitle: string): ProblemRenderer {
  return (req, res, problem) => {
    if (problem.status === 401 || !wantsPage(req)) return false;
    sendPage(res, problem.status, appTitle, (context) => messagePage(context, problem.title, problem.detail));
    return true;
  };
}

function wantsPage(req: Request): boolean {
  const path = req.originalUrl.split('?')[0];
  if (path.startsWith(`${BOARD_BASE_PATH}/api/`) || path.endsWith('.json')) return false;
  return req.accepts(['html', 'json']) === 'html';
}

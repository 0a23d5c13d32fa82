import { html, raw, type SafeHtml } from '../html.js';
import { PAGE_CSS } from './page-css.js';

/** Where the live pages' script is served (see `live-script.ts`). */
export const LIVE_SCRIPT_PATH = '/assets/live.js';

/** What every page of the run viewer shares. */
export interface PageContext {
  /** The dashboard's title (DASHBOARD_TITLE). */
  readonly appTitle: string;
  /** CSP nonce of this response: the only inline `<style>`/`<script>` the browser runs. */
  readonly nonce: string;
}

/** Options of {@link pageLayout}. */
export interface PageOptions {
  /** `<title>` and the page heading context. */
  readonly title: string;
  /** Highlighted navigation entry. */
  readonly nav?: 'runs' | 'new' | 'floors';
  /** Reloads the page every this many seconds (a run still in progress). */
  readonly refreshSeconds?: number;
  /** An inline script, run with the page's nonce. */
  readonly script?: string;
  /** CSS of this page only, appended to the shared stylesheet. */
  readonly styles?: string;
  /** Address of an ES module of this dashboard to run (`<script type="module">` with the nonce). */
  readonly moduleScript?: string;
}

/** The page shell: head with the inline stylesheet, the top bar, the main column. */
export function pageLayout(context: PageContext, options: PageOptions, body: SafeHtml): SafeHtml {
  const navLink = (href: string, label: string, key?: PageOptions['nav']) =>
    html`<a href="${href}"${key && options.nav === key ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
<title>${options.title} · ${context.appTitle}</title>
<style nonce="${context.nonce}">${raw(PAGE_CSS)}${options.styles ? raw(options.styles) : ''}</style>
</head>
<body>
<header class="topbar">
  <a class="brand" href="/runs"><span class="brand-mark" aria-hidden="true"></span>${context.appTitle}<span class="brand-sub">run viewer</span></a>
  <nav>${navLink('/runs', 'Runs', 'runs')}${navLink('/runs/new', 'New run', 'new')}${navLink('/floors', 'Floors', 'floors')}${navLink('/board', 'Bull Board')}</nav>
</header>
<main>
${body}
</main>
${options.script ? html`<script nonce="${context.nonce}">${raw(options.script)}</script>` : ''}
${options.moduleScript ? html`<script type="module" nonce="${context.nonce}" src="${options.moduleScript}"></script>` : ''}
</body>
</html>
`;
}

/**
 * The Content-Security-Policy of the run viewer's pages: nothing loads from elsewhere, inline
 * code runs only with this response's nonce, forms post only here, no framing.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    // The live pages' event streams, from this dashboard only.
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

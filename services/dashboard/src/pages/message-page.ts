import { html, type SafeHtml } from '../html.js';
import { type PageContext, pageLayout } from './page-layout.js';

/** A page that only says something went wrong (404, 503, …) and where to go next. */
export function messagePage(context: PageContext, title: string, message: string): SafeHtml {
  return pageLayout(
    context,
    { title },
    html`<div class="card empty">
  <h1>${title}</h1>
  <p class="muted">${message}</p>
  <a class="button" href="/runs">Back to runs</a>
</div>`,
  );
}

/**
 * `/assets/live.js`: follows the server-sent events of the page's `[data-live-events]` element.
 * Each `update` event carries regions of the page rendered by the server (escaped by `html`),
 * each replacing the element with its id; `done` ends the stream. The script adds no markup of
 * its own and runs under the page's CSP as a same-origin module with the page's nonce. Without
 * it (or without EventSource) the page keeps its reload link and works as before.
 */
export const LIVE_SCRIPT = `const root = document.querySelector('[data-live-events]');
if (root && 'EventSource' in window) {
  const source = new EventSource(root.getAttribute('data-live-events'));
  const mark = (state) => {
    root.setAttribute('data-live-state', state);
    for (const fallback of document.querySelectorAll('[data-live-fallback]')) fallback.hidden = state === 'live';
  };
  source.addEventListener('open', () => mark('live'));
  source.addEventListener('error', () => mark(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  source.addEventListener('update', (event) => {
    const update = JSON.parse(event.data);
    for (const [id, markup] of Object.entries(update.regions)) {
      const element = document.getElementById(id);
      if (element) element.outerHTML = markup;
    }
    mark('live');
    if (update.done) {
      source.close();
      mark('done');
    }
  });
}
`;

import { type RunFileKind, type RunView, runFileName } from '@ceiling-grid/queue';
import { html, raw, type SafeHtml } from '../html.js';

/** Which drawing of a finished run the page shows. */
export type RunDrawingView = 'plan' | 'sheet';

/** What {@link runDrawings} draws. */
export interface RunDrawingsOptions {
  /** The drawing as inline SVG markup (no XML declaration), for a completed run. */
  readonly svg?: string;
  readonly view: RunDrawingView;
  /** Whether the plan shows detector coverage circles. */
  readonly coverage: boolean;
}

const DOWNLOADS: readonly { file: RunFileKind; label: string; title: string }[] = [
  { file: 'plan.svg', label: 'SVG', title: 'The placed plan as SVG' },
  { file: 'plan.dxf', label: 'DXF', title: 'The drawing for CAD (AutoCAD, BricsCAD, LibreCAD)' },
  { file: 'schedule.csv', label: 'CSV', title: 'The device schedule (tag, type, x, y, …)' },
  { file: 'result.json', label: 'JSON', title: 'The result (RULES §5)' },
];

/**
 * The drawings card of a run page: "Plan" and "Review sheet" tabs (plain links, so no script
 * runs), the coverage toggle on the plan, download buttons for the SVG, DXF, CSV and JSON of
 * a completed run, and the chosen drawing.
 */
export function runDrawings(run: RunView, options: RunDrawingsOptions): SafeHtml {
  const base = `/runs/${run.runId}`;
  const done = Boolean(run.result);
  const tab = (view: RunDrawingView, label: string, href: string) =>
    html`<a role="tab" class="tab" href="${href}#plan" data-view="${view}" aria-selected="${String(options.view === view)}"${options.view === view ? html` aria-current="page"` : ''}>${label}</a>`;
  const coverageLink =
    done && options.view === 'plan'
      ? html`<a class="small" href="${base}${options.coverage ? '' : '?coverage=1'}#plan">${options.coverage ? 'Hide' : 'Show'} detector coverage</a>`
      : '';
  const downloads = done
    ? html`<div class="downloads" role="group" aria-label="Downloads"><span class="muted small">Download</span>${DOWNLOADS.map(
        (d) =>
          html`<a class="button small-button" href="${base}/${d.file}${d.file === 'plan.svg' && options.coverage ? '?coverage=1' : ''}" download="${runFileName(run, d.file)}" data-download="${d.file}" title="${d.title}">${d.label}</a>`,
      )}${options.view === 'sheet' ? html`<a class="button small-button" href="${base}/review-sheet.svg" download="${runFileName(run, 'review-sheet.svg')}" data-download="review-sheet.svg" title="The review sheet as SVG">Sheet SVG</a>` : ''}</div>`
    : '';
  const empty =
    run.status === 'failed'
      ? 'The run failed before producing a plan.'
      : 'The placed plan appears here once the run completes.';
  return html`<section class="card" id="plan">
  <div class="card-head">
    ${done ? html`<nav class="tabs" role="tablist" aria-label="Drawing">${tab('plan', 'Plan', base)}${tab('sheet', 'Review sheet', `${base}?view=sheet`)}</nav>` : html`<h2>Ceiling plan</h2>`}
    ${coverageLink}
  </div>
  ${downloads}
  ${options.svg ? html`<div class="plan${options.view === 'sheet' ? ' sheet' : ''}">${raw(options.svg)}</div>` : html`<div class="empty"><p>${empty}</p></div>`}
</section>`;
}

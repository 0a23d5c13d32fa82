import type { RunStatus, StageState } from '@ceiling-grid/queue';
import { html, type SafeHtml } from '../html.js';

/** A duration for people: `840 ms`, `3.2 s`, `4 min 12 s`; `—` when unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** An ISO timestamp as `2025-03-04 09:15:02 UTC`; the server's clock zone never leaks in. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A number with at most `digits` decimals and thousands separators, locale independent. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—';
  const fixed = value.toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A confidence in [0, 1] as `0.934`. */
export function formatConfidence(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(3);
}

/** The first block of a UUID run id, enough to tell runs apart in a list. */
export function shortRunId(runId: string): string {
  return runId.split('-')[0] ?? runId;
}

const STATUS_TONE: Readonly<Record<RunStatus | StageState, string>> = {
  queued: 'neutral',
  waiting: 'neutral',
  'waiting-children': 'neutral',
  running: 'info',
  active: 'info',
  retrying: 'warn',
  completed: 'ok',
  failed: 'bad',
  removed: 'muted',
};

/** A coloured pill for a run status or a job state. */
export function statusBadge(status: RunStatus | StageState): SafeHtml {
  const tone = STATUS_TONE[status] ?? 'neutral';
  const live = status === 'running' || status === 'active';
  return html`<span class="badge ${tone}${live ? ' live' : ''}" data-status="${status}">${status.replace('-', ' ')}</span>`;
}

/** A pass/fail pill. */
export function verdictBadge(pass: boolean | undefined): SafeHtml {
  if (pass === undefined) return html`<span class="badge muted">n/a</span>`;
  return pass
    ? html`<span class="badge ok" data-verdict="pass">pass</span>`
    : html`<span class="badge bad" data-verdict="fail">fail</span>`;
}

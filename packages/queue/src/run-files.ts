import {
  renderDeviceScheduleCsv,
  renderResultDxf,
  renderResultSvg,
  renderReviewSheetSvg,
} from '@ceiling-grid/core';
import type { QueuedRunResult } from './queued-run-result.js';
import type { RunView } from './run-view.js';

/** What a finished run offers, named as the API and the run viewer serve it (`/runs/:id/<kind>`). */
export const RUN_FILE_KINDS = [
  'plan.svg',
  'review-sheet.svg',
  'plan.dxf',
  'schedule.csv',
  'result.json',
] as const;

/** One of {@link RUN_FILE_KINDS}. */
export type RunFileKind = (typeof RUN_FILE_KINDS)[number];

/** How each file is described to a client: its media type and what a message calls it. */
export const RUN_FILE_FORMATS: Readonly<Record<RunFileKind, { contentType: string; label: string }>> = {
  'plan.svg': { contentType: 'image/svg+xml; charset=utf-8', label: 'plan' },
  'review-sheet.svg': { contentType: 'image/svg+xml; charset=utf-8', label: 'review sheet' },
  // IANA's type for DXF; the text of an AutoCAD 2007 or later DXF is UTF-8.
  'plan.dxf': { contentType: 'image/vnd.dxf; charset=utf-8', label: 'drawing' },
  'schedule.csv': { contentType: 'text/csv; charset=utf-8', label: 'device schedule' },
  'result.json': { contentType: 'application/json; charset=utf-8', label: 'result' },
};

/** A run's file, ready to send. */
export interface RunFile {
  readonly kind: RunFileKind;
  /** The name a download is saved under: `<roomId>-<first 8 of the run id>-<kind>`. */
  readonly fileName: string;
  readonly contentType: string;
  readonly body: string;
}

/** Options of {@link renderRunFile}. */
export interface RunFileOptions {
  /** Draw the detectors' 0.7·S circles on `plan.svg`. Default false. */
  readonly coverage?: boolean;
}

/** A run whose result is there to draw (a completed run). */
export type FinishedRun = RunView & { readonly result: QueuedRunResult };

/** Whether `kind` names one of a run's files (so an unknown name is a 404, not a render). */
export function isRunFileKind(kind: string): kind is RunFileKind {
  return (RUN_FILE_KINDS as readonly string[]).includes(kind);
}

/**
 * Why `run` has no `kind` file yet, in one sentence for an API problem or a page, or
 * `undefined` when its result is there. A queued or running run will have it; a failed one
 * never will.
 */
export function runFileUnavailable(run: RunView, kind: RunFileKind): string | undefined {
  if (run.result) return undefined;
  const label = RUN_FILE_FORMATS[kind].label;
  if (run.status === 'failed') {
    return `run ${run.runId} failed${run.error ? ` (${run.error})` : ''}; a failed run has no ${label}`;
  }
  return `run ${run.runId} is ${run.status}; its ${label} exists once it completes`;
}

/**
 * One file of a finished run, drawn by the core's exporters: the placed plan, the review sheet
 * (grid labels, title block, failures drawn where they fail), the DXF for CAD, the CSV device
 * schedule, or the result itself. The drawings' date is the day the run finished, so the same
 * run always gives the same bytes. The one place the scheduler API and the run viewer both
 * turn a run into its files.
 */
export function renderRunFile(run: FinishedRun, kind: RunFileKind, options: RunFileOptions = {}): RunFile {
  const { result } = run;
  const drawing = { date: (run.finishedAt ?? run.createdAt).slice(0, 10) };
  let body: string;
  switch (kind) {
    case 'plan.svg':
      body = renderResultSvg(result, {
        detectorCoverage: options.coverage ?? false,
        title: run.roomName ?? run.roomId,
      });
      break;
    case 'review-sheet.svg':
      body = renderReviewSheetSvg(result, drawing);
      break;
    case 'plan.dxf':
      body = renderResultDxf(result, drawing);
      break;
    case 'schedule.csv':
      body = renderDeviceScheduleCsv(result);
      break;
    case 'result.json':
      body = `${JSON.stringify(result, null, 2)}\n`;
      break;
  }
  return { kind, fileName: runFileName(run, kind), contentType: RUN_FILE_FORMATS[kind].contentType, body };
}

/** `office-open-plan-1a2b3c4d-plan.dxf`: the room and run in a name safe on every file system. */
export function runFileName(run: Pick<RunView, 'runId' | 'roomId'>, kind: RunFileKind): string {
  const room = run.roomId
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 64);
  return `${room ? `${room}-` : ''}${run.runId.slice(0, 8)}-${kind}`;
}

/**
 * The `Content-Disposition` of a served file: `attachment` to save it, `inline` to show it,
 * with the name to save it under (token-safe, see {@link runFileName}).
 */
export function runFileDisposition(file: Pick<RunFile, 'fileName'>, attachment: boolean): string {
  return `${attachment ? 'attachment' : 'inline'}; filename="${file.fileName}"`;
}

import type { RunView, StageView } from '@ceiling-grid/queue';
import { boardJobUrl } from '../bull-board.js';
import { html, type SafeHtml } from '../html.js';
import { formatConfidence, formatDuration, statusBadge } from './format.js';

const TONE: Readonly<Record<StageView['state'], string>> = {
  waiting: 'neutral',
  'waiting-children': 'neutral',
  active: 'info',
  retrying: 'warn',
  completed: 'ok',
  failed: 'bad',
  removed: 'neutral',
};

/**
 * A run's flow drawn like an orchestrator's graph view: the light jobs (A, B, C) fan in to the
 * air-supply job, which feeds the smoke-detector job (RULES §6). Each node shows its state,
 * duration, worker, confidence and count, and links to its job in Bull Board; the light layout
 * that won is marked.
 */
export function stageGraph(run: RunView): SafeHtml {
  const lights = run.stages.filter((s) => s.stage === 'lights');
  const air = run.stages.find((s) => s.stage === 'airSupply');
  const smoke = run.stages.find((s) => s.stage === 'smokeDetectors');
  const result = run.result;
  const anySelected = lights.some((s) => s.selected);
  // Where the fan-in edges leave the light column: the centre of each of n equal nodes.
  const fanIn = lights
    .map((_, i) => {
      const y = ((i + 0.5) / lights.length) * 100;
      return `M0 ${y.toFixed(2)} C50 ${y.toFixed(2)} 50 50 100 50`;
    })
    .join(' ');
  return html`<div class="graph" role="group" aria-label="Stage graph">
  <div class="column-title">Lights · ${lights.length} models</div><div></div>
  <div class="column-title">Air supply</div><div></div>
  <div class="column-title">Smoke detectors</div>
  <div class="column">${lights.map((stage, i) =>
    stageNode(stage, {
      title: `Light ${String.fromCharCode(65 + i)}`,
      model: stage.model,
      dimmed: anySelected && !stage.selected,
    }),
  )}</div>
  <div class="edges-wrap"><svg class="edges" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true"><path d="${fanIn}"/></svg></div>
  <div class="column">${air ? stageNode(air, { title: 'Air supply', model: result?.stages.airSupply?.model }) : ''}</div>
  <div class="edges-wrap"><svg class="edges" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true"><path d="M0 50 L100 50"/></svg></div>
  <div class="column">${smoke ? stageNode(smoke, { title: 'Smoke detectors', model: result?.stages.smokeDetectors?.model }) : ''}</div>
</div>`;
}

function stageNode(
  stage: StageView,
  options: { title: string; model?: string | undefined; dimmed?: boolean },
): SafeHtml {
  const classes = [
    'node',
    TONE[stage.state],
    stage.selected ? 'selected' : '',
    options.dimmed ? 'dimmed' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const devices =
    stage.stage === 'lights' ? 'lights' : stage.stage === 'airSupply' ? 'diffusers' : 'detectors';
  return html`<div class="${classes}" data-stage="${stage.stage}"${stage.model ? html` data-model="${stage.model}"` : ''} data-state="${stage.state}"${stage.selected ? html` data-selected="true"` : ''}>
  <div class="node-head">
    <div class="node-title">${options.title}${options.model ? html` <span class="model">· ${options.model}</span>` : ''}</div>
    ${statusBadge(stage.state)}
  </div>
  <dl>
    <dt>Duration</dt><dd>${formatDuration(stage.durationMs)}</dd>
    <dt>Worker</dt><dd class="mono">${stage.worker ?? '—'}</dd>
    <dt>Confidence</dt><dd>${formatConfidence(stage.confidence)}</dd>
    <dt>Placed</dt><dd>${stage.count === undefined ? '—' : `${stage.count} ${devices}`}</dd>
    ${stage.attemptsMade > 1 ? html`<dt>Attempts</dt><dd>${stage.attemptsMade}</dd>` : ''}
  </dl>
  ${stage.failedReason && stage.state !== 'completed' ? html`<div class="failure">${stage.failedReason}</div>` : ''}
  <div class="node-foot">
    <a class="job" href="${boardJobUrl(stage.queue, stage.jobId)}">Job in Bull Board →</a>
    ${stage.selected ? html`<span class="winner" title="Highest confidence: this layout was used">★ Selected</span>` : ''}
  </div>
</div>`;
}

import type { ComplianceCheck, RunResult } from '@ceiling-grid/core';
import { html, type SafeHtml } from '../html.js';
import { formatConfidence, formatNumber, verdictBadge } from './format.js';

/** Units a figure is shown in, from the room's length unit. */
interface Units {
  readonly length: string;
  readonly airflow: string;
}

type Formatter = (value: number, units: Units) => string;

const length: Formatter = (value, units) => (value < 0 ? '—' : `${formatNumber(value, 1)} ${units.length}`);
const percent: Formatter = (value) => `${formatNumber(value * 100, 1)} %`;
/** Counts; the core reports -1 for a figure that does not apply (no regular array fits). */
const count: Formatter = (value) => (value < 0 ? '—' : formatNumber(value, 0));
const ratio: Formatter = (value) => formatNumber(value, 2);

/** How each known compliance figure is labelled and formatted; unknown ones get a generic row. */
const KNOWN_METRICS: Readonly<Record<string, { label: string; format: Formatter }>> = {
  averageLux: { label: 'Average illuminance', format: (v) => `${formatNumber(v, 0)} lx` },
  minLux: { label: 'Minimum illuminance', format: (v) => `${formatNumber(v, 0)} lx` },
  uniformity: { label: 'Uniformity U0 (min / mean)', format: ratio },
  targetLux: { label: 'Target illuminance', format: (v) => `${formatNumber(v, 0)} lx` },
  targetUniformity: { label: 'Target uniformity', format: ratio },
  lightCount: { label: 'Lights', format: count },
  taskPointCount: { label: 'Task points', format: count },
  lightingPowerDensity: { label: 'Lighting power density', format: (v) => `${formatNumber(v, 1)} W/m²` },
  requiredAirflow: { label: 'Required airflow', format: (v, u) => `${formatNumber(v, 0)} ${u.airflow}` },
  suppliedAirflow: { label: 'Supplied airflow', format: (v, u) => `${formatNumber(v, 0)} ${u.airflow}` },
  requiredCount: { label: 'Devices required', format: count },
  count: { label: 'Devices', format: count },
  coveredFraction: { label: 'Tiles covered', format: percent },
  maxDistanceToDiffuser: { label: 'Farthest tile to a diffuser', format: length },
  minSpacing: { label: 'Closest pair', format: length },
  evenness: { label: 'Evenness', format: ratio },
  lowerBound: { label: 'Fewest detectors possible', format: count },
  maxDetectorDistance: { label: 'Farthest point to a detector', format: length },
  coverageRadius: { label: 'Coverage radius (0.7·S)', format: length },
  minDiffuserClearance: { label: 'Closest detector to a diffuser', format: length },
  requiredClearance: { label: 'Required clearance', format: length },
  regularArrayCount: { label: 'Best regular array', format: count },
};

/** Labels that depend on the rule family (a `count` is diffusers in one, detectors in another). */
const FAMILY_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  airSupply: { count: 'Diffusers', requiredCount: 'Diffusers required', minSpacing: 'Closest diffuser pair' },
  smokeDetection: { count: 'Detectors' },
};

/**
 * The compliance section of a run: the four headline figures (average lux, uniformity, the
 * farthest point from a smoke detector, airflow) against their targets, then each rule
 * family's verdict, confidence, figures and, when it fails, the reasons.
 */
export function compliancePanel(result: RunResult): SafeHtml {
  const units: Units = {
    length: result.room.units,
    airflow: result.room.units === 'ft' ? 'cfm' : 'L/s',
  };
  const { lighting, airSupply, smokeDetection } = result.compliance;
  const req = result.room.requirements;
  const lightingMetrics = lighting?.metrics ?? {};
  const targetLux = lightingMetrics.targetLux ?? req.illuminanceLux;
  const targetU0 = lightingMetrics.targetUniformity ?? req.uniformity;
  const detectorReach = smokeDetection?.metrics.coverageRadius ?? 0.7 * req.detectorSpacing;
  const airMetrics = airSupply?.metrics ?? {};

  return html`<div class="kpis">
  ${kpi({
    id: 'averageLux',
    label: 'Average illuminance',
    value: lightingMetrics.averageLux,
    format: (v) => formatNumber(v, 0),
    unit: 'lx',
    target: `target ≥ ${formatNumber(targetLux, 0)} lx`,
    pass: (v) => v >= targetLux,
  })}
  ${kpi({
    id: 'uniformity',
    label: 'Uniformity U0',
    value: lightingMetrics.uniformity,
    format: (v) => formatNumber(v, 2),
    unit: '',
    target: `target ≥ ${formatNumber(targetU0, 2)}`,
    pass: (v) => v >= targetU0,
  })}
  ${kpi({
    id: 'maxDetectorDistance',
    label: 'Farthest point from a detector',
    value: smokeDetection?.metrics.maxDetectorDistance,
    format: (v) => formatNumber(v, 1),
    unit: units.length,
    target: `limit ≤ ${formatNumber(detectorReach, 1)} ${units.length} (0.7·S)`,
    // Distances are computed in floating point; a hair over the limit is the same point.
    pass: (v) => v <= detectorReach + 1e-9,
  })}
  ${kpi({
    id: 'airflow',
    label: 'Supply airflow',
    value: airMetrics.suppliedAirflow,
    format: (v) => formatNumber(v, 0),
    unit: units.airflow,
    target:
      airMetrics.requiredAirflow === undefined
        ? ''
        : `required ≥ ${formatNumber(airMetrics.requiredAirflow, 0)} ${units.airflow}`,
    pass: (v) => airMetrics.requiredAirflow === undefined || v >= airMetrics.requiredAirflow,
  })}
</div>
<div class="checks">
  ${checkCard('lighting', 'Lighting', lighting, units)}
  ${checkCard('airSupply', 'Air supply', airSupply, units)}
  ${checkCard('smokeDetection', 'Smoke detection', smokeDetection, units)}
</div>`;
}

function kpi(options: {
  id: string;
  label: string;
  value: number | undefined;
  format: (value: number) => string;
  unit: string;
  target: string;
  pass: (value: number) => boolean;
}): SafeHtml {
  const { value } = options;
  if (value === undefined || !Number.isFinite(value)) {
    return html`<div class="kpi" data-kpi="${options.id}"><div class="label">${options.label}</div><div class="value muted">—</div><div class="target">${options.target}</div></div>`;
  }
  const pass = options.pass(value);
  return html`<div class="kpi ${pass ? 'pass' : 'fail'}" data-kpi="${options.id}" data-value="${String(value)}">
  <div class="label">${options.label}${verdictBadge(pass)}</div>
  <div class="value">${options.format(value)}${options.unit ? html`<span class="unit">${options.unit}</span>` : ''}</div>
  <div class="target">${options.target}</div>
</div>`;
}

function checkCard(id: string, title: string, check: ComplianceCheck | undefined, units: Units): SafeHtml {
  if (!check) {
    return html`<div class="check" data-check="${id}"><div class="check-head"><h3>${title}</h3>${verdictBadge(undefined)}</div><div class="muted small">No verdict in this result.</div></div>`;
  }
  const rows = Object.entries(check.metrics).map(([key, value]) => {
    const known = KNOWN_METRICS[key];
    const label = FAMILY_LABELS[id]?.[key] ?? known?.label ?? humanize(key);
    const shown = known ? known.format(value, units) : genericFormat(key, value, units);
    return html`<tr data-metric="${key}"><td>${label}</td><td>${shown}</td></tr>`;
  });
  return html`<div class="check" data-check="${id}" data-pass="${String(check.pass)}">
  <div class="check-head"><h3>${title}</h3>${verdictBadge(check.pass)}</div>
  <table>
    <tr><td>Confidence</td><td>${formatConfidence(check.confidence)}</td></tr>
    ${rows}
  </table>
  ${check.reasons.length > 0 ? html`<ul class="reasons">${check.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : ''}
</div>`;
}

/** `maxDetectorDistance` → `Max detector distance`. */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function genericFormat(key: string, value: number, units: Units): string {
  if (/fraction/i.test(key)) return percent(value, units);
  if (/distance|spacing|clearance|radius/i.test(key)) return length(value, units);
  if (/airflow/i.test(key)) return `${formatNumber(value, 0)} ${units.airflow}`;
  if (/count|bound/i.test(key) || Number.isInteger(value)) return count(value, units);
  return formatNumber(value, 2);
}

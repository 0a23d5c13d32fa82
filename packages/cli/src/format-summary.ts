import type { ComplianceCheck, RunResult, StageProof, StageReport } from '@ceiling-grid/core';

/** The one-screen human summary of a run the CLI prints on stderr. */
export function formatRunSummary(result: RunResult): string {
  const { room } = result;
  const lines: string[] = [];
  const title = room.name ? `${room.roomId} (${room.name})` : room.roomId;
  lines.push(
    `ceiling-grid · ${title} · ${room.rows} × ${room.cols} tiles of ${room.cellSize} ${room.units} · ${room.roomType}`,
  );
  const lights = result.stages.lights;
  for (const c of lights.candidates) {
    const mark = c.model === lights.selected ? '→' : ' ';
    const detail =
      c.status === 'failed'
        ? `failed: ${c.error}`
        : `${String(c.count).padStart(5)} lights  confidence ${c.confidence.toFixed(3)}  ${fmt(c.metrics.averageLux, 0)} lx  U0 ${fmt(c.metrics.uniformity, 2)}  ${c.pass ? '' : 'FAIL  '}${c.durationMs.toFixed(1)} ms`;
    lines.push(`  ${mark} light model ${pad(c.model, 22)} ${detail}`);
  }
  if (result.status === 'failed') {
    lines.push(`run FAILED: ${result.error}`);
    return lines.join('\n');
  }
  const c = result.compliance;
  lines.push(
    stageLine(
      'lights',
      lights.selected ?? '',
      lightsCount(result),
      c.lighting,
      `${fmt(c.lighting?.metrics.averageLux, 0)} lx avg, U0 ${fmt(c.lighting?.metrics.uniformity, 2)}, ${fmt(c.lighting?.metrics.lightingPowerDensity, 2)} ${c.lighting?.units?.lightingPowerDensity ?? ''}`,
    ),
  );
  lines.push(`${' '.repeat(12)}${proofLine(lightsCount(result), lights)}`);
  lines.push(
    stageLine(
      'air supply',
      result.stages.airSupply,
      undefined,
      c.airSupply,
      `${fmt(c.airSupply?.metrics.count, 0)} diffusers for ${fmt(c.airSupply?.metrics.requiredCount, 0)} required by airflow, max ${fmt(c.airSupply?.metrics.maxDistanceToDiffuser, 1)} ${room.units} to one`,
    ),
  );
  const air = result.stages.airSupply;
  if (air) {
    // Coverage, not airflow, sets the count when the proven bound exceeds the airflow's.
    const byCoverage = c.airSupply?.metrics.coverageSetsCount === 1;
    lines.push(
      `${' '.repeat(12)}${proofLine(air.count, air)}${byCoverage ? ' (coverage, not airflow, sets the count)' : ''}`,
    );
  }
  lines.push(
    stageLine(
      'smoke',
      result.stages.smokeDetectors,
      undefined,
      c.smokeDetection,
      `max ${fmt(c.smokeDetection?.metrics.maxDetectorDistance, 1)} ${room.units} to a detector (limit ${fmt(c.smokeDetection?.metrics.coverageRadius, 1)})`,
    ),
  );
  const smoke = result.stages.smokeDetectors;
  if (smoke) lines.push(`${' '.repeat(12)}${proofLine(smoke.count, smoke)}`);
  for (const [family, check] of Object.entries(c)) {
    for (const reason of check?.reasons ?? []) lines.push(`  ! ${family}: ${reason}`);
  }
  const allPass = c.lighting?.pass && c.airSupply?.pass && c.smokeDetection?.pass;
  lines.push(
    `${allPass ? 'compliant' : 'NOT compliant'} · ${result.placements.length} devices placed in ${result.durationMs.toFixed(1)} ms`,
  );
  return lines.join('\n');
}

/** `23 placed · proven minimum 21 (gap 9.5%)`, or `3 placed · optimal (proven minimum)`. */
export function proofLine(count: number, proof: Partial<StageProof>): string {
  if (proof.lowerBound === undefined) return `${count} placed`;
  if (proof.optimal) return `${count} placed · optimal (proven minimum)`;
  const gap = proof.gap === undefined ? '' : ` (gap ${(proof.gap * 100).toFixed(1)}%)`;
  return `${count} placed · proven minimum ${proof.lowerBound}${gap}`;
}

function lightsCount(result: RunResult): number {
  return result.placements.filter((p) => p.type === 'light').length;
}

function stageLine(
  label: string,
  stage: StageReport | string | undefined,
  count: number | undefined,
  check: ComplianceCheck | undefined,
  detail: string,
): string {
  const model = typeof stage === 'string' ? stage : (stage?.model ?? '');
  const placed = count ?? (typeof stage === 'string' ? 0 : (stage?.count ?? 0));
  const confidence = check?.confidence ?? 0;
  return `${pad(label, 11)} ${pad(model, 22)} ${String(placed).padStart(5)} placed  confidence ${confidence.toFixed(3)}  ${check?.pass ? 'pass' : 'FAIL'}  ${detail}`;
}

function fmt(value: number | undefined, digits: number): string {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

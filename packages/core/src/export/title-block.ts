import type { RunResult, StageProof } from '../pipeline/run-result.js';
import type { ComplianceCheck } from '../placement/compliance-check.js';
import { deviceSchedule, SCHEDULE_DEVICE_TYPES, type ScheduledDevice } from './device-schedule.js';

/** Options shared by the drawings' title blocks. */
export interface TitleBlockOptions {
  /**
   * The date shown, as given (e.g. the run's `finishedAt`). Never read from the clock, so the
   * same result always gives the same drawing. Default: a `finishedAt` or `createdAt` field of
   * the result object when it has one (a run view's), else "not recorded".
   */
  readonly date?: string;
  /** The scale line. Default: full size in model space, one drawing unit per room unit. */
  readonly scale?: string;
}

/** One rule family's line of the title block. */
export interface TitleBlockCompliance {
  readonly family: 'lighting' | 'airSupply' | 'smokeDetection';
  readonly label: string;
  /** `undefined` when the run did not get that far (a failed run). */
  readonly pass: boolean | undefined;
  /** The figures behind the verdict, with their units. */
  readonly summary: string;
  readonly reasons: readonly string[];
}

/** What a drawing's title block says, in plain ASCII-safe text lines. */
export interface TitleBlock {
  readonly title: string;
  /** Label and value pairs: room, id, run, date, units, scale, grid. */
  readonly fields: readonly (readonly [label: string, value: string])[];
  /** `COMPLIANT`, `NOT COMPLIANT` or `RUN FAILED: …`. */
  readonly verdict: string;
  readonly compliance: readonly TitleBlockCompliance[];
  /** Each stage's count against its proven minimum where known. */
  readonly stages: readonly string[];
  /** Devices by kind, new and existing. */
  readonly devices: string;
}

const FAMILIES = [
  ['lighting', 'Lighting'],
  ['airSupply', 'Air supply'],
  ['smokeDetection', 'Smoke detection'],
] as const;

/** The title block of a result's drawings (DXF and review sheet say the same). */
export function titleBlock(
  result: RunResult,
  options: TitleBlockOptions = {},
  devices: readonly ScheduledDevice[] = deviceSchedule(result),
): TitleBlock {
  const { room } = result;
  const u = room.units;
  const loose = result as RunResult & { finishedAt?: unknown; createdAt?: unknown };
  const recorded = typeof loose.finishedAt === 'string' ? loose.finishedAt : loose.createdAt;
  const date = options.date ?? (typeof recorded === 'string' ? recorded : 'not recorded');
  const fields: [string, string][] = [
    ['Room', room.name ?? room.roomId],
    ['Room id', room.roomId],
    ['Run', result.runId],
    ['Date', date],
    [
      'Units',
      `${u === 'ft' ? 'feet' : 'metres'} (${u}); airflow in ${u === 'ft' ? 'cfm' : 'L/s'}; origin bottom-left of the grid, y up`,
    ],
    ['Scale', options.scale ?? `1:1 in model space (1 drawing unit = 1 ${u})`],
    [
      'Grid',
      `${room.cols} x ${room.rows} tiles of ${fmt(room.cellSize)} ${u} (${fmt(room.cols * room.cellSize)} x ${fmt(room.rows * room.cellSize)} ${u}), ceiling ${fmt(room.ceilingHeight)} ${u}, ${room.roomType}`,
    ],
  ];
  const compliance = FAMILIES.map(([family, label]): TitleBlockCompliance => {
    const check = result.compliance[family];
    return {
      family,
      label,
      pass: check?.pass,
      summary: check ? summarize(family, check, room) : 'not checked',
      reasons: check?.reasons ?? [],
    };
  });
  const checks = compliance.map((c) => c.pass);
  const verdict =
    result.status === 'failed'
      ? `RUN FAILED: ${result.error ?? 'no reason given'}`
      : checks.every((p) => p === true)
        ? 'COMPLIANT'
        : 'NOT COMPLIANT';
  const { lights, airSupply, smokeDetectors } = result.stages;
  const stages = [
    `Lights: ${proof(result.placements.filter((p) => p.type === 'light').length, lights)}${lights.selected ? ` (${lights.selected})` : ''}`,
    ...(airSupply ? [`Supply diffusers: ${proof(airSupply.count, airSupply)} (${airSupply.model})`] : []),
    ...(smokeDetectors
      ? [`Smoke detectors: ${proof(smokeDetectors.count, smokeDetectors)} (${smokeDetectors.model})`]
      : []),
  ];
  const names = {
    light: 'lights',
    airSupply: 'supply diffusers',
    returnGrille: 'return grilles',
    smokeDetector: 'smoke detectors',
  };
  const deviceText = SCHEDULE_DEVICE_TYPES.map((type) => {
    const all = devices.filter((d) => d.type === type);
    const existing = all.filter((d) => d.status === 'existing').length;
    return `${all.length} ${names[type]}${existing > 0 ? ` (${existing} existing)` : ''}`;
  }).join(', ');
  return {
    title: 'REFLECTED CEILING PLAN',
    fields,
    verdict,
    compliance,
    stages,
    devices: `Devices: ${deviceText}`,
  };
}

/** `22 new, proven minimum 21 (gap 4.8%)`, `7 new, optimal (proven minimum)`, or `3 new`. */
function proof(count: number, stage: Partial<StageProof>): string {
  if (stage.lowerBound === undefined) return `${count} new`;
  if (stage.optimal) return `${count} new, optimal (proven minimum)`;
  const gap = stage.gap === undefined ? '' : ` (gap ${fmt(stage.gap * 100, 1)}%)`;
  return `${count} new, proven minimum ${stage.lowerBound}${gap}`;
}

function summarize(
  family: (typeof FAMILIES)[number][0],
  check: ComplianceCheck,
  room: RunResult['room'],
): string {
  const m = check.metrics;
  const u = room.units;
  const unit = (key: string) => check.units?.[key] ?? '';
  switch (family) {
    case 'lighting':
      return `${fmt(m.averageLux, 1)} lx average (target ${fmt(m.targetLux)}), U0 ${fmt(m.uniformity, 2)} (target ${fmt(m.targetUniformity)}), ${fmt(m.lightingPowerDensity, 2)} ${unit('lightingPowerDensity')}`;
    case 'airSupply':
      return `${fmt(m.count)} diffusers supply ${fmt(m.suppliedAirflow)} ${unit('suppliedAirflow')} for ${fmt(m.requiredAirflow, 1)} ${unit('requiredAirflow')} required; farthest tile ${fmt(m.maxDistanceToDiffuser, 2)} ${u} from one (limit ${fmt(room.requirements.diffuserCoverageRadius)} ${u}); closest pair ${fmt(m.minSpacing, 2)} ${u} (at least ${fmt(room.requirements.diffuserMinSpacing)} ${u})`;
    case 'smokeDetection':
      return `${fmt(m.count)} detectors; farthest point ${fmt(m.maxDetectorDistance, 2)} ${u} from one (limit ${fmt(m.coverageRadius, 2)} ${u}); nearest diffuser ${fmt(m.minDiffuserClearance, 2)} ${u} (at least ${fmt(m.requiredClearance, 2)} ${u})`;
  }
}

/** A figure for a label: at most `digits` decimals, no trailing zeros, no locale. */
export function fmt(value: number | undefined, digits = 3): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  const scale = 10 ** digits;
  const rounded = Math.round(value * scale) / scale;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

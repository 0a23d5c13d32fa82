import { checkAirSupply, placeAirSupply } from '../air-supply/index.js';
import type { ExactStageOptions } from '../exact/solver-budget.js';
import type { ComplianceCheck } from '../placement/compliance-check.js';
import type { Placement } from '../placement/placement.js';
import type { StagePlacement } from '../placement/stage-placement.js';
import type { DeviceType, StageName } from '../room/device-type.js';
import { requirementUnits } from '../room/requirement-units.js';
import type { Room } from '../room/room.js';
import { roomHeading } from '../room/room-heading.js';
import { toLayout } from '../room/room-layout.js';
import { tilesOfKind, withDevices } from '../room/room-with-devices.js';
import { TileKind } from '../room/tile-kind.js';
import { checkSmokeDetection, placeSmokeDetectors } from '../smoke-detection/index.js';
import { round, selectLightCandidate, toCandidateReport } from './light-stage.js';
import { roundResultFigures } from './result-figures.js';
import type {
  LightCandidate,
  LightCandidateReport,
  RoomSummary,
  RunResult,
  StageProof,
  StageReport,
} from './run-result.js';
import type { StageInstruments } from './stage-instruments.js';

/** Thrown when no light model produced a layout: the run cannot go on. */
export class NoLightLayoutError extends Error {
  override readonly name = 'NoLightLayoutError';
}

/** What the air-supply stage hands to the smoke-detector stage (the air-supply job's return value). */
export interface AirSupplyStageOutput {
  readonly lights: { readonly selected: string; readonly candidates: readonly LightCandidateReport[] };
  /** Tiles of the selected light layout. */
  readonly lightTiles: readonly number[];
  /** The lighting verdict of the selected layout (diffusers and detectors do not change it). */
  readonly lightingCheck: ComplianceCheck;
  readonly airSupply: StageReport;
  readonly airSupplyTiles: readonly number[];
  readonly airSupplyCheck: ComplianceCheck;
}

/**
 * The air-supply stage: picks the best light layout among the candidates that arrived, then
 * places diffusers on the tiles it left free. Throws {@link NoLightLayoutError} when every light
 * model failed, naming each failure.
 */
export function runAirSupplyStage(
  room: Room,
  candidates: readonly LightCandidate[],
  instruments: StageInstruments = {},
  options: ExactStageOptions = {},
): AirSupplyStageOutput {
  const selected = selectLightCandidate(candidates, room.requirements.lightLayout);
  if (!selected) {
    const reasons = candidates.map((c) => `${c.model}: ${c.error ?? 'no layout'}`).join('; ');
    throw new NoLightLayoutError(`every light model failed (${reasons || 'no candidate arrived'})`);
  }
  instruments.metrics?.recordSelected(selected.model);
  instruments.metrics?.recordPlaced('light', selected.tiles.length);
  instruments.logger?.info(
    { stage: 'lights', selected: selected.model, confidence: round(selected.confidence, 4) },
    'light layout selected',
  );
  const withLights = withDevices(room, selected.tiles, 'light');
  const air = runSingleModelStage(
    'airSupply',
    withLights,
    (r) => placeAirSupply(r, options),
    (r, lowerBound) => checkAirSupply(r, { lowerBound }),
    instruments,
  );
  // Every model's bound is a proof about the same room: the strongest one stands.
  let lowerBound = 0;
  for (const c of candidates) if (c.status === 'completed') lowerBound = Math.max(lowerBound, c.lowerBound);
  return {
    lights: {
      selected: selected.model,
      candidates: candidates.map(toCandidateReport),
      ...stageProof(selected.count, lowerBound, selected.pass),
    },
    lightTiles: selected.tiles,
    lightingCheck: {
      pass: selected.pass,
      confidence: selected.confidence,
      metrics: selected.metrics,
      ...(selected.units ? { units: selected.units } : {}),
      reasons: selected.reasons,
      ...(selected.violations ? { violations: selected.violations } : {}),
    },
    airSupply: air.report,
    airSupplyTiles: air.tiles,
    airSupplyCheck: air.check,
  };
}

/** Options of {@link runSmokeDetectorStage}. */
export interface RunResultOptions extends ExactStageOptions {
  readonly runId: string;
  /** Run duration to report; default the sum of the stage times. */
  readonly durationMs?: number;
}

/**
 * The last stage: places smoke detectors on the ceiling the earlier stages left, checks every
 * rule family on the final ceiling and assembles the run's result (RULES §5).
 */
export function runSmokeDetectorStage(
  room: Room,
  air: AirSupplyStageOutput,
  options: RunResultOptions,
  instruments: StageInstruments = {},
): RunResult {
  const withAir = withDevices(withDevices(room, air.lightTiles, 'light'), air.airSupplyTiles, 'airSupply');
  const exact = {
    ...(options.solver ? { solver: options.solver } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const smoke = runSingleModelStage(
    'smokeDetectors',
    withAir,
    (r) => placeSmokeDetectors(r, exact),
    (r) => checkSmokeDetection(r, { existingDetectors: tilesOfKind(withAir, TileKind.SmokeDetector) }),
    instruments,
  );
  const finalRoom = withDevices(withAir, smoke.tiles, 'smokeDetector');
  const lightModelTime = Math.max(0, ...air.lights.candidates.map((c) => c.durationMs));
  const placements: Placement[] = [
    ...toPlacements(room, air.lightTiles, 'light', 'lights', air.lights.selected),
    ...toPlacements(room, air.airSupplyTiles, 'airSupply', 'airSupply', air.airSupply.model),
    ...toPlacements(room, smoke.tiles, 'smokeDetector', 'smokeDetectors', smoke.report.model),
  ];
  return roundResultFigures({
    runId: options.runId,
    roomId: room.roomId,
    status: 'completed',
    room: summarizeRoom(room),
    layout: toLayout(finalRoom),
    placements,
    stages: { lights: air.lights, airSupply: air.airSupply, smokeDetectors: smoke.report },
    compliance: { lighting: air.lightingCheck, airSupply: air.airSupplyCheck, smokeDetection: smoke.check },
    durationMs: options.durationMs ?? lightModelTime + air.airSupply.durationMs + smoke.report.durationMs,
  });
}

/** The result of a run that could not place lights: failed, with the reason and what each model said. */
export function failedRunResult(
  room: Room,
  candidates: readonly LightCandidate[],
  error: string,
  options: RunResultOptions,
): RunResult {
  return roundResultFigures({
    runId: options.runId,
    roomId: room.roomId,
    status: 'failed',
    error,
    room: summarizeRoom(room),
    layout: toLayout(room),
    placements: [],
    stages: { lights: { selected: null, candidates: candidates.map(toCandidateReport) } },
    compliance: {},
    durationMs: options.durationMs ?? 0,
  });
}

/** The room's description for the result (everything but the tiles, which the layout carries). */
export function summarizeRoom(room: Room): RoomSummary {
  return {
    ...roomHeading(room),
    rows: room.rows,
    cols: room.cols,
    requirements: room.requirements,
    requirementUnits: requirementUnits(room.units),
  };
}

function runSingleModelStage(
  stage: StageName,
  room: Room,
  place: (room: Room) => StagePlacement,
  check: (room: Room, lowerBound: number) => ComplianceCheck,
  instruments: StageInstruments,
): { report: StageReport; tiles: number[]; check: ComplianceCheck } {
  const now = instruments.now ?? performance.now.bind(performance);
  const started = now();
  const { model, tiles, lowerBound } = place(room);
  const durationMs = now() - started;
  const kind = stage === 'airSupply' ? 'airSupply' : 'smokeDetector';
  const existing = tilesOfKind(
    room,
    kind === 'airSupply' ? TileKind.AirSupply : TileKind.SmokeDetector,
  ).length;
  const verdict = check(withDevices(room, tiles, kind), existing + lowerBound);
  instruments.metrics?.recordModelRun(model, { ok: true, durationMs, confidence: verdict.confidence });
  instruments.metrics?.recordPlaced(stage === 'airSupply' ? 'airSupply' : 'smokeDetector', tiles.length);
  instruments.logger?.info(
    {
      stage,
      model,
      confidence: round(verdict.confidence, 4),
      count: tiles.length,
      durationMs: round(durationMs, 2),
      pass: verdict.pass,
    },
    `${stage} placed`,
  );
  return {
    report: {
      model,
      confidence: verdict.confidence,
      count: tiles.length,
      durationMs,
      metrics: verdict.metrics,
      ...(verdict.units ? { units: verdict.units } : {}),
      ...stageProof(tiles.length, lowerBound, verdict.pass),
    },
    tiles,
    check: verdict,
  };
}

/**
 * The proof of a stage that placed `count` new devices against a proven `lowerBound` of new
 * ones; `pass` is the stage's verdict (only a compliant layout can be optimal).
 */
export function stageProof(count: number, lowerBound: number, pass: boolean): StageProof {
  // An infinite bound means no compliant layout exists; any finite figure up to it is still
  // true, and the count is the one that says least.
  const bound = Number.isFinite(lowerBound) ? lowerBound : count;
  return {
    lowerBound: bound,
    optimal: pass && count <= bound,
    gap: bound > 0 ? (count - bound) / bound : count,
  };
}

function toPlacements(
  room: Room,
  tiles: readonly number[],
  type: DeviceType,
  stage: StageName,
  model: string,
): Placement[] {
  // Rounded to a millionth of a unit: 3.5999999999999996 helps nobody in a drawing.
  const at = (value: number) => Math.round(value * 1e6) / 1e6;
  return tiles.map((index) => {
    const row = Math.floor(index / room.cols);
    const col = index % room.cols;
    return {
      type,
      row,
      col,
      x: at((col + 0.5) * room.cellSize),
      y: at((room.rows - row - 0.5) * room.cellSize),
      stage,
      model,
    };
  });
}

import { checkAirSupply, placeAirSupply } from '../air-supply/index.js';
import type { ComplianceCheck } from '../placement/compliance-check.js';
import type { DeviceType, StageName } from '../placement/device-type.js';
import type { Placement } from '../placement/placement.js';
import type { Room } from '../room/room.js';
import { toLayout } from '../room/room-layout.js';
import { withDevices } from '../room/room-with-devices.js';
import { checkSmokeDetection, placeSmokeDetectors } from '../smoke-detection/index.js';
import { round, selectLightCandidate, toCandidateReport } from './light-stage.js';
import type {
  LightCandidate,
  LightCandidateReport,
  RoomSummary,
  RunResult,
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
): AirSupplyStageOutput {
  const selected = selectLightCandidate(candidates);
  if (!selected) {
    const reasons = candidates.map((c) => `${c.model}: ${c.error ?? 'no layout'}`).join('; ');
    throw new NoLightLayoutError(`every light model failed (${reasons || 'no candidate arrived'})`);
  }
  instruments.metrics?.modelSelected.inc({ model_name: selected.model });
  instruments.metrics?.recordPlaced('light', selected.tiles.length);
  instruments.logger?.info(
    { stage: 'lights', selected: selected.model, confidence: round(selected.confidence, 4) },
    'light layout selected',
  );
  const withLights = withDevices(room, selected.tiles, 'light');
  const air = runSingleModelStage('airSupply', withLights, placeAirSupply, checkAirSupply, instruments);
  return {
    lights: { selected: selected.model, candidates: candidates.map(toCandidateReport) },
    lightTiles: selected.tiles,
    lightingCheck: {
      pass: selected.pass,
      confidence: selected.confidence,
      metrics: selected.metrics,
      reasons: selected.reasons,
    },
    airSupply: air.report,
    airSupplyTiles: air.tiles,
    airSupplyCheck: air.check,
  };
}

/** Options of {@link runSmokeDetectorStage}. */
export interface RunResultOptions {
  readonly runId: string;
  /** Run duration to report; default the sum of the stage times. */
  readonly durationMs?: number;
}

/**
 * The last stage: places smoke detectors on the ceiling the earlier stages left, checks every
 * rule family on the final ceiling and assembles the run's result (DESIGN §5).
 */
export function runSmokeDetectorStage(
  room: Room,
  air: AirSupplyStageOutput,
  options: RunResultOptions,
  instruments: StageInstruments = {},
): RunResult {
  const withAir = withDevices(withDevices(room, air.lightTiles, 'light'), air.airSupplyTiles, 'airSupply');
  const smoke = runSingleModelStage(
    'smokeDetectors',
    withAir,
    placeSmokeDetectors,
    checkSmokeDetection,
    instruments,
  );
  const finalRoom = withDevices(withAir, smoke.tiles, 'smokeDetector');
  const lightModelTime = Math.max(0, ...air.lights.candidates.map((c) => c.durationMs));
  const placements: Placement[] = [
    ...toPlacements(room, air.lightTiles, 'light', 'lights', air.lights.selected),
    ...toPlacements(room, air.airSupplyTiles, 'airSupply', 'airSupply', air.airSupply.model),
    ...toPlacements(room, smoke.tiles, 'smokeDetector', 'smokeDetectors', smoke.report.model),
  ];
  return {
    runId: options.runId,
    roomId: room.roomId,
    status: 'completed',
    room: summarizeRoom(room),
    layout: toLayout(finalRoom),
    placements,
    stages: { lights: air.lights, airSupply: air.airSupply, smokeDetectors: smoke.report },
    compliance: { lighting: air.lightingCheck, airSupply: air.airSupplyCheck, smokeDetection: smoke.check },
    durationMs:
      options.durationMs ?? round(lightModelTime + air.airSupply.durationMs + smoke.report.durationMs, 3),
  };
}

/** The result of a run that could not place lights: failed, with the reason and what each model said. */
export function failedRunResult(
  room: Room,
  candidates: readonly LightCandidate[],
  error: string,
  options: RunResultOptions,
): RunResult {
  return {
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
  };
}

/** The room's description for the result (everything but the tiles, which the layout carries). */
export function summarizeRoom(room: Room): RoomSummary {
  return {
    roomId: room.roomId,
    ...(room.name !== undefined ? { name: room.name } : {}),
    units: room.units,
    cellSize: room.cellSize,
    ceilingHeight: room.ceilingHeight,
    roomType: room.roomType,
    rows: room.rows,
    cols: room.cols,
    requirements: room.requirements,
  };
}

function runSingleModelStage(
  stage: StageName,
  room: Room,
  place: (room: Room) => { model: string; tiles: number[] },
  check: (room: Room) => ComplianceCheck,
  instruments: StageInstruments,
): { report: StageReport; tiles: number[]; check: ComplianceCheck } {
  const now = instruments.now ?? performance.now.bind(performance);
  const started = now();
  const { model, tiles } = place(room);
  const durationMs = now() - started;
  const verdict = check(withDevices(room, tiles, stage === 'airSupply' ? 'airSupply' : 'smokeDetector'));
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
    },
    tiles,
    check: verdict,
  };
}

function toPlacements(
  room: Room,
  tiles: readonly number[],
  type: DeviceType,
  stage: StageName,
  model: string,
): Placement[] {
  return tiles.map((index) => ({
    type,
    row: Math.floor(index / room.cols),
    col: index % room.cols,
    stage,
    model,
  }));
}

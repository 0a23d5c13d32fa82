import type { ComplianceCheck } from '../placement/compliance-check.js';
import type { Placement } from '../placement/placement.js';
import type { RuleViolation } from '../placement/rule-violation.js';
import type { RequirementFigure } from '../room/requirement-units.js';
import type { Room } from '../room/room.js';

/** One light model's outcome, as the result reports it (RULES §5 `stages.lights.candidates`). */
export interface LightCandidateReport {
  readonly model: string;
  readonly status: 'completed' | 'failed';
  readonly confidence: number;
  /** New lights placed. */
  readonly count: number;
  readonly durationMs: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** The unit of each metric. */
  readonly units?: Readonly<Record<string, string>>;
  /** Whether the layout meets the lighting rules on its own. */
  readonly pass: boolean;
  /** Which lighting rule the layout misses and by how much; empty when it passes. */
  readonly reasons: readonly string[];
  /** Why the model failed, for `status: 'failed'`. */
  readonly error?: string;
  /** Proven lower bound on the new lights this room needs (what the model proved). */
  readonly lowerBound: number;
  /** True when the layout is compliant and its count meets `lowerBound`. */
  readonly optimal: boolean;
  /** True when every light stands on its zone's lattice lines (`lightLayout: "aligned"`). */
  readonly aligned?: boolean;
}

/** One light model's outcome with its layout: what a light job returns. */
export interface LightCandidate extends LightCandidateReport {
  /** Tile indices of the new lights; empty for a failed model. */
  readonly tiles: readonly number[];
  /** Where the layout fails the spacing criterion, for the selected layout's compliance check. */
  readonly violations?: readonly RuleViolation[];
}

/**
 * What a stage proved about its count: the fewest new devices any compliant layout of the room
 * needs, whether the placed count meets it, and the gap.
 */
export interface StageProof {
  /** Proven lower bound on the new devices, given what earlier stages placed. */
  readonly lowerBound: number;
  /** True when the layout is compliant and no compliant layout has fewer devices. */
  readonly optimal: boolean;
  /** `(count − lowerBound) / lowerBound` (0 when optimal; `count` when the bound is 0). */
  readonly gap: number;
}

/** The report of one single-model stage (air supply, smoke detectors). */
export interface StageReport extends StageProof {
  readonly model: string;
  readonly confidence: number;
  readonly count: number;
  readonly durationMs: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** The unit of each metric. */
  readonly units?: Readonly<Record<string, string>>;
}

/**
 * The room's description beside the layout: everything but the tiles, enough to draw the plan
 * again, and the unit of each requirement (lengths in `units`, airflow in cfm or L/s; absent
 * from results stored before it was added).
 */
export type RoomSummary = Omit<Room, 'tiles'> & {
  readonly requirementUnits?: Readonly<Record<RequirementFigure, string>>;
};

/** The result of a run (RULES §5). `layout` is the whole answer; the rest explains it. */
export interface RunResult {
  readonly runId: string;
  readonly roomId: string;
  readonly status: 'completed' | 'failed';
  /** Why the run failed, for `status: 'failed'`. */
  readonly error?: string;
  readonly room: RoomSummary;
  readonly layout: readonly string[];
  readonly placements: readonly Placement[];
  readonly stages: {
    readonly lights: {
      readonly selected: string | null;
      readonly candidates: readonly LightCandidateReport[];
    } & Partial<StageProof>;
    readonly airSupply?: StageReport;
    readonly smokeDetectors?: StageReport;
  };
  readonly compliance: {
    readonly lighting?: ComplianceCheck;
    readonly airSupply?: ComplianceCheck;
    readonly smokeDetection?: ComplianceCheck;
  };
  /** Sum of the stage times for an in-process run; trigger to result for a queued run. */
  readonly durationMs: number;
}

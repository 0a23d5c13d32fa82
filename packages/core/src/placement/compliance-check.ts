import type { RuleViolation } from './rule-violation.js';

/**
 * The verdict of one rule family (lighting, air supply, smoke detection) on a ceiling:
 * whether every rule holds, the confidence of RULES §4, the figures behind the verdict, and,
 * when it fails, which rule and by how much.
 */
export interface ComplianceCheck {
  readonly pass: boolean;
  /** RULES §4 confidence for this stage, in [0, 1]. */
  readonly confidence: number;
  /** The figures the verdict rests on (`averageLux`, `uniformity`, `maxDetectorDistance`, …). */
  readonly metrics: Readonly<Record<string, number>>;
  /** The unit of each metric (`lx`, `ft`, `W/ft²`, `cfm`, `1` for ratios). */
  readonly units?: Readonly<Record<string, string>>;
  /** One sentence per failed rule, naming the rule and the shortfall; empty when `pass`. */
  readonly reasons: readonly string[];
  /**
   * Where on the plan the failed rules fail (points out of reach, devices too close), for the
   * drawings; absent when no rule with a place on the plan fails.
   */
  readonly violations?: readonly RuleViolation[];
}

import { RoomValidationError } from '@ceiling-grid/core';
import { HttpProblem, PROBLEM_TYPES, type ProblemType } from '@ceiling-grid/http-kit';
import { IdempotencyConflictError } from '@ceiling-grid/queue';
import type { z } from 'zod';

/** Problems only the scheduler API has, beside the http-kit's generic ones. */
export const SCHEDULER_PROBLEMS = {
  idempotencyKeyReused: {
    slug: 'idempotency-key-reused',
    status: 409,
    title: 'Idempotency key reused',
    description:
      'This Idempotency-Key already started a run with a different room. Use a new key for a new room; ' +
      'the same key with the same room returns the first run.',
  },
  runNotFinished: {
    slug: 'run-not-finished',
    status: 409,
    title: 'Run not finished',
    description:
      "A run's plan, review sheet, DXF drawing and device schedule exist once the run completes, and never " +
      'for a run that failed; poll the run (`links.self`) until its status is `completed`.',
  },
} as const satisfies Record<string, ProblemType>;

export const SCHEDULER_PROBLEM_TYPES: readonly ProblemType[] = Object.values(SCHEDULER_PROBLEMS);

/** The scheduler's domain errors as problems: an invalid room names every bad field. */
export function schedulerErrorProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof RoomValidationError) {
    return new HttpProblem(PROBLEM_TYPES.invalidRequest, `invalid room: ${error.message}`, {
      errors: error.issues,
    });
  }
  if (error instanceof IdempotencyConflictError) {
    return new HttpProblem(SCHEDULER_PROBLEMS.idempotencyKeyReused, error.message);
  }
  return undefined;
}

/** A 400 for a query or header that failed its schema, naming every bad field. */
export function invalidInput(what: string, issues: readonly z.core.$ZodIssue[], prefix = ''): HttpProblem {
  const errors = issues.map((issue) => ({
    path: prefix || issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return new HttpProblem(
    PROBLEM_TYPES.invalidRequest,
    `invalid ${what}: ${errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}`,
    { errors },
  );
}

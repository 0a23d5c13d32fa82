/** One reason a room was rejected: where (`layout[2]`, `cellSize`) and why. */
export interface RoomIssue {
  /** Field path in the input, dotted with `[i]` for array items; empty for the body itself. */
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown by {@link parseRoom} for any input that is not a valid room. The message names the
 * first field and reason; {@link RoomValidationError.issues} lists every one found.
 */
export class RoomValidationError extends Error {
  override readonly name = 'RoomValidationError';

  constructor(readonly issues: readonly RoomIssue[]) {
    super(issues.length === 0 ? 'invalid room' : issues.map(formatRoomIssue).join('; '));
  }
}

/** `layout[2]: row 3 has 19 tiles, expected 20`. */
export function formatRoomIssue(issue: RoomIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

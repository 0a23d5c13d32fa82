/**
 * RFC 9457 problem details: the one shape every error answer of every web service has.
 */

/** Media type of a problem details document (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Where each problem type's description is served, on the same host (see {@link problemDocsRoute}). */
export const PROBLEM_TYPE_BASE = '/problems/';

/** One field a request got wrong: where (`layout[2]`, `cellSize`, `''` for the body itself) and why. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * A kind of problem: the stable identity behind `type` (`/problems/<slug>`), its `title` (the
 * same for every occurrence, RFC 9457 §3.1.3) and its usual status.
 */
export interface ProblemType {
  readonly slug: string;
  readonly status: number;
  readonly title: string;
  /** What the problem means and what to do about it; served at the type's URI. */
  readonly description: string;
}

/** The body of an error answer (RFC 9457 §3.1, with two extension members). */
export interface ProblemDetails {
  /** A URI reference naming the problem type; relative ones resolve on the answering host. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  /** This occurrence, in a sentence a person can act on. */
  readonly detail: string;
  /** Validation problems: every bad field, each with its path and reason. */
  readonly errors?: readonly FieldError[];
  /** The request's `X-Request-Id`, to find its log lines. */
  readonly requestId?: string;
}

/** The `type` URI of a problem type. */
export function problemTypeUri(type: ProblemType): string {
  return `${PROBLEM_TYPE_BASE}${type.slug}`;
}

/** Options of {@link HttpProblem}. */
export interface HttpProblemOptions {
  errors?: readonly FieldError[];
  /** Seconds for `Retry-After` (429, 503). */
  retryAfterSeconds?: number;
  /** Other response headers, e.g. `WWW-Authenticate`. */
  headers?: Readonly<Record<string, string>>;
  /** A status other than the type's usual one (a generic type used for another 4xx). */
  status?: number;
}

/**
 * An error that is an answer: thrown (or passed to `next`) by a handler, turned into a problem
 * details response by the kit's error handler.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;

  constructor(
    readonly problemType: ProblemType,
    readonly detail: string,
    readonly options: HttpProblemOptions = {},
  ) {
    super(detail);
    this.status = options.status ?? problemType.status;
  }

  /** The response body, with the request id of the answer it goes into. */
  toProblemDetails(requestId?: string): ProblemDetails {
    return {
      type: problemTypeUri(this.problemType),
      title: this.problemType.title,
      status: this.status,
      detail: this.detail,
      ...(this.options.errors ? { errors: this.options.errors } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
    };
  }
}

import type { ProblemType } from './problem.js';

/** The problem types every web service can answer with; apps add their own beside these. */
export const PROBLEM_TYPES = {
  invalidRequest: {
    slug: 'invalid-request',
    status: 400,
    title: 'Invalid request',
    description:
      'The request was read but what it says is not acceptable. `errors` lists every bad field: its ' +
      '`path` (`layout[2]`, `requirements.uniformity`, an HTTP header or query parameter name, or `""` ' +
      'for the body as a whole) and the reason. Nothing was changed.',
  },
  malformedBody: {
    slug: 'malformed-body',
    status: 400,
    title: 'Malformed request body',
    description:
      'The body could not be read as its media type says (JSON that does not parse, a cut-off upload).',
  },
  unauthorized: {
    slug: 'unauthorized',
    status: 401,
    title: 'Unauthorized',
    description:
      'Credentials are missing or wrong; the `WWW-Authenticate` header names the scheme the service expects.',
  },
  forbidden: {
    slug: 'forbidden',
    status: 403,
    title: 'Forbidden',
    description: 'The request is understood and authenticated, but it may not be made this way.',
  },
  notFound: {
    slug: 'not-found',
    status: 404,
    title: 'Not found',
    description: 'Nothing lives at this address: no such route, or no such resource (it may have expired).',
  },
  payloadTooLarge: {
    slug: 'payload-too-large',
    status: 413,
    title: 'Payload too large',
    description: 'The body is larger than the service accepts (MAX_BODY_BYTES), counted after decompression.',
  },
  unsupportedMediaType: {
    slug: 'unsupported-media-type',
    status: 415,
    title: 'Unsupported media type',
    description: 'The body has a media type, charset or content encoding this route does not read.',
  },
  tooManyRequests: {
    slug: 'too-many-requests',
    status: 429,
    title: 'Too many requests',
    description:
      'This client sent more requests of this kind than allowed; retry after `Retry-After` seconds.',
  },
  internalError: {
    slug: 'internal-error',
    status: 500,
    title: 'Internal error',
    description:
      'The service failed on a request it should have handled; the error is logged with the request id.',
  },
  storeUnavailable: {
    slug: 'store-unavailable',
    status: 503,
    title: 'Queue store unavailable',
    description:
      'Redis, where runs are queued and kept, does not answer right now. Nothing was changed; retry after ' +
      '`Retry-After` seconds.',
  },
  storeFull: {
    slug: 'store-full',
    status: 503,
    title: 'Queue store full',
    description:
      'Redis reached its memory limit (maxmemory with noeviction) and refuses writes. Nothing was changed; ' +
      'retry later, or ask the operator to free memory (docs/DEPLOYMENT.md, Redis memory).',
  },
} as const satisfies Record<string, ProblemType>;

/** The generic type for a status, for errors that carry nothing but a status (another 4xx). */
export function problemTypeForStatus(status: number): ProblemType {
  if (status >= 500) return PROBLEM_TYPES.internalError;
  // A bare 400 from the body reader (an aborted upload, a bad Content-Length) is about the body.
  if (status === 400) return PROBLEM_TYPES.malformedBody;
  return Object.values(PROBLEM_TYPES).find((type) => type.status === status) ?? PROBLEM_TYPES.malformedBody;
}

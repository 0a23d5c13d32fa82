import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The same idempotency key came with a different body. */
export class IdempotencyConflictError extends Error {
  override readonly name = 'IdempotencyConflictError';
  constructor(
    readonly runId: string,
    what = 'run',
    body = 'room',
  ) {
    super(`this Idempotency-Key was already used for ${what} ${runId} with a different ${body}`);
  }
}

/** Where a claim is stored and for how long. */
export interface IdempotencyClaim {
  readonly redis: Redis;
  /** Redis key namespace, e.g. `{ceiling-grid}:idempotency`. */
  readonly namespace: string;
  readonly key: string;
  /** The id to remember under the key. */
  readonly id: string;
  /** Identifies the body the key came with. */
  readonly fingerprint: string;
  readonly ttlMs: number;
  /** Names for the conflict message: `run`/`room`, `floor`/`floor`. */
  readonly what?: string;
  readonly body?: string;
}

/**
 * Claims an idempotency key for `id`. Returns `{ claimed: true, redisKey }` when the key was new
 * (delete `redisKey` if what it stands for is then not created), or the id remembered under it;
 * throws {@link IdempotencyConflictError} when the key came with another body.
 */
export async function claimIdempotencyKey(
  claim: IdempotencyClaim,
): Promise<{ claimed: true; redisKey: string } | { claimed: false; id: string }> {
  const redisKey = `${claim.namespace}:${sha256(claim.key)}`;
  const set = await claim.redis.set(redisKey, `${claim.id}|${claim.fingerprint}`, 'PX', claim.ttlMs, 'NX');
  if (set !== null) return { claimed: true, redisKey };
  const [existingId, existingFingerprint] = ((await claim.redis.get(redisKey)) ?? '').split('|');
  if (existingFingerprint !== claim.fingerprint)
    throw new IdempotencyConflictError(existingId, claim.what, claim.body);
  return { claimed: false, id: existingId };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

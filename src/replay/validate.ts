import { assertInteger, assertString } from '../assert.js';
import { InvalidInputError } from '../errors.js';

/** Longest id accepted (ids come from message headers). */
export const MAX_REPLAY_ID_LENGTH = 512;

/** Checks the arguments of `claim`. */
export function assertClaim(id: unknown, ttlMs: unknown): asserts id is string {
  assertString(id, 'id');
  if (id.length > MAX_REPLAY_ID_LENGTH) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `"id": longer than ${MAX_REPLAY_ID_LENGTH} characters`,
    );
  }
  assertInteger(ttlMs, 'ttlMs', 1);
}

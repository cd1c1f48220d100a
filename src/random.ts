import { assertInteger } from './assert.js';
import { randomBytes as csprng } from './backend/random.js';

/**
 * Bytes from the platform CSPRNG (node:crypto, or `crypto.getRandomValues` in browsers).
 *
 * @param length - how many bytes, up to 2^31 - 1
 * @returns fresh random bytes
 * @throws {@link InvalidInputError} ERR_INVALID_ARGUMENT for a bad length
 * @example
 * ```ts
 * import { randomBytes } from 'cachet';
 * const nonce = randomBytes(16);
 * ```
 */
export function randomBytes(length: number): Uint8Array {
  assertInteger(length, 'length', 0, 2 ** 31 - 1);
  return csprng(length);
}

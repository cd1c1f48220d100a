/**
 * HKDF (RFC 5869) for the portable backend, over hmac-state.ts's HMAC with any hash: one
 * keyed state for the expand step instead of re-keying HMAC for every output block, and no
 * @noble/hashes generic HMAC/HKDF in the bundle.
 */
import { type HashFunction, hmacLast, hmacOnceWith, hmacState, hmacWith } from './hmac-state.js';

/**
 * HKDF-Extract then HKDF-Expand (RFC 5869 §2.2-2.3).
 *
 * @param hash - the hash (SHA-256, SHA-384 or SHA-512)
 * @param ikm - input keying material
 * @param salt - the salt; empty means HashLen zero bytes (§2.2: the same HMAC key)
 * @param info - context
 * @param length - output length in bytes, at most 255 * HashLen
 * @returns `length` bytes of output keying material
 */
export function hkdfWith(
  hash: HashFunction,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  const size = hash.outputLen;
  // §2.3: L <= 255 * HashLen.
  if (length > 255 * size) throw new RangeError('HKDF output length exceeds 255 * HashLen');
  const okm = new Uint8Array(length);
  if (length === 0) return okm;
  const prk = hmacOnceWith(hash, salt, ikm);
  const keyed = hmacState(hash, prk);
  prk.fill(0);
  let t: Uint8Array = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++, at += size) {
    // T(i) = HMAC-Hash(PRK, T(i-1) ‖ info ‖ i); the last block consumes the keyed states,
    // which are as good as the PRK.
    const mac = at + size >= length ? hmacLast : hmacWith;
    const next = mac(keyed, t, info, Uint8Array.of(i));
    t.fill(0);
    t = next;
    okm.set(t.subarray(0, Math.min(size, length - at)), at);
  }
  t.fill(0);
  return okm;
}

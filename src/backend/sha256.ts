/**
 * SHA-256, HMAC-SHA-256 and HKDF-SHA-256 alone: the same bytes as `digest`, `hmac` and
 * `hkdf` of hash.ts with `'SHA-256'`, for modules that use no other hash (key ids, the AEAD
 * key commitment, blind indexes). hash.ts takes the hash as an argument, so its table
 * brings SHA-384 and SHA-512 (and 64-bit arithmetic) of @noble/hashes into every browser
 * bundle that imports it: about 5 KB minified that cachet/keys, cachet/aead and
 * cachet/fields never run. The portable HMAC and HKDF are written here over noble's SHA-256
 * (RFC 2104 with hmac-state.ts, RFC 5869 §2.2-2.3) rather than taken from noble's generic
 * ones, which are another 2.3 KB minified in those bundles.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hmacState, hmacWith } from './hmac-state.js';
import { u8 } from './native-util.js';
import { nodeCrypto } from './node.js';

/** SHA-256 of `data`. */
export function sha256Digest(data: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? u8(c.createHash('sha256').update(data).digest()) : sha256(data);
}

/** HMAC-SHA-256 (RFC 2104) of `data` under `key`. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c
    ? u8(c.createHmac('sha256', key).update(data).digest())
    : hmacWith(hmacState(sha256, key), data);
}

/** RFC 5869 §2.2-2.3 with HMAC-SHA-256 (length already checked). */
function portableHkdf(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  // §2.2: an absent salt is HashLen zero bytes (the same HMAC key as an empty one).
  const prk = hmacWith(hmacState(sha256, salt), ikm);
  const keyed = hmacState(sha256, prk);
  prk.fill(0);
  const okm = new Uint8Array(length);
  let t: Uint8Array = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++, at += 32) {
    // T(i) = HMAC-Hash(PRK, T(i-1) ‖ info ‖ i)
    const next = hmacWith(keyed, t, info, Uint8Array.of(i));
    t.fill(0);
    t = next;
    okm.set(t.subarray(0, Math.min(32, length - at)), at);
  }
  t.fill(0);
  return okm;
}

/** HKDF-SHA-256 (RFC 5869): `length` bytes from `ikm`, `salt` and `info`. */
export function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  // RFC 5869 §2.3: L <= 255 * HashLen.
  if (length > 255 * 32) throw new RangeError('HKDF output length exceeds 255 * HashLen');
  const c = nodeCrypto();
  // node:crypto caps `info` at 1024 bytes; RFC 5869 does not.
  if (!c || info.length > 1024) return portableHkdf(ikm, salt, info, length);
  return new Uint8Array(c.hkdfSync('sha256', ikm, salt, info, length));
}

/**
 * SHA-256, HMAC-SHA-256 and HKDF-SHA-256 alone: the same bytes as `digest`, `hmac` and
 * `hkdf` of hash.ts with `'SHA-256'`, for modules that use no other hash (key ids, the AEAD
 * key commitment, blind indexes). hash.ts takes the hash as an argument, so its table
 * brings SHA-384 and SHA-512 (and 64-bit arithmetic) of @noble/hashes into every browser
 * bundle that imports it: about 5 KB minified that cachet/keys, cachet/aead and
 * cachet/fields never run. The portable side is sha256-portable.ts with hmac-state.ts and
 * hkdf-portable.ts, none of which brings @noble/hashes.
 */
import { hkdfWith } from './hkdf-portable.js';
import { hmacOnceWith } from './hmac-state.js';
import { u8 } from './native-util.js';
import { nodeCrypto } from './node.js';
import { sha256 } from './sha256-portable.js';

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
    : hmacOnceWith(sha256, key, data);
}

/** HKDF-SHA-256 (RFC 5869): `length` bytes from `ikm`, `salt` and `info`. */
export function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  const c = nodeCrypto();
  // node:crypto caps `info` at 1024 bytes; RFC 5869 does not.
  if (!c || info.length > 1024 || length > 255 * 32)
    return hkdfWith(sha256, ikm, salt, info, length);
  return new Uint8Array(c.hkdfSync('sha256', ikm, salt, info, length));
}

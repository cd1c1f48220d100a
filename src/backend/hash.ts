/** SHA-2, HMAC (RFC 2104) and HKDF (RFC 5869). */
import { sha384, sha512 } from '@noble/hashes/sha2.js';
import { hkdfWith } from './hkdf-portable.js';
import { oneShotHmacOnce } from './hmac-oneshot.js';
import { hmacOnceWith } from './hmac-state.js';
import { NODE_HASH, u8 } from './native-util.js';
import { type NodeCrypto, nodeCrypto } from './node.js';
import { sha256 } from './sha256-portable.js';
import type { HashName, NativeImpl, PortableImpl } from './types.js';

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

/** Output length in bytes. */
export const HASH_LENGTH: Readonly<Record<HashName, number>> = {
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
};

function portableDigest(hash: HashName, data: Uint8Array): Uint8Array {
  return HASHES[hash](data);
}
function portableHmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmacOnceWith(HASHES[hash], key, data);
}
function portableHkdf(
  hash: HashName,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  return hkdfWith(HASHES[hash], ikm, salt, info, length);
}

function nativeDigest(c: NodeCrypto, hash: HashName, data: Uint8Array): Uint8Array {
  return u8(c.createHash(NODE_HASH[hash]).update(data).digest());
}
function nativeHmac(c: NodeCrypto, hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return u8(c.createHmac(NODE_HASH[hash], key).update(data).digest());
}
function nativeHkdf(
  c: NodeCrypto,
  hash: HashName,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  // node:crypto caps `info` at 1024 bytes; RFC 5869 does not. Over 255 * HashLen, hkdfWith
  // throws the RangeError of RFC 5869 §2.3 (node:crypto's own error would differ).
  if (info.length > 1024 || length > 255 * HASH_LENGTH[hash]) {
    return portableHkdf(hash, ikm, salt, info, length);
  }
  return new Uint8Array(c.hkdfSync(NODE_HASH[hash], ikm, salt, info, length));
}

export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativeDigest(c, hash, data) : portableDigest(hash, data);
}

export function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativeHmac(c, hash, key, data) : portableHmac(hash, key, data);
}

/**
 * HMAC for a key used once or a few times, over a short message: the same bytes as
 * {@link hmac}. Native: the two hashes of RFC 2104 as one-shot `crypto.hash` calls, which
 * for a message of a few hundred bytes cost less than creating, feeding and finalising an
 * Hmac object and its output Buffer (measured in bench/notes.md). Longer messages, and
 * runtimes without `crypto.hash`, use {@link hmac}'s path.
 */
export function hmacOnce(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  if (!c) return portableHmac(hash, key, data);
  return (
    (c.hash && oneShotHmacOnce(c.hash, NODE_HASH[hash], key, data)) ??
    nativeHmac(c, hash, key, data)
  );
}

export function hkdf(
  hash: HashName,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? nativeHkdf(c, hash, ikm, salt, info, length)
    : portableHkdf(hash, ikm, salt, info, length);
}

export const portable: PortableImpl<'digest' | 'hmac' | 'hkdf'> = {
  digest: portableDigest,
  hmac: portableHmac,
  hkdf: portableHkdf,
};
export const native: NativeImpl<'digest' | 'hmac' | 'hkdf'> = {
  digest: nativeDigest,
  hmac: nativeHmac,
  hkdf: nativeHkdf,
};

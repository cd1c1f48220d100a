/**
 * HMAC (RFC 2104) with per-key state kept between calls: a node:crypto secret KeyObject
 * (native), or noble's keyed inner/outer hash state, cloned per message (portable, which
 * saves the two key-block compressions). For hot paths that MAC many messages under one
 * long-lived key (HTTP message signatures, webhooks). Text input is MACed as UTF-8
 * without an intermediate copy on the native backend.
 *
 * State is cached by the identity of the key's byte array and checked against a private
 * copy of the bytes on every call, so an array changed in place is never used with stale
 * state.
 */
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { encodeBase64 } from './digest-oneshot.js';
import { NODE_HASH } from './native-util.js';
import { type NodeKeyObject, nodeCrypto } from './node.js';
import type { HashName } from './types.js';

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;
const encoder = new TextEncoder();

type Portable = ReturnType<typeof nobleHmac.create>;
interface Cached {
  copy: Uint8Array;
  native?: NodeKeyObject;
  portable?: Partial<Record<HashName, Portable>>;
}
const cache = new WeakMap<Uint8Array, Cached>();

/** node:crypto's HMAC, which also takes text (UTF-8) and encodes its output. */
interface NativeHmac {
  createSecretKey(key: Uint8Array): NodeKeyObject;
  createHmac(
    algorithm: string,
    key: NodeKeyObject,
  ): {
    update(data: Uint8Array | string): NativeDigest;
  };
}
interface NativeDigest {
  digest(): Uint8Array;
  digest(encoding: 'base64'): string;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function entry(key: Uint8Array): Cached {
  let cached = cache.get(key);
  // The comparison is against the caller's own key: it reveals nothing to anyone else.
  if (!cached || !sameBytes(cached.copy, key)) {
    cached = { copy: key.slice() };
    cache.set(key, cached);
  }
  return cached;
}

function portable(cached: Cached, hash: HashName, data: Uint8Array | string): Uint8Array {
  cached.portable ??= {};
  let keyed = cached.portable[hash];
  if (!keyed) {
    keyed = nobleHmac.create(HASHES[hash], cached.copy);
    cached.portable[hash] = keyed;
  }
  return keyed
    .clone()
    .update(typeof data === 'string' ? encoder.encode(data) : data)
    .digest();
}

/**
 * HMAC of `data` (bytes, or text as UTF-8) under `key`, reusing the key's prepared state.
 * Same bytes as `hmac` in hash.ts.
 */
export function keyedHmac(hash: HashName, key: Uint8Array, data: Uint8Array | string): Uint8Array {
  const cached = entry(key);
  const c = nodeCrypto() as unknown as NativeHmac | null;
  if (!c) return portable(cached, hash, data);
  cached.native ??= c.createSecretKey(cached.copy);
  // A fresh Buffer of its own (never a pool slice): usable as the Uint8Array it is.
  return c.createHmac(NODE_HASH[hash], cached.native).update(data).digest();
}

/** The same HMAC in standard padded base64 (encoded natively on the native backend). */
export function keyedHmacBase64(
  hash: HashName,
  key: Uint8Array,
  data: Uint8Array | string,
): string {
  const cached = entry(key);
  const c = nodeCrypto() as unknown as NativeHmac | null;
  if (!c) return encodeBase64(portable(cached, hash, data));
  cached.native ??= c.createSecretKey(cached.copy);
  return c.createHmac(NODE_HASH[hash], cached.native).update(data).digest('base64');
}

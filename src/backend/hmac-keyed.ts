/**
 * HMAC (RFC 2104) with per-key state kept between calls: on the native backend the padded
 * key blocks (and a node:crypto secret KeyObject for long messages), on the portable one
 * noble's keyed inner/outer hash state, cloned per message (which saves the two key-block
 * compressions, src/backend/hmac-state.ts). For hot paths that MAC many messages under one long-lived key (HTTP
 * message signatures). Text input is MACed as UTF-8.
 *
 * Native: the two hashes of RFC 2104 §2 as one-shot `crypto.hash` calls (hmac-oneshot.ts)
 * for messages of up to a few KiB, which saves about 1 µs per message against an Hmac
 * object (bench/notes.md, "http"), a fifth of a whole request verification.
 *
 * State is cached by the identity of the key's byte array and checked against a private
 * copy of the bytes on every call, so an array changed in place is never used with stale
 * state.
 */
import { sha384, sha512 } from '@noble/hashes/sha2.js';
import { encodeBase64 } from './digest-oneshot.js';
import {
  BLOCK_SIZE,
  type HmacPads,
  hmacPads,
  type OneShotHash,
  oneShotHmac,
} from './hmac-oneshot.js';
import { type HmacState, hmacState, hmacWith } from './hmac-state.js';
import { NODE_HASH, u8 } from './native-util.js';
import { type NodeKeyObject, nodeCrypto } from './node.js';
import { sha256 } from './sha256-portable.js';
import type { HashName } from './types.js';

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;
const encoder = new TextEncoder();

interface Cached {
  copy: Uint8Array;
  native?: NodeKeyObject;
  /** The padded keys, per hash. */
  pads?: Partial<Record<HashName, HmacPads>>;
  portable?: Partial<Record<HashName, HmacState>>;
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
  digest(encoding: 'base64' | 'latin1'): string;
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
    keyed = hmacState(HASHES[hash], cached.copy);
    cached.portable[hash] = keyed;
  }
  return hmacWith(keyed, typeof data === 'string' ? encoder.encode(data) : data);
}

/** The one-shot HMAC, or undefined when the key or message is too long for it. */
function oneShot(
  hash: OneShotHash | undefined,
  name: HashName,
  cached: Cached,
  data: Uint8Array | string,
  encoding: 'base64' | 'latin1',
): string | undefined {
  const block = BLOCK_SIZE[NODE_HASH[name]];
  if (!hash || cached.copy.length > block) return undefined;
  cached.pads ??= {};
  cached.pads[name] ??= hmacPads(cached.copy, block);
  return oneShotHmac(hash, NODE_HASH[name], cached.pads[name], '', data, encoding);
}

function viaHmac(c: NativeHmac, hash: HashName, cached: Cached, data: Uint8Array | string) {
  cached.native ??= c.createSecretKey(cached.copy);
  return c.createHmac(NODE_HASH[hash], cached.native).update(data);
}

/**
 * HMAC of `data` (bytes, or text as UTF-8) under `key`, reusing the key's prepared state.
 * Same bytes as `hmac` in hash.ts.
 */
export function keyedHmac(hash: HashName, key: Uint8Array, data: Uint8Array | string): Uint8Array {
  const cached = entry(key);
  const c = nodeCrypto() as unknown as (NativeHmac & { hash?: OneShotHash }) | null;
  if (!c) return portable(cached, hash, data);
  const text = oneShot(c.hash, hash, cached, data, 'latin1');
  if (text === undefined) return u8(viaHmac(c, hash, cached, data).digest());
  const mac = new Uint8Array(text.length);
  for (let i = 0; i < mac.length; i++) mac[i] = text.charCodeAt(i);
  return mac;
}

/** The same HMAC in standard padded base64 (encoded natively on the native backend). */
export function keyedHmacBase64(
  hash: HashName,
  key: Uint8Array,
  data: Uint8Array | string,
): string {
  const cached = entry(key);
  const c = nodeCrypto() as unknown as (NativeHmac & { hash?: OneShotHash }) | null;
  if (!c) return encodeBase64(portable(cached, hash, data));
  return (
    oneShot(c.hash, hash, cached, data, 'base64') ?? viaHmac(c, hash, cached, data).digest('base64')
  );
}

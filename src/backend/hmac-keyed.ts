/**
 * HMAC (RFC 2104) with per-key state kept between calls: on the native backend the padded
 * key blocks (and a node:crypto secret KeyObject for long messages), on the portable one
 * noble's keyed inner/outer hash state, cloned per message (which saves the two key-block
 * compressions, src/backend/hmac-state.ts). For hot paths that MAC many messages under one long-lived key (HTTP
 * message signatures). Text input is MACed as UTF-8.
 *
 * Native, for messages up to {@link ONE_SHOT_MAX} bytes: the two hashes of RFC 2104 §2 as
 * one-shot `crypto.hash` calls over (K ⊕ ipad) ‖ text and (K ⊕ opad) ‖ inner, with the
 * inner digest as a latin1 string and the MAC encoded natively. Creating, feeding and
 * finalising an Hmac object costs about 1 µs more per message on Node 20 than both hashes
 * (bench/notes.md, "http"), which is a fifth of a whole request verification.
 *
 * State is cached by the identity of the key's byte array and checked against a private
 * copy of the bytes on every call, so an array changed in place is never used with stale
 * state.
 */
import { sha384, sha512 } from '@noble/hashes/sha2.js';
import { encodeBase64 } from './digest-oneshot.js';
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
  pads?: Partial<Record<HashName, Pads>>;
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
/** One-shot `crypto.hash` (Node >= 20.12; absent in some Node-compatible runtimes). */
type OneShotHash = (algorithm: string, data: Uint8Array, encoding: 'base64' | 'latin1') => string;

const BLOCK: Readonly<Record<HashName, number>> = { 'SHA-256': 64, 'SHA-384': 128, 'SHA-512': 128 };
const LENGTH: Readonly<Record<HashName, number>> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
/** Longest message (bytes) MACed by one-shot hashes; longer ones stream through an Hmac. */
const ONE_SHOT_MAX = 4096;

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

/** RFC 2104 §2: K zero-padded to the block size, XORed with ipad, and with opad. */
interface Pads {
  readonly inner: Uint8Array;
  readonly outer: Uint8Array;
}

function padsOf(cached: Cached, hash: HashName): Pads {
  cached.pads ??= {};
  let pads = cached.pads[hash];
  if (!pads) {
    const block = BLOCK[hash];
    pads = { inner: new Uint8Array(block).fill(0x36), outer: new Uint8Array(block).fill(0x5c) };
    for (let i = 0; i < cached.copy.length; i++) {
      pads.inner[i]! ^= cached.copy[i]!;
      pads.outer[i]! ^= cached.copy[i]!;
    }
    cached.pads[hash] = pads;
  }
  return pads;
}

/** A work buffer per block size, with the fixed views over it made once. */
interface Scratch {
  readonly buf: Uint8Array;
  /** Where the message goes, after the first block. */
  readonly text: Uint8Array;
  /** The outer hash's input: a block and the inner digest. */
  readonly outer: Uint8Array;
}
const scratches: Partial<Record<HashName, Scratch>> = {};

function scratchOf(hash: HashName): Scratch {
  let s = scratches[hash];
  if (!s) {
    const block = BLOCK[hash];
    const buf = new Uint8Array(block + ONE_SHOT_MAX);
    s = {
      buf,
      text: buf.subarray(block),
      outer: buf.subarray(0, block + LENGTH[hash]),
    };
    scratches[hash] = s;
  }
  return s;
}

/**
 * H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ text)) by two one-shot hashes, encoded by node:crypto;
 * undefined when the key or message is too long for it (or `crypto.hash` is missing).
 */
function oneShot(
  oneShotHash: OneShotHash | undefined,
  hash: HashName,
  cached: Cached,
  data: Uint8Array | string,
  encoding: 'base64' | 'latin1',
): string | undefined {
  const block = BLOCK[hash];
  if (!oneShotHash || cached.copy.length > block || data.length > ONE_SHOT_MAX) return undefined;
  const pads = padsOf(cached, hash);
  const { buf, text, outer } = scratchOf(hash);
  let length: number;
  if (typeof data === 'string') {
    const { read, written } = encoder.encodeInto(data, text);
    if (read !== data.length) return undefined; // more than ONE_SHOT_MAX bytes of UTF-8
    length = written;
  } else {
    text.set(data);
    length = data.length;
  }
  const name = NODE_HASH[hash];
  buf.set(pads.inner);
  const inner = oneShotHash(name, buf.subarray(0, block + length), 'latin1');
  buf.set(pads.outer);
  for (let i = 0; i < inner.length; i++) text[i] = inner.charCodeAt(i);
  const mac = oneShotHash(name, outer, encoding);
  // The padded key is as secret as the key; the message after it is not.
  outer.fill(0);
  return mac;
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
  const mac = new Uint8Array(LENGTH[hash]);
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

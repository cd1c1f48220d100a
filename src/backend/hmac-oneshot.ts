/**
 * HMAC (RFC 2104 §2) on node:crypto as two one-shot `crypto.hash` calls:
 * H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ text)). Creating, feeding and finalising an Hmac object
 * costs about 1 µs more per message on Node 20 than both hashes with the copy of the
 * message into a work buffer, up to several KiB (bench/notes.md: 0.77-0.85x for a 4 KiB
 * webhook). The inner digest comes back as a latin1 string (one char per byte, no Buffer)
 * and the MAC in the encoding the caller wants. Two forms: {@link oneShotHmac} over padded
 * key blocks kept per long-lived key (HTTP message signatures through hmac-keyed.ts,
 * webhooks through src/webhooks/mac.ts), and {@link oneShotHmacOnce} for a key used once
 * (the envelope's key derivation and header MAC, through `hmacOnce` in hash.ts).
 *
 * Those latin1 strings cannot be wiped; like any heap copy they last until collected. The
 * work buffer is wiped after each call wherever it held key material.
 */

/** One-shot `crypto.hash` (Node >= 20.12; absent in some Node-compatible runtimes). */
export type OneShotHash = (
  algorithm: string,
  data: Uint8Array,
  encoding: 'base64' | 'hex' | 'latin1',
) => string;

/** The node:crypto names of the hashes, with their digest lengths in bytes. */
const DIGEST_LENGTH = { sha256: 32, sha384: 48, sha512: 64 } as const;
export type OneShotHashName = keyof typeof DIGEST_LENGTH;
/** Block sizes in bytes: a key longer than this is hashed first, which is left to Hmac. */
export const BLOCK_SIZE: Readonly<Record<OneShotHashName, number>> = {
  sha256: 64,
  sha384: 128,
  sha512: 128,
};

/** RFC 2104 §2: K zero-padded to the block size, XORed with ipad (0x36) and opad (0x5c). */
export interface HmacPads {
  readonly inner: Uint8Array;
  readonly outer: Uint8Array;
}

/**
 * The padded keys of `key`, which must be at most a block long (longer keys are hashed
 * first by RFC 2104; callers leave them to node:crypto's Hmac).
 *
 * @param key - the HMAC key, at most `block` bytes
 * @param block - the hash's block size (64 for SHA-256, 128 for SHA-384/512)
 * @returns the two padded blocks; as secret as the key
 */
export function hmacPads(key: Uint8Array, block: number): HmacPads {
  const inner = new Uint8Array(block).fill(0x36);
  const outer = new Uint8Array(block).fill(0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i]! ^= key[i]!;
    outer[i]! ^= key[i]!;
  }
  return { inner, outer };
}

/** Longest message (bytes) MACed here; longer ones are left to an Hmac object. */
const MAX_TEXT = 8192;

/** The work buffer: a block, then the message (or the inner digest). */
let scratch: Uint8Array | undefined;
/** Views of it made once: the message after a 64- or 128-byte block, the outer input. */
const views = new Map<number, Uint8Array>();

function view(start: number, end: number): Uint8Array {
  const key = start * 0x1_0000 + end;
  let v = views.get(key);
  if (!v) {
    scratch ??= new Uint8Array(128 + MAX_TEXT);
    v = scratch.subarray(start, end);
    views.set(key, v);
  }
  return v;
}

const encoder = new TextEncoder();

/**
 * HMAC of `prefix ‖ data` (text as UTF-8) by two one-shot hashes.
 *
 * @param hash - node:crypto's `hash`
 * @param name - the hash
 * @param pads - from {@link hmacPads} with the hash's block size
 * @param prefix - text before `data` (may be empty)
 * @param data - the message, or its remainder after `prefix`
 * @param encoding - how node:crypto returns the MAC
 * @returns the encoded MAC, or undefined when the message is longer than the work buffer
 */
export function oneShotHmac(
  hash: OneShotHash,
  name: OneShotHashName,
  pads: HmacPads,
  prefix: string,
  data: Uint8Array | string,
  encoding: 'base64' | 'hex' | 'latin1',
): string | undefined {
  // Every UTF-16 unit is at least one byte of UTF-8: a quick refusal before encodeInto,
  // which finds the exact fit.
  if (prefix.length + data.length > MAX_TEXT) return undefined;
  const block = pads.inner.length;
  const text = view(block, block + MAX_TEXT);
  let length = 0;
  if (prefix.length > 0) {
    const { read, written } = encoder.encodeInto(prefix, text);
    if (read !== prefix.length) return undefined;
    length = written;
  }
  if (typeof data === 'string') {
    const { read, written } = encoder.encodeInto(data, length ? text.subarray(length) : text);
    if (read !== data.length) return undefined;
    length += written;
  } else {
    if (length + data.length > text.length) return undefined;
    text.set(data, length);
    length += data.length;
  }
  const buf = scratch!;
  buf.set(pads.inner);
  const inner = hash(name, buf.subarray(0, block + length), 'latin1');
  buf.set(pads.outer);
  for (let i = 0; i < inner.length; i++) text[i] = inner.charCodeAt(i);
  const outer = view(0, block + DIGEST_LENGTH[name]);
  const mac = hash(name, outer, encoding);
  // The padded key is as secret as the key; the message after it is not.
  outer.fill(0);
  return mac;
}

/**
 * HMAC of `data` under a key used once, by the same two one-shot hashes: the padded key is
 * written straight into the work buffer (nothing kept), and the buffer is wiped after,
 * message included (a key derivation's input can be as secret as its key).
 *
 * @param hash - node:crypto's `hash`
 * @param name - the hash
 * @param key - the HMAC key
 * @param data - the message
 * @returns the MAC, or undefined when the key is longer than a block or the message longer
 *   than the work buffer
 */
export function oneShotHmacOnce(
  hash: OneShotHash,
  name: OneShotHashName,
  key: Uint8Array,
  data: Uint8Array,
): Uint8Array | undefined {
  const block = BLOCK_SIZE[name];
  if (key.length > block || data.length > MAX_TEXT) return undefined;
  const length = DIGEST_LENGTH[name];
  scratch ??= new Uint8Array(128 + MAX_TEXT);
  const buf = scratch;
  for (let i = 0; i < key.length; i++) buf[i] = key[i]! ^ 0x36;
  buf.fill(0x36, key.length, block);
  buf.set(data, block);
  const inner = hash(name, buf.subarray(0, block + data.length), 'latin1');
  for (let i = 0; i < key.length; i++) buf[i] = key[i]! ^ 0x5c;
  buf.fill(0x5c, key.length, block);
  for (let i = 0; i < length; i++) buf[block + i] = inner.charCodeAt(i);
  const digest = hash(name, view(0, block + length), 'latin1');
  buf.fill(0, 0, block + Math.max(length, data.length));
  const mac = new Uint8Array(length);
  for (let i = 0; i < length; i++) mac[i] = digest.charCodeAt(i);
  return mac;
}

/**
 * Helpers for the native (node:crypto) implementations: Buffer → Uint8Array without
 * leaking Node's shared pool, and KeyObjects made once per key.
 */
import type { NodeCrypto, NodeKeyObject } from './node.js';

export const NODE_HASH = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

/**
 * A Node Buffer as a plain Uint8Array. Zero-copy when the Buffer owns its memory; a copy
 * when it is a slice of Node's shared pool (its `.buffer` would expose unrelated bytes).
 */
export function u8(buf: Uint8Array): Uint8Array {
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength
    ? new Uint8Array(buf.buffer, 0, buf.byteLength)
    : // Not Uint8Array.prototype.slice.call(buf): its species is Buffer, so that copy is
      // a Buffer again (and it is twice as slow as this one).
      new Uint8Array(buf);
}

/** Concatenates two or three arrays into a fresh one. */
export function join(a: Uint8Array, b: Uint8Array, c?: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length + (c?.length ?? 0));
  out.set(a);
  out.set(b, a.length);
  if (c) out.set(c, a.length + b.length);
  return out;
}

/** Concatenates a DER prefix and raw key bytes. */
export function withPrefix(prefix: Uint8Array, raw: Uint8Array): Uint8Array {
  return join(prefix, raw);
}

/**
 * A KeyObject cache keyed by the identity of a key's byte array: cachet keys are
 * immutable, so each key is imported into OpenSSL once, not per call.
 */
export class KeyObjectCache {
  readonly #map = new WeakMap<Uint8Array, NodeKeyObject>();
  readonly #prefix: Uint8Array;
  readonly #type: 'pkcs8' | 'spki';

  constructor(prefix: Uint8Array, type: 'pkcs8' | 'spki') {
    this.#prefix = prefix;
    this.#type = type;
  }

  get(c: NodeCrypto, raw: Uint8Array): NodeKeyObject {
    let key = this.#map.get(raw);
    if (!key) {
      const der = withPrefix(this.#prefix, raw);
      key =
        this.#type === 'pkcs8'
          ? c.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
          : c.createPublicKey({ key: der, format: 'der', type: 'spki' });
      this.#map.set(raw, key);
    }
    return key;
  }
}

/** The raw public key at the end of a private KeyObject's SPKI encoding. */
export function publicKeyTail(c: NodeCrypto, key: NodeKeyObject, length: number): Uint8Array {
  const spki = c.createPublicKey(key).export({ format: 'der', type: 'spki' });
  return u8(spki).slice(spki.length - length);
}

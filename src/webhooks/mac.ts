/**
 * HMAC-SHA-256 (RFC 2104) of `prefix ‖ payload`, fed in two parts so the payload is never
 * copied into a concatenated buffer, and encoded the way the scheme sends it. Every HMAC webhook scheme signs some text (the id,
 * the timestamp, separators) followed by the raw body.
 *
 * Native: node:crypto `createHmac` with a KeyObject made once per secret. Portable:
 * @noble/hashes with the keyed inner/outer state computed once per secret and cloned per
 * message. Only SHA-256 is used (not src/backend/hash.ts, which brings SHA-384/512 and
 * HKDF), which keeps cachet/webhooks small in browser bundles.
 *
 * @noble/hashes is not imported here but handed over by the entry point: index.ts imports
 * it statically (browsers need it synchronously), index.node.ts loads it on first use, so
 * Node, which uses node:crypto unless `setBackend('portable')` is called, does not spend
 * its import time on it.
 */
import type { hmac } from '@noble/hashes/hmac.js';
import type { sha256 } from '@noble/hashes/sha2.js';
import { type NodeKeyObject, nodeCrypto } from '../backend/node.js';
import { base64Encode, hexEncode } from '../bytes.js';

/** The two functions of @noble/hashes the portable path needs. */
export interface PortableSha256 {
  readonly hmac: typeof hmac;
  readonly sha256: typeof sha256;
}

let portableSha256: (() => PortableSha256) | undefined;

/**
 * Sets how the portable path gets @noble/hashes (called once by the entry point).
 *
 * @param load - returns the functions, loading them on its first call if need be
 */
export function providePortableSha256(load: () => PortableSha256): void {
  portableSha256 = load;
}

/** node:crypto's Hmac accepts strings (hashed as UTF-8) as well as bytes. */
interface NodeHmac {
  update(data: string | Uint8Array): NodeHmac;
  digest(): Uint8Array;
  digest(encoding: 'base64' | 'hex'): string;
}
interface NodeHmacFactory {
  createHmac(algorithm: 'sha256', key: NodeKeyObject | Uint8Array): NodeHmac;
  createSecretKey(key: Uint8Array): NodeKeyObject;
}

/** The slice of noble's incremental HMAC used here. */
interface NobleHmac {
  update(data: Uint8Array): NobleHmac;
  digest(): Uint8Array;
  clone(): NobleHmac;
}

const utf8 = new TextEncoder();

/**
 * An HMAC key for repeated use. A reusable key (from a secret string or a cachet Key,
 * both immutable) keeps its prepared forms; a transient one (caller-owned bytes, which may
 * change between calls) is used as is.
 */
export class MacKey {
  readonly raw: Uint8Array;
  readonly #reusable: boolean;
  #native: NodeKeyObject | undefined;
  #portable: NobleHmac | undefined;

  /**
   * @param raw - the key bytes
   * @param reusable - whether `raw` never changes, so prepared forms may be kept
   */
  constructor(raw: Uint8Array, reusable: boolean) {
    this.raw = raw;
    this.#reusable = reusable;
  }

  /**
   * HMAC-SHA-256(raw, prefix ‖ payload), encoded as the scheme writes it.
   *
   * @param prefix - the signed text before the body (hashed as UTF-8)
   * @param payload - the body: a string (hashed as UTF-8) or its bytes
   * @param encoding - `'base64'` (padded) or `'hex'` (lowercase)
   * @returns the encoded MAC
   */
  mac(prefix: string, payload: string | Uint8Array, encoding: 'base64' | 'hex'): string {
    const c = nodeCrypto() as unknown as NodeHmacFactory | null;
    if (c) {
      let key: NodeKeyObject | Uint8Array = this.raw;
      if (this.#reusable) key = this.#native ??= c.createSecretKey(this.raw);
      const h = c.createHmac('sha256', key);
      if (prefix.length > 0) h.update(prefix);
      return h.update(payload).digest(encoding);
    }
    let h = this.#portable?.clone();
    if (!h) {
      // Set by whichever entry point loaded this module (index.ts or index.node.ts).
      const noble = portableSha256!();
      h = noble.hmac.create(noble.sha256, this.raw) as NobleHmac;
      // Keep the keyed state (RFC 2104 inner and outer pads already hashed) for next time.
      if (this.#reusable) {
        this.#portable = h;
        h = h.clone();
      }
    }
    if (prefix.length > 0) h.update(utf8.encode(prefix));
    const mac = h.update(typeof payload === 'string' ? utf8.encode(payload) : payload).digest();
    return encoding === 'hex' ? hexEncode(mac) : base64Encode(mac);
  }
}

/** Compares two strings in time that depends only on their length (lengths are public). */
export function equalText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

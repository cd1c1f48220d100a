/**
 * HMAC-SHA-256 (RFC 2104) of `prefix ‖ payload`, fed in two parts so the payload is never
 * copied into a concatenated buffer. Every HMAC webhook scheme signs some text (the id,
 * the timestamp, separators) followed by the raw body.
 *
 * Native: node:crypto `createHmac` with a KeyObject made once per secret. Portable:
 * @noble/hashes with the keyed inner/outer state computed once per secret and cloned per
 * message. Only SHA-256 is imported (not src/backend/hash.ts, which brings SHA-384/512
 * and HKDF), which keeps cachet/webhooks small in browser bundles.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { u8 } from '../backend/native-util.js';
import { type NodeKeyObject, nodeCrypto } from '../backend/node.js';

/** node:crypto's Hmac accepts strings (hashed as UTF-8) as well as bytes. */
interface NodeHmac {
  update(data: string | Uint8Array): NodeHmac;
  digest(): Uint8Array;
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

  /** HMAC-SHA-256(raw, prefix ‖ payload); strings are hashed as UTF-8. */
  mac(prefix: string, payload: string | Uint8Array): Uint8Array {
    const c = nodeCrypto() as unknown as NodeHmacFactory | null;
    if (c) {
      let key: NodeKeyObject | Uint8Array = this.raw;
      if (this.#reusable) key = this.#native ??= c.createSecretKey(this.raw);
      const h = c.createHmac('sha256', key);
      if (prefix.length > 0) h.update(prefix);
      return u8(h.update(payload).digest());
    }
    let h = this.#portable?.clone();
    if (!h) {
      h = hmac.create(sha256, this.raw) as NobleHmac;
      // Keep the keyed state (RFC 2104 inner and outer pads already hashed) for next time.
      if (this.#reusable) {
        this.#portable = h;
        h = h.clone();
      }
    }
    if (prefix.length > 0) h.update(utf8.encode(prefix));
    return h.update(typeof payload === 'string' ? utf8.encode(payload) : payload).digest();
  }
}

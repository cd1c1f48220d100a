/**
 * HMAC-SHA-256 (RFC 2104) of `prefix ‖ payload`, fed in two parts so the payload is never
 * copied into a concatenated buffer, and encoded the way the scheme sends it. Every HMAC webhook scheme signs some text (the id,
 * the timestamp, separators) followed by the raw body.
 *
 * Native: for a reusable key, two one-shot hashes over its padded blocks kept per secret
 * (src/backend/hmac-oneshot.ts); otherwise node:crypto `createHmac` with a KeyObject made
 * once per secret. Portable: the two hashes of RFC 2104 §2 over sha256-portable.ts, with
 * the states after the padded keys computed once per secret and cloned per message. Only SHA-256 is used (not
 * src/backend/hash.ts, which brings SHA-384/512 and HKDF), which keeps cachet/webhooks small
 * in browser bundles and its import in Node free of any third-party module.
 */
import {
  BLOCK_SIZE,
  type HmacPads,
  hmacPads,
  type OneShotHash,
  oneShotHmac,
} from '../backend/hmac-oneshot.js';
import { type HmacState, hmacState, hmacWith } from '../backend/hmac-state.js';
import { type NodeKeyObject, nodeCrypto } from '../backend/node.js';
import { sha256 } from '../backend/sha256-portable.js';
import { base64Encode, hexEncode } from '../bytes.js';

/** node:crypto's Hmac accepts strings (hashed as UTF-8) as well as bytes. */
interface NodeHmac {
  update(data: string | Uint8Array): NodeHmac;
  digest(): Uint8Array;
  digest(encoding: 'base64' | 'hex'): string;
}
interface NodeHmacFactory {
  createHmac(algorithm: 'sha256', key: NodeKeyObject | Uint8Array): NodeHmac;
  createSecretKey(key: Uint8Array): NodeKeyObject;
  hash?: OneShotHash;
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
  #pads: HmacPads | undefined;
  #portable: HmacState | undefined;

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
      // A reusable key of at most a block: two one-shot hashes over its padded blocks,
      // cheaper than an Hmac object (hmac-oneshot.ts); otherwise, or for a long message, Hmac.
      if (this.#reusable && c.hash && this.raw.length <= BLOCK_SIZE.sha256) {
        this.#pads ??= hmacPads(this.raw, BLOCK_SIZE.sha256);
        const mac = oneShotHmac(c.hash, 'sha256', this.#pads, prefix, payload, encoding);
        if (mac !== undefined) return mac;
      }
      let key: NodeKeyObject | Uint8Array = this.raw;
      if (this.#reusable) key = this.#native ??= c.createSecretKey(this.raw);
      const h = c.createHmac('sha256', key);
      if (prefix.length > 0) h.update(prefix);
      return h.update(payload).digest(encoding);
    }
    let keyed = this.#portable;
    if (!keyed) {
      keyed = hmacState(sha256, this.raw);
      if (this.#reusable) this.#portable = keyed;
    }
    const body = typeof payload === 'string' ? utf8.encode(payload) : payload;
    const mac =
      prefix.length > 0 ? hmacWith(keyed, utf8.encode(prefix), body) : hmacWith(keyed, body);
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

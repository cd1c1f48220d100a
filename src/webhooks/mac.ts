/**
 * HMAC-SHA-256 (RFC 2104) of `prefix ‖ payload`, fed in two parts so the payload is never
 * copied into a concatenated buffer, and encoded the way the scheme sends it. Every HMAC webhook scheme signs some text (the id,
 * the timestamp, separators) followed by the raw body.
 *
 * Native: node:crypto `createHmac` with a KeyObject made once per secret. Portable: the
 * two hashes of RFC 2104 §2 over @noble/hashes' SHA-256, with the states after the padded
 * keys computed once per secret and cloned per message. Only SHA-256 is used (not
 * src/backend/hash.ts, which brings SHA-384/512 and HKDF, nor noble's generic HMAC), which
 * keeps cachet/webhooks small in browser bundles.
 *
 * @noble/hashes is not imported here. index.ts (browsers, bundlers) imports its SHA-256
 * statically and registers it, since browsers need it synchronously; Node, which uses
 * node:crypto unless `setBackend('portable')` is called, gets index.node.ts, which does not
 * import it, and the portable path then loads it on first use with `require` of an ES
 * module (Node >= 20.19, the package's `engines`). So importing cachet/webhooks in Node
 * loads no @noble code (bench/notes.md, "perf branch"). Node code bundled without
 * index.ts's registration (the CLI) takes the same path.
 */
import type { sha256 } from '@noble/hashes/sha2.js';
import { type HmacState, hmacState, hmacWith } from '../backend/hmac-state.js';
import { type NodeKeyObject, nodeCrypto } from '../backend/node.js';
import { base64Encode, hexEncode } from '../bytes.js';
import { UnsupportedError } from '../errors.js';

type Sha256 = typeof sha256;

let registered: Sha256 | undefined;

/**
 * Registers @noble/hashes' SHA-256 for the portable path (index.ts, at import).
 *
 * @param hash - `sha256` from `@noble/hashes/sha2.js`
 */
export function providePortableSha256(hash: Sha256): void {
  registered = hash;
}

/** The registered SHA-256, or (in Node) @noble/hashes' loaded now, synchronously. */
function nobleSha256(): Sha256 {
  if (registered) return registered;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = proc?.getBuiltinModule?.('node:module') as
    | { createRequire(from: string): (id: string) => { sha256: Sha256 } }
    | undefined;
  try {
    if (!nodeModule) throw new Error('no synchronous module loader here');
    registered = nodeModule.createRequire(import.meta.url)('@noble/hashes/sha2.js').sha256;
  } catch (error) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      'HMAC without node:crypto needs @noble/hashes, which could not be loaded',
      { cause: error },
    );
  }
  return registered;
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
      let key: NodeKeyObject | Uint8Array = this.raw;
      if (this.#reusable) key = this.#native ??= c.createSecretKey(this.raw);
      const h = c.createHmac('sha256', key);
      if (prefix.length > 0) h.update(prefix);
      return h.update(payload).digest(encoding);
    }
    let keyed = this.#portable;
    if (!keyed) {
      keyed = hmacState(nobleSha256(), this.raw);
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

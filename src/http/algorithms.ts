/**
 * The HTTP Message Signature Algorithms registry (RFC 9421 §6.2.2) as one table: each
 * algorithm's cachet key algorithm and its HTTP_SIGN / HTTP_VERIFY (§3.3). RSA is
 * verify-only: cachet imports RSA public keys but never holds RSA private keys.
 */

import { encodeBase64 } from '../backend/digest-oneshot.js';
import { keyedHmac, keyedHmacBase64 } from '../backend/hmac-keyed.js';
import { rsaVerify } from '../backend/rsa.js';
import type { Alg } from '../keys/algorithms.js';
import type { KeyMaterial } from '../keys/key.js';
import { ecdsaSign, ecdsaVerify, ed25519Sign, ed25519Verify } from './curves.js';

/**
 * Algorithms of RFC 9421 §3.3. The two RSA ones verify only (cachet never signs with RSA).
 *
 * @example
 * ```ts
 * import { signRequest, verifyRequest, type HttpAlgorithm } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const client = Keyring.generate('ES256');
 * const signed = await signRequest({ method: 'GET', url: 'https://api.example.com/v1/me' }, { key: client });
 * const algorithms: HttpAlgorithm[] = ['ed25519', 'ecdsa-p256-sha256']; // an allow-list
 * const { alg } = await verifyRequest(signed, { keys: client.publicKeyring(), algorithms });
 * console.log(alg); // 'ecdsa-p256-sha256'
 * ```
 */
export type HttpAlgorithm =
  | 'hmac-sha256'
  | 'ed25519'
  | 'ecdsa-p256-sha256'
  | 'ecdsa-p384-sha384'
  | 'rsa-pss-sha512'
  | 'rsa-v1_5-sha256';

interface AlgorithmSpec {
  /** The cachet key algorithm this HTTP algorithm uses. */
  readonly keyAlg: Alg;
  /**
   * HTTP_SIGN over the signature base (its UTF-8 bytes); absent for verify-only algorithms.
   * Asynchronous only where the portable curve code is still to be loaded (curves.ts).
   */
  readonly sign?: (material: KeyMaterial, base: string) => Uint8Array | Promise<Uint8Array>;
  /** HTTP_SIGN with the signature already in base64, where that is cheaper. */
  readonly signBase64?: (material: KeyMaterial, base: string) => string;
  /** HTTP_VERIFY with the signature as canonical base64, where that is cheaper. */
  readonly verifyBase64?: (material: KeyMaterial, base: string, signature: string) => boolean;
  /** HTTP_VERIFY. */
  readonly verify: (
    material: KeyMaterial,
    base: string,
    signature: Uint8Array,
  ) => boolean | Promise<boolean>;
}

const encoder = new TextEncoder();

/** Constant-time equality of two strings of the same length (lengths are public). */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The table. */
export const HTTP_ALGORITHMS: { readonly [A in HttpAlgorithm]: AlgorithmSpec } = {
  // §3.3.3: HMAC-SHA-256, compared in constant time.
  'hmac-sha256': {
    keyAlg: 'HS256',
    sign: (m, base) => keyedHmac('SHA-256', m.secret!, base),
    signBase64: (m, base) => keyedHmacBase64('SHA-256', m.secret!, base),
    // Compared as base64 text: a native base64 digest avoids allocating a Buffer per
    // request, and the comparison stays constant-time over equal-length strings.
    verify: (m, base, sig) =>
      sig.length === 32 && sameText(keyedHmacBase64('SHA-256', m.secret!, base), encodeBase64(sig)),
    verifyBase64: (m, base, sig) =>
      sig.length === 44 && sameText(keyedHmacBase64('SHA-256', m.secret!, base), sig),
  },
  // §3.3.6: Ed25519 over the base itself (no prehash).
  ed25519: {
    keyAlg: 'Ed25519',
    sign: (m, base) => ed25519Sign(m.private!, encoder.encode(base)),
    verify: (m, base, sig) => ed25519Verify(m.public!, encoder.encode(base), sig),
  },
  // §3.3.4-5: r ‖ s, each the size of the curve order.
  'ecdsa-p256-sha256': {
    keyAlg: 'ES256',
    sign: (m, base) => ecdsaSign('P-256', 'SHA-256', m.private!, encoder.encode(base)),
    verify: (m, base, sig) => ecdsaVerify('P-256', 'SHA-256', m.public!, encoder.encode(base), sig),
  },
  'ecdsa-p384-sha384': {
    keyAlg: 'ES384',
    sign: (m, base) => ecdsaSign('P-384', 'SHA-384', m.private!, encoder.encode(base)),
    verify: (m, base, sig) => ecdsaVerify('P-384', 'SHA-384', m.public!, encoder.encode(base), sig),
  },
  // §3.3.1: RSASSA-PSS, SHA-512, MGF1-SHA-512, 64-byte salt.
  'rsa-pss-sha512': {
    keyAlg: 'PS512',
    verify: (m, base, sig) => rsaVerify('pss', 'SHA-512', m.public!, encoder.encode(base), sig, 64),
  },
  // §3.3.2: RSASSA-PKCS1-v1_5 with SHA-256.
  'rsa-v1_5-sha256': {
    keyAlg: 'RS256',
    verify: (m, base, sig) => rsaVerify('pkcs1', 'SHA-256', m.public!, encoder.encode(base), sig),
  },
};

/** Every algorithm name, in table order (the default allow-list). */
export const HTTP_ALGORITHM_NAMES: readonly HttpAlgorithm[] = Object.keys(
  HTTP_ALGORITHMS,
) as HttpAlgorithm[];

/** The HTTP algorithm for a cachet key algorithm, if there is one. */
export function httpAlgorithmOf(keyAlg: Alg): HttpAlgorithm | undefined {
  return HTTP_ALGORITHM_NAMES.find((name) => HTTP_ALGORITHMS[name].keyAlg === keyAlg);
}

/** True for a registered algorithm name. */
export function isHttpAlgorithm(name: unknown): name is HttpAlgorithm {
  return typeof name === 'string' && Object.hasOwn(HTTP_ALGORITHMS, name);
}

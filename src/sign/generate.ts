/**
 * generateKeyPair: a fresh signing key and its public half, usable alone or in a Keyring.
 */
import { assertOneOf } from '../assert.js';
import { type GenerateKeyOptions, generateKey } from '../keys/generate.js';
import type { Key } from '../keys/key.js';
import { SIGN_ALGS, type SignAlg } from './algorithms.js';

/**
 * A private key and its public half (same id).
 *
 * @example
 * ```ts
 * import { exportKey } from 'cachet/keys';
 * import { generateKeyPair, type KeyPair } from 'cachet/sign';
 * const pair: KeyPair = generateKeyPair('ES256');
 * const published = exportKey(pair.publicKey, 'jwk'); // { kty: 'EC', crv: 'P-256', … }
 * console.log(pair.privateKey.id === pair.publicKey.id); // true
 * ```
 */
export interface KeyPair {
  /** Signs; keep it secret (see docs/sign.md on where private keys live). */
  readonly privateKey: Key;
  /** Verifies; safe to publish (`exportKey(publicKey, 'jwk' | 'pem' | 'raw')`). */
  readonly publicKey: Key;
}

/**
 * Generates a signing key pair from the platform CSPRNG: Ed25519 (a 32-byte seed, RFC
 * 8032 §5.1.5), ES256 or ES384 (a scalar drawn per FIPS 186-5 §A.2.1). Both keys carry
 * the same random 8-hex-character id.
 *
 * @param alg - `'Ed25519'`, `'ES256'` (P-256, SHA-256) or `'ES384'` (P-384, SHA-384)
 * @param options - `id`: an explicit key id (8 lowercase hex)
 * @returns `{ privateKey, publicKey }`
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for another algorithm or a bad id
 * @example
 * ```ts
 * import { exportKey, Keyring } from 'cachet/keys';
 * import { generateKeyPair } from 'cachet/sign';
 * const { privateKey, publicKey } = generateKeyPair('Ed25519');
 * const jwk = exportKey(publicKey, 'jwk'); // { kty: 'OKP', crv: 'Ed25519', x: '…', alg: 'Ed25519', kid: '…' }
 * const keyring = Keyring.fromKeys([privateKey]); // or Keyring.generate('Ed25519')
 * ```
 */
export function generateKeyPair(alg: SignAlg, options?: GenerateKeyOptions): KeyPair {
  assertOneOf(alg, 'alg', SIGN_ALGS);
  const privateKey = generateKey(alg, options);
  return Object.freeze({ privateKey, publicKey: privateKey.publicKey! });
}

/**
 * The algorithm table: every key algorithm cachet knows, described once. Modules look an
 * algorithm up here instead of switching on its name.
 */
import type { Curve, HashName } from '../backend/types.js';

/**
 * Symmetric algorithms (one shared secret).
 *
 * @example
 * ```ts
 * import type { SymmetricAlg } from 'cachet/keys';
 * const alg: SymmetricAlg = 'A256GCM';
 * ```
 */
export type SymmetricAlg =
  | 'A256GCM'
  | 'A256GCM-SIV'
  | 'XC20P'
  | 'AES-SIV'
  | 'HS256'
  | 'HS512'
  | 'A256KW';
/**
 * Asymmetric algorithms cachet can generate.
 *
 * @example
 * ```ts
 * import type { AsymmetricAlg } from 'cachet/keys';
 * const alg: AsymmetricAlg = 'Ed25519';
 * ```
 */
export type AsymmetricAlg = 'Ed25519' | 'ES256' | 'ES384' | 'X25519';
/**
 * RSA, imported only, to verify signatures made elsewhere.
 *
 * @example
 * ```ts
 * import type { RsaAlg } from 'cachet/keys';
 * const alg: RsaAlg = 'PS256';
 * ```
 */
export type RsaAlg = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512';
/**
 * Every key algorithm (JOSE-style names).
 *
 * @example
 * ```ts
 * import { type Alg, generateKey } from 'cachet/keys';
 * const alg: Alg = generateKey('ES256').alg;
 * ```
 */
export type Alg = SymmetricAlg | AsymmetricAlg | RsaAlg;
/**
 * Algorithms `Keyring.generate` and `generateKey` accept (all but RSA).
 *
 * @example
 * ```ts
 * import { type GenerableAlg, Keyring } from 'cachet/keys';
 * const alg: GenerableAlg = 'X25519';
 * const keyring = Keyring.generate(alg);
 * ```
 */
export type GenerableAlg = SymmetricAlg | AsymmetricAlg;

/** What a key is for. */
export type KeyUse = 'aead' | 'mac' | 'wrap' | 'sign' | 'agree';

/** Static facts about one algorithm. */
export interface AlgInfo {
  /** Key family: a shared secret, an OKP (RFC 8037), an EC key, or RSA. */
  readonly family: 'secret' | 'okp' | 'ec' | 'rsa';
  readonly use: KeyUse;
  /** Secret length generated; for HMAC also the minimum accepted (RFC 7518 §3.2). */
  readonly secretLength?: number;
  /** Whether a longer secret is accepted (HMAC only). */
  readonly variableLength?: boolean;
  /** OKP curve name (RFC 8037) or NIST curve. */
  readonly curve?: 'Ed25519' | 'X25519' | Curve;
  readonly hash?: HashName;
}

/** The table. */
export const ALGORITHMS: { readonly [A in Alg]: AlgInfo } = {
  A256GCM: { family: 'secret', use: 'aead', secretLength: 32 },
  'A256GCM-SIV': { family: 'secret', use: 'aead', secretLength: 32 },
  XC20P: { family: 'secret', use: 'aead', secretLength: 32 },
  // RFC 5297 AES-SIV with AES-256: a 512-bit key (two AES-256 keys, MAC then CTR).
  'AES-SIV': { family: 'secret', use: 'aead', secretLength: 64 },
  HS256: { family: 'secret', use: 'mac', secretLength: 32, variableLength: true, hash: 'SHA-256' },
  HS512: { family: 'secret', use: 'mac', secretLength: 64, variableLength: true, hash: 'SHA-512' },
  A256KW: { family: 'secret', use: 'wrap', secretLength: 32 },
  Ed25519: { family: 'okp', use: 'sign', curve: 'Ed25519' },
  X25519: { family: 'okp', use: 'agree', curve: 'X25519' },
  ES256: { family: 'ec', use: 'sign', curve: 'P-256', hash: 'SHA-256' },
  ES384: { family: 'ec', use: 'sign', curve: 'P-384', hash: 'SHA-384' },
  RS256: { family: 'rsa', use: 'sign', hash: 'SHA-256' },
  RS384: { family: 'rsa', use: 'sign', hash: 'SHA-384' },
  RS512: { family: 'rsa', use: 'sign', hash: 'SHA-512' },
  PS256: { family: 'rsa', use: 'sign', hash: 'SHA-256' },
  PS384: { family: 'rsa', use: 'sign', hash: 'SHA-384' },
  PS512: { family: 'rsa', use: 'sign', hash: 'SHA-512' },
};

/** Every algorithm name, in table order. */
export const ALG_NAMES: readonly Alg[] = Object.keys(ALGORITHMS) as Alg[];

/** Algorithms `Keyring.generate` and `generateKey` accept (RSA is import-only). */
export const GENERABLE_ALGS: readonly GenerableAlg[] = ALG_NAMES.filter(
  (a): a is GenerableAlg => ALGORITHMS[a].family !== 'rsa',
);

/** Smallest RSA modulus accepted on import (NIST SP 800-131A: 2048 bits). */
export const MIN_RSA_BITS = 2048;

/**
 * Largest RSA modulus accepted on import: 16384 bits, OpenSSL's and Chromium's own limit
 * (OPENSSL_RSA_MAX_MODULUS_BITS). A larger key could never verify anywhere, and a hostile
 * one would make every verification slow.
 */
export const MAX_RSA_BITS = 16384;

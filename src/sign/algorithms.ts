/**
 * The signature algorithm table: every algorithm cachet/sign signs or verifies with,
 * described once (scheme, curve, hash, sizes). The rest of the module looks an algorithm
 * up here instead of switching on its name.
 */
import type { Curve, HashName, RsaScheme } from '../backend/types.js';
import type { RsaAlg } from '../keys/algorithms.js';

/**
 * Algorithms cachet/sign generates keys for and signs with.
 *
 * @example
 * ```ts
 * import { generateKeyPair, type SignAlg } from 'cachet/sign';
 * const alg: SignAlg = 'Ed25519';
 * const { privateKey } = generateKeyPair(alg);
 * ```
 */
export type SignAlg = 'Ed25519' | 'ES256' | 'ES384';
/**
 * Algorithms cachet/sign verifies: the signing ones plus imported RSA keys (async only).
 *
 * @example
 * ```ts
 * import { generateKey } from 'cachet/keys';
 * import type { VerifyAlg } from 'cachet/sign';
 * const accepted: VerifyAlg[] = ['Ed25519', 'ES256', 'PS256'];
 * const key = generateKey('ES256').publicKey!;
 * console.log(accepted.includes(key.alg as VerifyAlg)); // true
 * ```
 */
export type VerifyAlg = SignAlg | RsaAlg;
/**
 * ECDSA algorithms whose signatures `derToP1363`/`p1363ToDer` convert (ES512 for X.509).
 *
 * @example
 * ```ts
 * import { derToP1363, type EcdsaAlg, generateKeyPair, sign } from 'cachet/sign';
 * const alg: EcdsaAlg = 'ES384';
 * const der = sign(generateKeyPair(alg).privateKey, 'hello', { format: 'der' });
 * console.log(derToP1363(der, alg).length); // 96
 * ```
 */
export type EcdsaAlg = 'ES256' | 'ES384' | 'ES512';

/** ECDSA (FIPS 186-5 §6) over a NIST curve, hash paired with the curve (RFC 7518 §3.4). */
export interface EcdsaInfo {
  readonly scheme: 'ecdsa';
  readonly curve: Curve;
  readonly hash: HashName;
  /** Bytes of r and of s in a P1363 signature (the group order's byte length). */
  readonly size: number;
  /** The group order n, big-endian, `size` bytes. */
  readonly order: Uint8Array;
  /** floor(n / 2), big-endian, `size` bytes: the largest low S. */
  readonly halfOrder: Uint8Array;
}
/** Ed25519 (RFC 8032 §5.1): 64-byte signatures, deterministic. */
export interface EddsaInfo {
  readonly scheme: 'eddsa';
  readonly size: 64;
}
/** RSASSA-PKCS1-v1_5 or RSASSA-PSS (RFC 8017), verification only. */
export interface RsaInfo {
  readonly scheme: 'rsa';
  readonly padding: RsaScheme;
  readonly hash: HashName;
}
export type SignatureInfo = EcdsaInfo | EddsaInfo | RsaInfo;

function bytes(n: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

function ecdsa(curve: Curve, hash: HashName, size: number, n: bigint): EcdsaInfo {
  return {
    scheme: 'ecdsa',
    curve,
    hash,
    size,
    order: bytes(n, size),
    halfOrder: bytes(n >> 1n, size),
  };
}

// Group orders: FIPS 186-5 / SP 800-186 §3.2.1.3 (P-256), §3.2.1.4 (P-384), §3.2.1.5 (P-521).
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P384_N =
  0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;
const P521_N =
  0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n;

/** ECDSA parameters, including ES512 for the signature converters (cachet signs ES256/ES384). */
export const ECDSA: { readonly [A in EcdsaAlg]: EcdsaInfo } = {
  ES256: ecdsa('P-256', 'SHA-256', 32, P256_N),
  ES384: ecdsa('P-384', 'SHA-384', 48, P384_N),
  ES512: ecdsa('P-521', 'SHA-512', 66, P521_N),
};

/** The table. */
export const SIGNATURE_ALGS: { readonly [A in VerifyAlg]: SignatureInfo } = {
  Ed25519: { scheme: 'eddsa', size: 64 },
  ES256: ECDSA.ES256,
  ES384: ECDSA.ES384,
  RS256: { scheme: 'rsa', padding: 'pkcs1', hash: 'SHA-256' },
  RS384: { scheme: 'rsa', padding: 'pkcs1', hash: 'SHA-384' },
  RS512: { scheme: 'rsa', padding: 'pkcs1', hash: 'SHA-512' },
  PS256: { scheme: 'rsa', padding: 'pss', hash: 'SHA-256' },
  PS384: { scheme: 'rsa', padding: 'pss', hash: 'SHA-384' },
  PS512: { scheme: 'rsa', padding: 'pss', hash: 'SHA-512' },
};

/** The algorithms `generateKeyPair` and `sign` accept. */
export const SIGN_ALGS: readonly SignAlg[] = ['Ed25519', 'ES256', 'ES384'];

/** The algorithm's row, or undefined for keys that do not sign (AES, HMAC, X25519). */
export function signatureInfo(alg: string): SignatureInfo | undefined {
  return Object.hasOwn(SIGNATURE_ALGS, alg) ? SIGNATURE_ALGS[alg as VerifyAlg] : undefined;
}

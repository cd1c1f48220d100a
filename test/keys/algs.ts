// What the tests expect of each algorithm, written out independently of
// src/keys/algorithms.ts: secret length, raw private/public sizes and the WebCrypto
// parameters an independent implementation imports the key with.
import type { GenerableAlg } from '../../src/keys/index.js';

export const SECRET_ALGS = {
  A256GCM: 32,
  'A256GCM-SIV': 32,
  XC20P: 32,
  'AES-SIV': 64,
  HS256: 32,
  HS512: 64,
  A256KW: 32,
} as const;
export type SecretAlg = keyof typeof SECRET_ALGS;

export const ASYMMETRIC_ALGS = {
  Ed25519: { privateLength: 32, publicLength: 32, curve: 'Ed25519', kty: 'OKP' },
  X25519: { privateLength: 32, publicLength: 32, curve: 'X25519', kty: 'OKP' },
  ES256: { privateLength: 32, publicLength: 65, curve: 'P-256', kty: 'EC' },
  ES384: { privateLength: 48, publicLength: 97, curve: 'P-384', kty: 'EC' },
} as const;
export type AsymAlg = keyof typeof ASYMMETRIC_ALGS;

export const ALL_GENERABLE: GenerableAlg[] = [
  ...(Object.keys(SECRET_ALGS) as SecretAlg[]),
  ...(Object.keys(ASYMMETRIC_ALGS) as AsymAlg[]),
];

/** WebCrypto import parameters and usages (private, public) for the asymmetric algorithms. */
export const WEBCRYPTO_ASYM: Record<
  AsymAlg,
  { params: EcKeyImportParams | Algorithm; priv: KeyUsage[]; pub: KeyUsage[] }
> = {
  Ed25519: { params: { name: 'Ed25519' }, priv: ['sign'], pub: ['verify'] },
  X25519: { params: { name: 'X25519' }, priv: ['deriveBits'], pub: [] },
  ES256: { params: { name: 'ECDSA', namedCurve: 'P-256' }, priv: ['sign'], pub: ['verify'] },
  ES384: { params: { name: 'ECDSA', namedCurve: 'P-384' }, priv: ['sign'], pub: ['verify'] },
};

/** WebCrypto import parameters for the secret algorithms WebCrypto has. */
export const WEBCRYPTO_SECRET: Partial<
  Record<SecretAlg, { params: AesKeyAlgorithm | HmacImportParams | Algorithm; usages: KeyUsage[] }>
> = {
  A256GCM: { params: { name: 'AES-GCM' }, usages: ['encrypt', 'decrypt'] },
  A256KW: { params: { name: 'AES-KW' }, usages: ['wrapKey', 'unwrapKey'] },
  HS256: { params: { name: 'HMAC', hash: 'SHA-256' }, usages: ['sign', 'verify'] },
  HS512: { params: { name: 'HMAC', hash: 'SHA-512' }, usages: ['sign', 'verify'] },
};

/** A copy in a fresh ArrayBuffer, as WebCrypto's BufferSource typing wants. */
export function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

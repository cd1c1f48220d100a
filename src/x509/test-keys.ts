/**
 * Key pairs for test PKIs, made with WebCrypto (Node ≥ 20 and browsers), extractable so
 * they can be written out as PEM for node:tls and other tools.
 */
import { invalidArgument } from '../assert.js';
import { pemEncode } from '../pem.js';

/**
 * Key algorithms for generated certificates (JOSE names).
 *
 * @example
 * ```ts
 * import { createTestPki, type TestKeyAlgorithm } from 'cachet/x509';
 * const algorithm: TestKeyAlgorithm = 'Ed25519';
 * const pki = await createTestPki({ algorithm });
 * console.log(pki.leaf.signatureAlgorithm); // 'Ed25519'
 * ```
 */
export type TestKeyAlgorithm = 'ES256' | 'ES384' | 'ES512' | 'Ed25519' | 'RS256' | 'PS256';

/**
 * A generated key pair, as CryptoKeys and as PEM.
 *
 * @example
 * ```ts
 * import { importKey } from 'cachet/keys';
 * import { generateTestKeyPair, type TestKeyPair } from 'cachet/x509';
 * const keys: TestKeyPair = await generateTestKeyPair('ES256');
 * const signer = importKey(keys.privateKeyPem); // the same key for cachet/sign
 * console.log(signer.alg, keys.publicKeyPem.split('\n')[0]); // 'ES256' '-----BEGIN PUBLIC KEY-----'
 * ```
 */
export interface TestKeyPair {
  readonly algorithm: TestKeyAlgorithm;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** PKCS #8 `-----BEGIN PRIVATE KEY-----` (for node:tls `key`, openssl, ...). */
  readonly privateKeyPem: string;
  /** SPKI `-----BEGIN PUBLIC KEY-----`. */
  readonly publicKeyPem: string;
}

interface AlgorithmEntry {
  generate: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm;
  /** Signature parameters for @peculiar/x509. */
  sign: Algorithm | EcdsaParams | RsaPssParams;
}

const RSA = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

/** One table: generation and signing parameters per algorithm. */
export const TEST_ALGORITHMS: Readonly<Record<TestKeyAlgorithm, AlgorithmEntry>> = {
  ES256: {
    generate: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
  },
  ES384: {
    generate: { name: 'ECDSA', namedCurve: 'P-384' },
    sign: { name: 'ECDSA', hash: 'SHA-384' } as EcdsaParams,
  },
  ES512: {
    generate: { name: 'ECDSA', namedCurve: 'P-521' },
    sign: { name: 'ECDSA', hash: 'SHA-512' } as EcdsaParams,
  },
  Ed25519: { generate: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
  RS256: { generate: { name: 'RSASSA-PKCS1-v1_5', ...RSA }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
  PS256: {
    generate: { name: 'RSA-PSS', ...RSA },
    sign: { name: 'RSA-PSS', saltLength: 32 } as RsaPssParams,
  },
};

/** Checks an algorithm name. */
export function assertTestAlgorithm(
  value: unknown,
  name: string,
): asserts value is TestKeyAlgorithm {
  if (typeof value !== 'string' || !Object.hasOwn(TEST_ALGORITHMS, value)) {
    invalidArgument(name, Object.keys(TEST_ALGORITHMS).join(' | '), value);
  }
}

/** The algorithm of a CryptoKey made by {@link generateTestKeyPair} (or compatible). */
export function algorithmOf(key: CryptoKey): TestKeyAlgorithm {
  const a = key.algorithm as { name: string; namedCurve?: string; hash?: { name: string } };
  if (a.name === 'ECDSA') {
    if (a.namedCurve === 'P-256') return 'ES256';
    if (a.namedCurve === 'P-384') return 'ES384';
    if (a.namedCurve === 'P-521') return 'ES512';
  }
  if (a.name === 'Ed25519') return 'Ed25519';
  if (a.hash?.name === 'SHA-256') {
    if (a.name === 'RSASSA-PKCS1-v1_5') return 'RS256';
    if (a.name === 'RSA-PSS') return 'PS256';
  }
  return invalidArgument('key', 'an ECDSA P-256/384/521, Ed25519 or RSA SHA-256 signing key', key);
}

/**
 * Generates a key pair for a test certificate.
 *
 * @param algorithm - `'ES256'` (default), `'ES384'`, `'ES512'` (P-521), `'Ed25519'`, `'RS256'`, `'PS256'`
 * @returns CryptoKeys and their PEM forms
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for an unknown algorithm
 * @example
 * ```ts
 * import { generateTestKeyPair } from 'cachet/x509';
 * const keys = await generateTestKeyPair('Ed25519');
 * console.log(keys.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----')); // true
 * ```
 */
export async function generateTestKeyPair(
  algorithm: TestKeyAlgorithm = 'ES256',
): Promise<TestKeyPair> {
  assertTestAlgorithm(algorithm, 'algorithm');
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey(TEST_ALGORITHMS[algorithm].generate, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  return fromCryptoKeys(pair.privateKey, pair.publicKey);
}

/** A TestKeyPair around existing extractable CryptoKeys. */
async function fromCryptoKeys(privateKey: CryptoKey, publicKey: CryptoKey): Promise<TestKeyPair> {
  const subtle = globalThis.crypto.subtle;
  const [pkcs8, spki] = await Promise.all([
    subtle.exportKey('pkcs8', privateKey),
    subtle.exportKey('spki', publicKey),
  ]);
  return Object.freeze({
    algorithm: algorithmOf(privateKey),
    privateKey,
    publicKey,
    privateKeyPem: pemEncode('PRIVATE KEY', new Uint8Array(pkcs8)),
    publicKeyPem: pemEncode('PUBLIC KEY', new Uint8Array(spki)),
  });
}

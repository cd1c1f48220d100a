/**
 * Key generation from the platform CSPRNG.
 */
import { assertObject, assertOneOf } from '../assert.js';
import { randomBytes } from '../backend/random.js';
import {
  ALGORITHMS,
  type AsymmetricAlg,
  GENERABLE_ALGS,
  type GenerableAlg,
  type SymmetricAlg,
} from './algorithms.js';
import { privateKey } from './asymmetric.js';
import { checkKeyId, randomKeyId } from './id.js';
import type { Key } from './key.js';
import { secretKey } from './secret.js';

// FIPS 186-5 §A.2.1 ("extra random bits"): d = (c mod (n - 1)) + 1 with c of
// bitlen(n) + 64 random bits; the bias is below 2^-64.
const ORDERS = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384':
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
} as const;

function randomScalar(curve: 'P-256' | 'P-384'): Uint8Array {
  const size = curve === 'P-256' ? 32 : 48;
  let c = 0n;
  for (const byte of randomBytes(size + 8)) c = (c << 8n) | BigInt(byte);
  let d = (c % (ORDERS[curve] - 1n)) + 1n;
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--, d >>= 8n) out[i] = Number(d & 0xffn);
  return out;
}

/**
 * Options of {@link generateKey}.
 *
 * @example
 * ```ts
 * import { type GenerateKeyOptions, generateKey } from 'cachet/keys';
 * const options: GenerateKeyOptions = { id: '0000c0de' };
 * console.log(generateKey('A256GCM', options).id); // '0000c0de'
 * ```
 */
export interface GenerateKeyOptions {
  /** The key id (8 lowercase hex); random when absent. */
  id?: string;
}

/**
 * Generates a fresh key with a random 32-bit id: a secret key for symmetric algorithms,
 * a private key (with its public half at `.publicKey`) for asymmetric ones.
 *
 * @param alg - any algorithm but the import-only RSA ones
 * @param options - an explicit `id`
 * @returns the new key
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for an unknown or import-only algorithm
 * @example
 * ```ts
 * import { generateKey } from 'cachet/keys';
 * const aes = generateKey('A256GCM');
 * const ed = generateKey('Ed25519');
 * console.log(aes.type, ed.type, ed.publicKey?.type); // 'secret' 'private' 'public'
 * ```
 */
export function generateKey(alg: GenerableAlg, options: GenerateKeyOptions = {}): Key {
  assertOneOf(alg, 'alg', GENERABLE_ALGS);
  assertObject(options, 'options');
  const id = options.id === undefined ? randomKeyId() : checkKeyId(options.id, 'options.id');
  const info = ALGORITHMS[alg];
  if (info.family === 'secret')
    return secretKey(alg as SymmetricAlg, randomBytes(info.secretLength!), { id });
  const raw =
    info.family === 'ec' ? randomScalar(info.curve as 'P-256' | 'P-384') : randomBytes(32);
  return privateKey(alg as AsymmetricAlg, raw, undefined, { id });
}

/**
 * Secret (symmetric) keys from raw bytes. Kept apart from the asymmetric code so that a
 * module using only shared secrets (webhooks, HMAC) does not bundle any curve arithmetic.
 */
import { invalidArgument } from '../assert.js';
import { KeyError } from '../errors.js';
import { ALGORITHMS, type SymmetricAlg } from './algorithms.js';
import { secretKeyId } from './id.js';
import { createKey, type Key } from './key.js';

/** Options shared by the key constructors. */
export interface KeyOrigin {
  /** The key id; derived from the key when absent (see id.ts). */
  id?: string;
  /** Creation time; now when absent. */
  created?: number;
}

/** A secret key of a symmetric algorithm; the bytes are copied. */
export function secretKey(alg: SymmetricAlg, bytes: Uint8Array, origin: KeyOrigin = {}): Key {
  if (!(bytes instanceof Uint8Array)) invalidArgument('key', 'Uint8Array', bytes);
  const { secretLength = 32, variableLength } = ALGORITHMS[alg];
  const ok = variableLength ? bytes.length >= secretLength : bytes.length === secretLength;
  if (!ok) {
    // RFC 7518 §3.2: an HMAC key must be at least as long as the hash output.
    const want = variableLength ? `at least ${secretLength}` : `exactly ${secretLength}`;
    throw new KeyError('ERR_INVALID_KEY', `${alg} key must be ${want} bytes, got ${bytes.length}`);
  }
  const secret = bytes.slice();
  return createKey(origin.id ?? secretKeyId(secret), alg, 'secret', { secret }, origin.created);
}

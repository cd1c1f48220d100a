/**
 * Key ids: 32 bits as 8 lowercase hex characters, the id every ciphertext and signature
 * carries (Tink-style). Generated keys get random ids. Imported keys get an id derived
 * from the key, so importing the same key twice (say, from an environment variable at
 * every start) gives the same id and old ciphertexts still find their key:
 * - secret keys: the first 4 bytes of HMAC-SHA-256(key, "cachet/key-id/v1"), a PRF output
 *   that reveals nothing about a full-entropy key (cachet refuses short secrets);
 * - asymmetric keys: the first 4 bytes of SHA-256("cachet/key-id/v1" ‖ 0 ‖ alg ‖ 0 ‖ public key).
 */
import { assertString } from '../assert.js';
import { randomBytes } from '../backend/random.js';
import { hmacSha256, sha256Digest } from '../backend/sha256.js';
import { hexEncode, utf8Encode } from '../bytes.js';
import { InvalidInputError } from '../errors.js';
import type { Alg } from './algorithms.js';

const LABEL = 'cachet/key-id/v1';
const ID = /^[0-9a-f]{8}$/;

/** A fresh random id. */
export function randomKeyId(): string {
  return hexEncode(randomBytes(4));
}

/** The id of a secret key. */
export function secretKeyId(secret: Uint8Array): string {
  return hexEncode(hmacSha256(secret, utf8Encode(LABEL)).subarray(0, 4));
}

/** The id of an asymmetric key, from its public half. */
export function publicKeyId(alg: Alg, publicKey: Uint8Array): string {
  const label = utf8Encode(`${LABEL}\u0000${alg}\u0000`);
  const input = new Uint8Array(label.length + publicKey.length);
  input.set(label);
  input.set(publicKey, label.length);
  return hexEncode(sha256Digest(input).subarray(0, 4));
}

/** Checks a caller-chosen id. */
export function checkKeyId(id: unknown, name = 'id'): string {
  assertString(id, name);
  if (!ID.test(id)) {
    throw new InvalidInputError(
      'ERR_INVALID_ARGUMENT',
      `"${name}": a key id is 8 lowercase hex characters`,
    );
  }
  return id;
}

/** True for a well-formed key id. */
export function isKeyId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

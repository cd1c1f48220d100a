/**
 * Sealing and opening one message in the shared layout (format.ts), for cachet/aead and
 * cachet/fields. Callers have validated their arguments; opening returns the plaintext or
 * throws {@link cachet!AuthenticationError}, never anything unauthenticated.
 */
import { invalidArgument } from '../assert.js';
import { randomFillPooled } from '../backend/random.js';
import { timingSafeEqual } from '../bytes.js';
import { AuthenticationError, type CachetError, InvalidInputError, KeyError } from '../errors.js';
import type { Key } from '../keys/key.js';
import { type KeyringState, primaryKey, usableKey } from '../keys/keyring-state.js';
import { type KeyMaterial, keyMaterial } from './derive.js';
import { COMMITMENT_LENGTH, headerLength, PREFIX_LENGTH, parseHeader } from './format.js';
import { COMMITTED, isAeadAlg, SUITES } from './suites.js';

/** How a module writes and reads: its format version and commitment policy. */
export interface Policy {
  readonly version: number;
  /** Write key-committing ciphertexts, and accept no others. */
  readonly commit: boolean;
  /** Whether the caller accepted deterministic encryption (AES-SIV keys). */
  readonly deterministic: boolean;
}

function flag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') invalidArgument(name, 'boolean', value);
  return value;
}

/**
 * The policy of a format `version` from the caller's `keyCommitment` (default true) and
 * `deterministic` (default false) options, checked (cachet/aead and cachet/fields alike).
 */
export function policyOf(
  version: number,
  options: { keyCommitment?: unknown; deterministic?: unknown },
): Policy {
  return {
    version,
    commit: flag(options.keyCommitment, 'options.keyCommitment', true),
    deterministic: flag(options.deterministic, 'options.deterministic', false),
  };
}

/**
 * The primary key's material, checked against the policy: an AEAD algorithm, and
 * deterministic if and only if the caller asked for it.
 */
export function primaryMaterial(state: KeyringState, policy: Policy): KeyMaterial {
  const key = primaryKey(state);
  if (!isAeadAlg(key.alg)) {
    throw new KeyError(
      'ERR_WRONG_KEY_TYPE',
      `the primary key is ${key.alg}; encryption needs A256GCM, A256GCM-SIV, XC20P or AES-SIV`,
    );
  }
  const suite = SUITES[key.alg];
  if (suite.deterministic !== policy.deterministic) {
    throw new KeyError(
      'ERR_WRONG_KEY_TYPE',
      suite.deterministic
        ? 'the primary key is AES-SIV, which is deterministic (equal plaintexts give equal ciphertexts); pass { deterministic: true } to accept that'
        : `deterministic encryption needs an AES-SIV primary key, not ${key.alg}: use a keyring from Keyring.generate('AES-SIV')`,
    );
  }
  return keyMaterial(key, suite);
}

/** Total output length for a plaintext of `length` bytes. */
export function sealedLength(material: KeyMaterial, policy: Policy, length: number): number {
  return headerLength(material.suite, policy.commit) + length + material.suite.tagLength;
}

/** `prefix ‖ tail`: the associated data every suite authenticates. */
function associatedData(prefix: Uint8Array, tail: Uint8Array): Uint8Array {
  const aad = new Uint8Array(PREFIX_LENGTH + tail.length);
  aad.set(prefix);
  aad.set(tail, PREFIX_LENGTH);
  return aad;
}

/** Writes version ‖ suite ‖ key id, the first bytes of every ciphertext under `material`. */
export function writePrefix(material: KeyMaterial, policy: Policy, out: Uint8Array): void {
  out[0] = policy.version;
  out[1] = policy.commit ? material.suite.id | COMMITTED : material.suite.id;
  out.set(material.id, 2);
}

/**
 * Seals `plaintext` into `out` (exactly {@link sealedLength} bytes): header, fresh nonce,
 * commitment, then the body. `tail` is the caller's associated data.
 */
export function sealInto(
  material: KeyMaterial,
  policy: Policy,
  plaintext: Uint8Array,
  tail: Uint8Array,
  out: Uint8Array,
): void {
  const { suite } = material;
  writePrefix(material, policy, out);
  const nonce = out.subarray(PREFIX_LENGTH, PREFIX_LENGTH + suite.nonceLength);
  if (suite.nonceLength > 0) randomFillPooled(nonce);
  let offset = PREFIX_LENGTH + suite.nonceLength;
  if (policy.commit) {
    out.set(material.commitment, offset);
    offset += COMMITMENT_LENGTH;
  }
  const aad = associatedData(out.subarray(0, PREFIX_LENGTH), tail);
  suite.seal(policy.commit ? material.enc : material.raw, nonce, plaintext, aad, out, offset);
}

function fail(cause?: CachetError): never {
  throw new AuthenticationError(undefined, cause ? { cause } : undefined);
}

/** The key a ciphertext names, or an authentication failure that keeps why as its cause. */
function keyFor(state: KeyringState, id: string): Key {
  try {
    return usableKey(state, id);
  } catch (err) {
    return fail(err as KeyError);
  }
}

/**
 * Opens a ciphertext in the policy's format with the keyring key it names.
 *
 * @throws {@link cachet!AuthenticationError} for anything but an authentic ciphertext: malformed,
 *   another format or version, a key that is missing or disabled, a missing or wrong
 *   commitment, or a tag that does not verify. `cause` says which when it is not secret.
 */
export function open(
  state: KeyringState,
  policy: Policy,
  ciphertext: Uint8Array,
  tail: Uint8Array,
): Uint8Array {
  const parsed = parseHeader(ciphertext, policy.version);
  if (!parsed) {
    fail(new InvalidInputError('ERR_INVALID_FORMAT', 'not a ciphertext of this format'));
  }
  const { suite, committed } = parsed;
  if (policy.commit && !committed) {
    fail(new InvalidInputError('ERR_INVALID_FORMAT', 'the ciphertext has no key commitment'));
  }
  const key = keyFor(state, parsed.keyId);
  if (key.alg !== suite.alg) {
    fail(new KeyError('ERR_WRONG_KEY_TYPE', `key "${key.id}" is not ${suite.alg}`));
  }
  const material = keyMaterial(key, suite);
  const nonceEnd = PREFIX_LENGTH + suite.nonceLength;
  // The commitment is public (a function of the key alone), but compare in constant time anyway.
  if (
    committed &&
    !timingSafeEqual(
      ciphertext.subarray(nonceEnd, nonceEnd + COMMITMENT_LENGTH),
      material.commitment,
    )
  ) {
    fail();
  }
  const plaintext = suite.open(
    committed ? material.enc : material.raw,
    ciphertext.subarray(PREFIX_LENGTH, nonceEnd),
    ciphertext.subarray(parsed.headerLength),
    associatedData(ciphertext.subarray(0, PREFIX_LENGTH), tail),
  );
  if (!plaintext) fail();
  return plaintext;
}

/** Whether a ciphertext was written by another key or suite than the policy writes now. */
export function isStale(
  state: KeyringState,
  policy: Policy,
  ciphertext: Uint8Array,
): boolean | null {
  const parsed = parseHeader(ciphertext, policy.version);
  if (!parsed) return null;
  const primary = primaryKey(state);
  return (
    parsed.keyId !== primary.id ||
    parsed.committed !== policy.commit ||
    parsed.suite.alg !== primary.alg
  );
}

/**
 * Which key signs and which keys verify: a Key is used as given; a Keyring signs with its
 * primary and verifies with the key named by `keyId`, or else with every usable key
 * (primary, then active ones) whose algorithm can verify.
 */
import { invalidArgument } from '../assert.js';
import { KeyError } from '../errors.js';
import { isKeyId } from '../keys/id.js';
import { isKey, type Key } from '../keys/key.js';
import type { Keyring } from '../keys/keyring.js';
import { primaryKey, stateOf, usableKey, usableKeys } from '../keys/keyring-state.js';
import { type SignatureInfo, signatureInfo } from './algorithms.js';

/**
 * A Key, or a Keyring (its primary signs; its usable keys verify).
 *
 * @example
 * ```ts
 * import { Keyring } from 'cachet/keys';
 * import { type KeyOrKeyring, sign } from 'cachet/sign';
 * const signers: KeyOrKeyring[] = [Keyring.generate('Ed25519'), Keyring.generate('ES256').primary];
 * const signatures = signers.map((s) => sign(s, 'hello'));
 * ```
 */
export type KeyOrKeyring = Key | Keyring;

// PEM, JWK and DER keys are imported once (and validated) rather than parsed per call.
const NOT_A_KEY =
  'a cachet Key or Keyring (import PEM, JWK or DER with importKey from cachet/keys)';

function wrongType(message: string): never {
  throw new KeyError('ERR_WRONG_KEY_TYPE', message);
}

/** @internal The private key that signs: the Key itself or the Keyring's primary. */
export function signingKey(input: KeyOrKeyring): Key {
  let key: Key;
  if (isKey(input)) key = input;
  else {
    const state = stateOf(input);
    if (!state) return invalidArgument('key', NOT_A_KEY, input);
    key = primaryKey(state);
  }
  const info = signatureInfo(key.alg);
  if (!info || info.scheme === 'rsa') {
    wrongType(`a ${key.alg} key cannot sign; cachet/sign signs with Ed25519, ES256 or ES384 keys`);
  }
  if (key.type !== 'private') {
    wrongType(`signing needs a private key; this ${key.alg} key is ${key.type}`);
  }
  return key;
}

/** @internal One verification candidate. */
export interface Candidate {
  key: Key;
  info: SignatureInfo;
}

/**
 * @internal The keys to try, in order. A single Key must be able to verify (else
 * ERR_WRONG_KEY_TYPE); keyrings skip keys that cannot, and fail only when none can.
 */
export function verificationKeys(input: KeyOrKeyring, keyId: string | undefined): Candidate[] {
  if (isKey(input)) {
    if (keyId !== undefined && keyId !== input.id) {
      throw new KeyError('ERR_KEY_NOT_FOUND', 'options.keyId is not the id of the given key');
    }
    const info = signatureInfo(input.alg);
    if (!info || input.type === 'secret') {
      wrongType(`a ${input.alg} key cannot verify signatures`);
    }
    return [{ key: input, info }];
  }
  const state = stateOf(input);
  if (!state) return invalidArgument('key', NOT_A_KEY, input);
  if (keyId !== undefined) {
    if (!isKeyId(keyId)) {
      throw new KeyError(
        'ERR_KEY_NOT_FOUND',
        'no key with that id in the keyring (key ids are 8 lowercase hex characters)',
      );
    }
    const key = usableKey(state, keyId);
    const info = signatureInfo(key.alg);
    if (!info || key.type === 'secret') wrongType(`key "${keyId}" (${key.alg}) cannot verify`);
    return [{ key, info }];
  }
  const candidates: Candidate[] = [];
  for (const key of usableKeys(state)) {
    const info = signatureInfo(key.alg);
    if (info && key.type !== 'secret') candidates.push({ key, info });
  }
  if (candidates.length === 0) wrongType('no usable key in the keyring can verify signatures');
  return candidates;
}

/**
 * What cachet/aead and cachet/fields accept as keys: a Keyring (its primary encrypts, any
 * non-disabled key decrypts; later rotations are seen at once) or a single Key.
 */
import { invalidArgument } from '../assert.js';
import { KeyError } from '../errors.js';
import { isKey, type Key } from '../keys/key.js';
import type { Keyring } from '../keys/keyring.js';
import { type KeyringState, stateOf } from '../keys/keyring-state.js';
import { isAeadAlg } from './suites.js';

/**
 * A Keyring, or one Key used as a keyring of one.
 *
 * @example
 * ```ts
 * import { type AeadKeys, aead } from 'cachet/aead';
 * import { generateKey, Keyring } from 'cachet/keys';
 * const sources: AeadKeys[] = [Keyring.generate('A256GCM'), generateKey('A256GCM-SIV')];
 * for (const keys of sources) aead(keys).encrypt('x');
 * ```
 */
export type AeadKeys = Keyring | Key;

/**
 * The keyring state behind `value`, checked to hold at least one AEAD key.
 *
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when it is neither a Keyring nor a Key
 * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE when no key is an AEAD key
 */
export function keyringState(value: unknown, name: string): KeyringState {
  let state = stateOf(value);
  if (!state) {
    if (!isKey(value)) return invalidArgument(name, 'a Keyring or Key from cachet/keys', value);
    state = {
      entries: new Map([[value.id, { key: value, status: 'primary' }]]),
      primary: value.id,
    };
  }
  for (const { key } of state.entries.values()) if (isAeadAlg(key.alg)) return state;
  throw new KeyError(
    'ERR_WRONG_KEY_TYPE',
    `"${name}": no A256GCM, A256GCM-SIV, XC20P or AES-SIV key in it`,
  );
}

/**
 * The state behind a Keyring, and the lookups every module needs (primary key, key by
 * id, usable keys). Kept apart from the Keyring class so a module can accept a Keyring
 * without bundling key generation, JSON parsing or curve arithmetic: a class keeps all
 * its static methods, but these functions are separately tree-shakable.
 */
import { KeyError } from '../errors.js';
import type { Key } from './key.js';

/**
 * A key's status in a keyring (Tink's ENABLED/DISABLED, with the primary marked).
 *
 * @example
 * ```ts
 * import { Keyring, type KeyStatus } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const status: KeyStatus = keyring.status(keyring.primary.id); // 'primary'
 * ```
 */
export type KeyStatus = 'primary' | 'active' | 'disabled';

/**
 * One key and its status.
 *
 * @example
 * ```ts
 * import { Keyring, type KeyringEntry } from 'cachet/keys';
 * const entries: KeyringEntry[] = Keyring.generate('HS256').rotate().entries();
 * console.log(entries.map((e) => e.status)); // [ 'active', 'primary' ]
 * ```
 */
export interface KeyringEntry {
  readonly key: Key;
  readonly status: KeyStatus;
}

/** @internal */
export interface KeyringState {
  /** Insertion order; ids are unique. */
  entries: Map<string, KeyringEntry>;
  primary: string;
}

const states = new WeakMap<object, KeyringState>();

/** @internal Registers a Keyring's state (called by its constructor). */
export function attachState(keyring: object, state: KeyringState): void {
  states.set(keyring, state);
}

/** @internal The state of a Keyring, or undefined for anything else. */
export function stateOf(value: unknown): KeyringState | undefined {
  return typeof value === 'object' && value !== null ? states.get(value) : undefined;
}

/** @internal The primary key. */
export function primaryKey(state: KeyringState): Key {
  return state.entries.get(state.primary)!.key;
}

/**
 * @internal The key with this id if it may be used to decrypt or verify; throws
 * ERR_KEY_NOT_FOUND or ERR_KEY_DISABLED otherwise.
 */
export function usableKey(state: KeyringState, id: string): Key {
  const entry = state.entries.get(id);
  if (!entry) throw new KeyError('ERR_KEY_NOT_FOUND', `no key with id "${id}" in the keyring`);
  if (entry.status === 'disabled')
    throw new KeyError('ERR_KEY_DISABLED', `key "${id}" is disabled`);
  return entry.key;
}

/** @internal Every key not disabled, the primary first. */
export function usableKeys(state: KeyringState): Key[] {
  const keys = [primaryKey(state)];
  for (const { key, status } of state.entries.values()) if (status === 'active') keys.push(key);
  return keys;
}

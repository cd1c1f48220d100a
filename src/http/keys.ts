/**
 * Keys for HTTP message signatures. Signing takes a cachet Key (or a Keyring's primary)
 * or raw HMAC secret bytes; verification takes a resolver from `keyid` to key, or a
 * Keyring. The algorithm always comes from the key (RFC 9421 §3.2 step 6): an `alg`
 * parameter may only confirm it.
 */
import { invalidArgument } from '../assert.js';
import { KeyError, UnsupportedError } from '../errors.js';
import { isKey, type Key, type KeyMaterial, materialOf } from '../keys/key.js';
import type { Keyring } from '../keys/keyring.js';
import { primaryKey, stateOf, usableKey } from '../keys/keyring-state.js';
import { HTTP_ALGORITHMS, type HttpAlgorithm, httpAlgorithmOf } from './algorithms.js';

/**
 * A signing key: a Key (secret HS256, private Ed25519/ES256/ES384), a Keyring (its primary
 * signs), or raw HMAC secret bytes.
 *
 * @example
 * ```ts
 * import { type SigningKey, signRequest } from 'cachet/http';
 * import { generateKey, Keyring } from 'cachet/keys';
 * const keys: SigningKey[] = [
 *   Keyring.generate('Ed25519'), // its primary signs; keyid = the primary's id
 *   generateKey('ES256'),
 *   crypto.getRandomValues(new Uint8Array(32)), // a shared HMAC secret (give a keyId)
 * ];
 * for (const key of keys) await signRequest({ method: 'GET', url: 'https://api.example.com/' }, { key, keyId: 'k1' });
 * ```
 */
export type SigningKey = Key | Keyring | Uint8Array;

/**
 * What a resolver may return: a Key, raw HMAC secret bytes, or nothing (unknown key).
 *
 * @example
 * ```ts
 * import type { ResolvedKeyInput } from 'cachet/http';
 * import { generateKey } from 'cachet/keys';
 * const clients = new Map<string, ResolvedKeyInput>([['client-42', generateKey('Ed25519').publicKey]]);
 * const resolve = (keyId: string | undefined): ResolvedKeyInput => (keyId ? clients.get(keyId) : undefined);
 * console.log(resolve('nobody')); // undefined: verification fails with ERR_KEY_NOT_FOUND
 * ```
 */
export type ResolvedKeyInput = Key | Uint8Array | null | undefined;

/**
 * Finds the key for a signature: `keyId` is the `keyid` parameter (undefined when the
 * signature has none), `alg` the `alg` parameter if present. Return `undefined` for an
 * unknown key.
 *
 * @example
 * ```ts
 * import { type KeyResolver, signRequest, verifyRequest } from 'cachet/http';
 * import { importKey, Keyring } from 'cachet/keys';
 * const client = Keyring.generate('Ed25519');
 * const registry = new Map([['client-42', client.primary.publicKey!]]); // e.g. rows of a clients table
 * const keys: KeyResolver = async (keyId) => (keyId ? registry.get(keyId) : undefined);
 * const signed = await signRequest({ method: 'GET', url: 'https://api.example.com/' }, { key: client, keyId: 'client-42' });
 * console.log((await verifyRequest(signed, { keys })).keyId); // 'client-42'
 * ```
 */
export type KeyResolver = (
  keyId: string | undefined,
  alg: HttpAlgorithm | undefined,
) => ResolvedKeyInput | Promise<ResolvedKeyInput>;

/**
 * Verification keys: a resolver, or a Keyring looked up by key id (disabled keys refused).
 *
 * @example
 * ```ts
 * import { signRequest, verifyRequest, type VerifyKeys } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const client = Keyring.generate('ES256');
 * const keys: VerifyKeys = client.publicKeyring(); // keyid = a key id of the keyring
 * const signed = await signRequest({ method: 'GET', url: 'https://api.example.com/' }, { key: client });
 * await verifyRequest(signed, { keys });
 * ```
 */
export type VerifyKeys = KeyResolver | Keyring;

/** A key ready for use. */
export interface ResolvedKey {
  readonly alg: HttpAlgorithm;
  readonly material: KeyMaterial;
  /** The key's own id, for cachet keys. */
  readonly id: string | undefined;
}

/** RFC 7518 §3.2 / cachet's HS256 rule: an HMAC-SHA-256 secret has at least 32 bytes. */
const MIN_SECRET = 32;

function rawSecret(bytes: Uint8Array, name: string): ResolvedKey {
  if (bytes.length < MIN_SECRET) {
    throw new KeyError(
      'ERR_INVALID_KEY',
      `"${name}": an hmac-sha256 secret must be at least ${MIN_SECRET} bytes, got ${bytes.length}`,
    );
  }
  return { alg: 'hmac-sha256', material: { secret: bytes }, id: undefined };
}

// Keys are immutable: what a Key resolves to is worked out once.
const resolved = new WeakMap<Key, ResolvedKey>();

function fromKey(key: Key, name: string): ResolvedKey {
  const known = resolved.get(key);
  if (known) return known;
  const alg = httpAlgorithmOf(key.alg);
  if (!alg) {
    throw new KeyError(
      'ERR_WRONG_KEY_TYPE',
      `"${name}": ${key.alg} keys have no RFC 9421 algorithm (use HS256, Ed25519, ES256, ES384, PS512 or RS256)`,
    );
  }
  const out: ResolvedKey = { alg, material: materialOf(key), id: key.id };
  resolved.set(key, out);
  return out;
}

/**
 * The key that signs.
 *
 * @param key - a Key, Keyring or raw HMAC secret
 * @param name - the option name, for errors
 */
export function signingKey(key: unknown, name = 'options.key'): ResolvedKey {
  if (key instanceof Uint8Array) return rawSecret(key, name);
  const state = stateOf(key);
  const k = state ? primaryKey(state) : key;
  if (!isKey(k)) return invalidArgument(name, 'a cachet Key, a Keyring or HMAC secret bytes', key);
  const resolved = fromKey(k, name);
  if (!HTTP_ALGORITHMS[resolved.alg].sign) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      `${resolved.alg}: cachet verifies RSA signatures but does not sign with RSA; use Ed25519 or ES256`,
    );
  }
  if (k.type === 'public')
    throw new KeyError('ERR_WRONG_KEY_TYPE', `"${name}": a public key cannot sign`);
  return resolved;
}

/**
 * The key that verifies a signature, from a resolver or a Keyring. Synchronous unless the
 * resolver returns a promise.
 *
 * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND, ERR_KEY_DISABLED, ERR_WRONG_KEY_TYPE, ERR_INVALID_KEY
 */
export function verifyingKey(
  keys: VerifyKeys,
  keyId: string | undefined,
  alg: HttpAlgorithm | undefined,
): ResolvedKey | Promise<ResolvedKey> {
  const state = stateOf(keys);
  if (state) {
    return checkFound(
      keyId === undefined || !state.entries.has(keyId) ? undefined : usableKey(state, keyId),
      keyId,
    );
  }
  const found = (keys as KeyResolver)(keyId, alg);
  return found instanceof Promise
    ? found.then((k) => checkFound(k, keyId))
    : checkFound(found, keyId);
}

function checkFound(found: ResolvedKeyInput, keyId: string | undefined): ResolvedKey {
  if (found === undefined || found === null) {
    const which =
      keyId === undefined
        ? 'the signature has no keyid'
        : `no key for keyid "${keyId.slice(0, 64)}"`;
    throw new KeyError('ERR_KEY_NOT_FOUND', which);
  }
  if (found instanceof Uint8Array) return rawSecret(found, 'the resolved key');
  if (!isKey(found))
    return invalidArgument('the resolved key', 'a cachet Key or HMAC secret bytes', found);
  return fromKey(found, 'the resolved key');
}

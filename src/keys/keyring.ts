/**
 * The Keyring: a set of keys with one primary (used to encrypt and sign) and others kept
 * to decrypt and verify (active) or kept but refused (disabled). Every ciphertext and
 * signature names its key id, so rotation never strands data.
 */
import { assertObject, assertOneOf, assertString, invalidArgument } from '../assert.js';
import { aesGcmOpen, aesGcmSeal } from '../backend/aead.js';
import { randomBytes } from '../backend/random.js';
import { base64urlDecode, base64urlEncode, utf8Decode, utf8Encode } from '../bytes.js';
import { AuthenticationError, InvalidInputError, KeyError, UnsupportedError } from '../errors.js';
import { inspectAsString } from '../inspect.js';
import { type Alg, GENERABLE_ALGS, type GenerableAlg } from './algorithms.js';
import { generateKey } from './generate.js';
import { checkKeyId, secretKeyId } from './id.js';
import { isKey, type Key, materialOf } from './key.js';
import { type KeyringJSON, keyringFromJSON, keyringToJSON } from './keyring-json.js';
import {
  attachState,
  type KeyringEntry,
  type KeyringState,
  type KeyStatus,
  primaryKey,
  stateOf,
} from './keyring-state.js';

const SEALED_FORMAT = 'cachet.keyring.sealed';
const SEALED_VERSION = 1;

/**
 * A master key for {@link Keyring.seal}: an A256GCM key, a keyring of them, or 32 raw bytes.
 *
 * @example
 * ```ts
 * import { generateKey, Keyring, type MasterKey } from 'cachet/keys';
 * const masters: MasterKey[] = [generateKey('A256GCM'), Keyring.generate('A256GCM'), new Uint8Array(32)];
 * ```
 */
export type MasterKey = Key | Keyring | Uint8Array;

/**
 * The sealed keyring document (docs/formats.md#sealed-keyring).
 *
 * @example
 * ```ts
 * import { generateKey, Keyring, type SealedKeyring } from 'cachet/keys';
 * const sealed: SealedKeyring = JSON.parse(await Keyring.generate('HS256').seal(generateKey('A256GCM')));
 * console.log(sealed.format, sealed.version); // 'cachet.keyring.sealed' 1
 * ```
 */
export interface SealedKeyring {
  format: typeof SEALED_FORMAT;
  version: typeof SEALED_VERSION;
  /** Id of the master key. */
  kid: string;
  nonce: string;
  ciphertext: string;
}

function masterKeys(master: MasterKey, forSealing: boolean): Map<string, Uint8Array> {
  const keys = new Map<string, Uint8Array>();
  const add = (key: Key) => {
    if (key.alg !== 'A256GCM')
      throw new KeyError('ERR_WRONG_KEY_TYPE', `a master key must be A256GCM, got ${key.alg}`);
    keys.set(key.id, materialOf(key).secret!);
  };
  if (master instanceof Uint8Array) {
    if (master.length !== 32)
      throw new KeyError('ERR_INVALID_KEY', 'a raw master key must be 32 bytes');
    keys.set(secretKeyId(master), master);
  } else if (isKey(master)) add(master);
  else {
    const state = stateOf(master);
    if (!state) return invalidArgument('masterKey', 'Key, Keyring or Uint8Array(32)', master);
    if (forSealing) add(primaryKey(state));
    else for (const { key, status } of state.entries.values()) if (status !== 'disabled') add(key);
  }
  return keys;
}

// The associated data binds the container's format, version and master key id.
function sealAad(kid: string): Uint8Array {
  return utf8Encode(`${SEALED_FORMAT}/v${SEALED_VERSION}/${kid}`);
}

/**
 * A set of keys with one primary. Mutating methods change the keyring in place and
 * return it, so both `keyring.rotate()` and `keyring = keyring.rotate()` work; modules
 * holding the keyring (`aead(keyring)`) see the change.
 *
 * @example
 * ```ts
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const oldId = keyring.primary.id;
 * keyring.rotate();                       // new primary; the old key stays active
 * console.log(keyring.status(oldId));     // 'active'
 * const json = JSON.stringify(keyring);   // safe: ids, algs, statuses, public keys only
 * ```
 */
export class Keyring {
  readonly #state: KeyringState;

  /** @internal Use Keyring.generate, Keyring.fromKeys or Keyring.fromJSON. */
  private constructor(entries: Iterable<KeyringEntry>, primary: string) {
    this.#state = { entries: new Map(), primary };
    for (const entry of entries)
      this.#state.entries.set(entry.key.id, { key: entry.key, status: entry.status });
    attachState(this, this.#state);
  }

  /**
   * A keyring with one fresh primary key.
   *
   * @param alg - any algorithm except the import-only RSA ones
   * @returns the keyring
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for an unknown or import-only algorithm
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('Ed25519');
   * console.log(keyring.primary.alg); // 'Ed25519'
   * ```
   */
  static generate(alg: GenerableAlg): Keyring {
    assertOneOf(alg, 'alg', GENERABLE_ALGS);
    const key = generateKey(alg);
    return new Keyring([{ key, status: 'primary' }], key.id);
  }

  /**
   * A keyring from existing keys: the first becomes primary, the others active.
   *
   * @param keys - one or more keys with distinct ids
   * @returns the keyring
   * @throws {@link cachet!KeyError} ERR_KEYRING_STATE for duplicate ids
   * @example
   * ```ts
   * import { importKey, Keyring } from 'cachet/keys';
   * const key = importKey(new Uint8Array(32).fill(1), { alg: 'A256GCM' });
   * const keyring = Keyring.fromKeys([key]);
   * ```
   */
  static fromKeys(keys: readonly Key[]): Keyring {
    if (!Array.isArray(keys) || keys.length === 0)
      invalidArgument('keys', 'non-empty array of Keys', keys);
    const entries: KeyringEntry[] = keys.map((key, i) => {
      if (!isKey(key)) invalidArgument(`keys[${i}]`, 'a cachet Key', key);
      return { key, status: i === 0 ? 'primary' : 'active' };
    });
    if (new Set(keys.map((k) => k.id)).size !== keys.length) {
      throw new KeyError('ERR_KEYRING_STATE', 'two keys have the same id');
    }
    return new Keyring(entries, keys[0]!.id);
  }

  /**
   * Reads either JSON form. From the secret form (`toSecretJSON`) the keyring is restored
   * whole; from the safe form (`toJSON`) only public keys can be restored, which gives the
   * same keyring as `publicKeyring()`.
   *
   * @param json - the JSON text or the parsed object
   * @returns the keyring
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT for a malformed document
   * @throws {@link cachet!UnsupportedError} ERR_UNSUPPORTED_VERSION for an unknown version
   * @throws {@link cachet!KeyError} ERR_INVALID_KEY for invalid key material
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('A256GCM');
   * const copy = Keyring.fromJSON(JSON.stringify(keyring.toSecretJSON()));
   * console.log(copy.primary.id === keyring.primary.id); // true
   * ```
   */
  static fromJSON(json: string | KeyringJSON): Keyring {
    const { entries, droppedPrimary } = keyringFromJSON(json);
    if (entries.length === 0) {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        'keyring JSON holds no key material: it is the safe form (toJSON) of a symmetric keyring; save toSecretJSON() or seal() instead',
      );
    }
    if (droppedPrimary) {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        'keyring JSON: the primary key has no material in this safe form; save toSecretJSON() or seal() instead',
      );
    }
    const primary = entries.find((e) => e.status === 'primary')!;
    return new Keyring(entries, primary.key.id);
  }

  /**
   * Decrypts a keyring sealed with {@link Keyring.seal}.
   *
   * @param sealed - the sealed document (JSON text or object)
   * @param masterKey - the master key, or a keyring holding it
   * @returns the keyring
   * @throws {@link cachet!AuthenticationError} ERR_AUTH_FAILED for a wrong master key or altered data
   * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND / ERR_KEY_DISABLED when a master keyring lacks
   *   the sealing key or has it disabled
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT for a malformed document
   * @throws {@link cachet!UnsupportedError} ERR_UNSUPPORTED_VERSION for an unknown version
   * @example
   * ```ts
   * import { generateKey, Keyring } from 'cachet/keys';
   * const master = generateKey('A256GCM');
   * const sealed = await Keyring.generate('HS256').seal(master);
   * const keyring = await Keyring.unseal(sealed, master);
   * ```
   */
  static async unseal(sealed: string | SealedKeyring, masterKey: MasterKey): Promise<Keyring> {
    let doc: unknown = sealed;
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc);
      } catch {
        // No `cause`: V8's SyntaxError quotes the input; keep messages free of payloads.
        throw new InvalidInputError('ERR_INVALID_FORMAT', 'sealed keyring is not valid JSON');
      }
    }
    assertObject(doc, 'sealed');
    if (doc['format'] !== SEALED_FORMAT) {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        `sealed keyring: "format" must be "${SEALED_FORMAT}"`,
      );
    }
    if (doc['version'] !== SEALED_VERSION) {
      throw new UnsupportedError(
        'ERR_UNSUPPORTED_VERSION',
        `sealed keyring version ${typeof doc['version'] === 'number' ? doc['version'] : typeof doc['version']} is not supported`,
      );
    }
    const kid = checkKeyId(doc['kid'], 'sealed.kid');
    if (typeof doc['nonce'] !== 'string' || typeof doc['ciphertext'] !== 'string') {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        'sealed keyring: "nonce" and "ciphertext" must be strings',
      );
    }
    const nonce = base64urlDecode(doc['nonce'], 'sealed.nonce');
    const ciphertext = base64urlDecode(doc['ciphertext'], 'sealed.ciphertext');
    const candidates = masterKeys(masterKey, false);
    const ring = stateOf(masterKey);
    // A keyring picks the master key by id. A single key is simply tried: a wrong one fails
    // authentication (its id is part of the associated data), like any wrong key.
    const key = ring ? candidates.get(kid) : [...candidates.values()][0];
    if (!key) {
      if (ring?.entries.get(kid)?.status === 'disabled')
        throw new KeyError('ERR_KEY_DISABLED', `master key "${kid}" is disabled`);
      throw new KeyError(
        'ERR_KEY_NOT_FOUND',
        `the keyring was sealed under master key "${kid}", which is not in the master keyring`,
      );
    }
    const plaintext = nonce.length === 12 ? aesGcmOpen(key, nonce, ciphertext, sealAad(kid)) : null;
    if (!plaintext) {
      throw new AuthenticationError(
        'the sealed keyring did not decrypt: a wrong master key, or the document was altered',
      );
    }
    try {
      return Keyring.fromJSON(utf8Decode(plaintext));
    } finally {
      plaintext.fill(0);
    }
  }

  /**
   * The primary key: the one that encrypts and signs.
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('ES256');
   * console.log(keyring.primary.alg, keyring.primary.type); // 'ES256' 'private'
   * ```
   */
  get primary(): Key {
    return primaryKey(this.#state);
  }

  /**
   * Number of keys, whatever their status.
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * console.log(Keyring.generate('A256GCM').rotate().size); // 2
   * ```
   */
  get size(): number {
    return this.#state.entries.size;
  }

  /**
   * Every key with its status, in insertion order.
   *
   * @returns a fresh array of `{ key, status }`
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * for (const { key, status } of Keyring.generate('HS256').rotate().entries()) {
   *   console.log(key.id, status);
   * }
   * ```
   */
  entries(): KeyringEntry[] {
    return [...this.#state.entries.values()];
  }

  /**
   * Whether a key with this id is in the keyring.
   *
   * @param id - a key id
   * @returns true when present, whatever its status
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when `id` is not a string
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('A256GCM');
   * console.log(keyring.has(keyring.primary.id), keyring.has('00000000')); // true false
   * ```
   */
  has(id: string): boolean {
    assertString(id, 'id');
    return this.#state.entries.has(id);
  }

  /**
   * The key with this id, whatever its status.
   *
   * @param id - a key id
   * @returns the key
   * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('Ed25519');
   * const key = keyring.get(keyring.primary.id);
   * ```
   */
  get(id: string): Key {
    return this.#entry(id).key;
  }

  /**
   * The status of the key with this id.
   *
   * @param id - a key id
   * @returns `'primary'`, `'active'` or `'disabled'`
   * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('A256GCM');
   * console.log(keyring.status(keyring.primary.id)); // 'primary'
   * ```
   */
  status(id: string): KeyStatus {
    return this.#entry(id).status;
  }

  /**
   * Generates a new primary key (by default of the current primary's algorithm); the old
   * primary stays active so existing ciphertexts and signatures still work.
   *
   * @param options - `alg` to switch algorithm on rotation
   * @returns this keyring
   * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE when the primary is an import-only RSA key and no `alg` is given
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('A256GCM');
   * const old = keyring.primary.id;
   * keyring.rotate();
   * console.log(keyring.status(old)); // 'active'
   * keyring.rotate({ alg: 'XC20P' });
   * ```
   */
  rotate(options: { alg?: GenerableAlg } = {}): this {
    assertObject(options, 'options');
    if (options.alg !== undefined) assertOneOf(options.alg, 'options.alg', GENERABLE_ALGS);
    const alg = options.alg ?? (this.primary.alg as Alg);
    if (!(GENERABLE_ALGS as readonly string[]).includes(alg)) {
      throw new KeyError(
        'ERR_WRONG_KEY_TYPE',
        `cannot rotate: ${alg} keys are import-only; pass options.alg`,
      );
    }
    let key = generateKey(alg as GenerableAlg);
    while (this.#state.entries.has(key.id)) key = generateKey(alg as GenerableAlg); // 32-bit ids can collide
    return this.add(key, { status: 'primary' });
  }

  /**
   * Adds a key. With `status: 'primary'` it becomes the primary and the old primary stays
   * active. Staged rotation (Tink's advice for fleets): add as `'active'`, deploy
   * everywhere, then {@link Keyring.promote}.
   *
   * @param key - a key with an id not yet in the keyring
   * @param options - `status`, default `'active'`
   * @returns this keyring
   * @throws {@link cachet!KeyError} ERR_KEYRING_STATE when the id is already present
   *
   * @example
   * ```ts
   * import { generateKey, Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('HS256');
   * const next = generateKey('HS256');
   * keyring.add(next); // active: verifies, does not sign yet
   * ```
   */
  add(key: Key, options: { status?: KeyStatus } = {}): this {
    if (!isKey(key)) invalidArgument('key', 'a cachet Key', key);
    assertObject(options, 'options');
    const status = options.status === undefined ? 'active' : options.status;
    assertOneOf(status, 'options.status', ['primary', 'active', 'disabled']);
    if (this.#state.entries.has(key.id))
      throw new KeyError(
        'ERR_KEYRING_STATE',
        `a key with id "${key.id}" is already in the keyring`,
      );
    this.#state.entries.set(key.id, { key, status: status === 'primary' ? 'active' : status });
    if (status === 'primary') this.promote(key.id);
    return this;
  }

  /**
   * Makes a key the primary; the previous primary becomes active.
   *
   * @param id - the id of an active key
   * @returns this keyring
   * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND, or ERR_KEYRING_STATE for a disabled key
   *
   * @example
   * ```ts
   * import { generateKey, Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('A256GCM');
   * const next = generateKey('A256GCM');
   * keyring.add(next).promote(next.id);
   * console.log(keyring.primary.id === next.id); // true
   * ```
   */
  promote(id: string): this {
    const entry = this.#entry(id);
    if (entry.status === 'disabled')
      throw new KeyError('ERR_KEYRING_STATE', `key "${id}" is disabled; enable it first`);
    const state = this.#state;
    if (state.primary !== id) {
      state.entries.set(state.primary, { key: primaryKey(state), status: 'active' });
      state.entries.set(id, { key: entry.key, status: 'primary' });
      state.primary = id;
    }
    return this;
  }

  /**
   * Disables a key: it stays in the keyring but decrypting or verifying with it fails with
   * ERR_KEY_DISABLED. The primary cannot be disabled (promote another key first).
   *
   * @param id - a key id
   * @returns this keyring
   * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND, or ERR_KEYRING_STATE for the primary
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('A256GCM');
   * const old = keyring.primary.id;
   * keyring.rotate().disable(old);
   * console.log(keyring.status(old)); // 'disabled'
   * ```
   */
  disable(id: string): this {
    return this.#setStatus(id, 'disabled');
  }

  /**
   * Re-enables a disabled key (it becomes active); enabling an active key or the primary
   * changes nothing.
   *
   * @param id - a key id
   * @returns this keyring
   * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('A256GCM');
   * const old = keyring.primary.id;
   * keyring.rotate().disable(old).enable(old);
   * console.log(keyring.status(old)); // 'active'
   * ```
   */
  enable(id: string): this {
    return this.#setStatus(id, 'active');
  }

  /**
   * Removes a key for good: data under it can no longer be decrypted. The primary cannot
   * be removed.
   *
   * @param id - a key id
   * @returns this keyring
   * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND, or ERR_KEYRING_STATE for the primary
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('HS256');
   * const old = keyring.primary.id;
   * keyring.rotate().remove(old);
   * console.log(keyring.has(old)); // false
   * ```
   */
  remove(id: string): this {
    this.#entry(id);
    if (id === this.#state.primary)
      throw new KeyError(
        'ERR_KEYRING_STATE',
        'the primary key cannot be removed; promote another key first',
      );
    this.#state.entries.delete(id);
    return this;
  }

  /**
   * A new keyring with the public halves only (secret keys are left out), for verifiers
   * and encrypt-only senders. Ids and statuses are kept.
   *
   * @returns the public keyring
   * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE when the primary has no public half
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const signer = Keyring.generate('Ed25519');
   * const verifier = signer.publicKeyring();
   * console.log(verifier.primary.type); // 'public'
   * ```
   */
  publicKeyring(): Keyring {
    const entries: KeyringEntry[] = [];
    for (const { key, status } of this.#state.entries.values()) {
      if (key.publicKey) entries.push({ key: key.publicKey, status });
    }
    if (!this.primary.publicKey) {
      throw new KeyError(
        'ERR_WRONG_KEY_TYPE',
        `the primary key (${this.primary.alg}) is symmetric and has no public half`,
      );
    }
    return new Keyring(entries, this.#state.primary);
  }

  /**
   * The safe JSON form (docs/formats.md#keyring-json): ids, algorithms, statuses, dates and
   * public keys; never secret or private material. `JSON.stringify(keyring)` calls it, and
   * {@link Keyring.fromJSON} reads it back as the public keyring.
   *
   * @returns the safe document
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const published = JSON.stringify(Keyring.generate('ES256')); // public key only
   * const verifier = Keyring.fromJSON(published);
   * ```
   */
  toJSON(): KeyringJSON {
    return keyringToJSON(this.#state.entries.values(), false);
  }

  /**
   * The full JSON form, secrets included. Store it only where secrets belong (or use
   * {@link Keyring.seal}).
   *
   * @returns the secret document
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * const keyring = Keyring.generate('A256GCM');
   * const copy = Keyring.fromJSON(keyring.toSecretJSON());
   * console.log(copy.primary.id === keyring.primary.id); // true
   * ```
   */
  toSecretJSON(): KeyringJSON {
    return keyringToJSON(this.#state.entries.values(), true);
  }

  /**
   * Encrypts the whole keyring under a master key with AES-256-GCM; the format, its
   * version and the master key id are bound as associated data
   * (docs/formats.md#sealed-keyring). Each call uses a fresh random nonce.
   *
   * @param masterKey - an A256GCM key, a keyring (its primary seals), or 32 raw bytes
   * @returns the sealed document as JSON text
   * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE for a key that is not A256GCM, ERR_INVALID_KEY for raw bytes that are not 32 long
   *
   * @example
   * ```ts
   * import { generateKey, Keyring } from 'cachet/keys';
   * const master = generateKey('A256GCM');
   * const sealed = await Keyring.generate('Ed25519').seal(master);
   * const keyring = await Keyring.unseal(sealed, master);
   * ```
   */
  async seal(masterKey: MasterKey): Promise<string> {
    const [[kid, key]] = [...masterKeys(masterKey, true)] as [[string, Uint8Array]];
    const nonce = randomBytes(12);
    const plaintext = utf8Encode(JSON.stringify(this.toSecretJSON()));
    const ciphertext = aesGcmSeal(key, nonce, plaintext, sealAad(kid));
    plaintext.fill(0);
    const doc: SealedKeyring = {
      format: SEALED_FORMAT,
      version: SEALED_VERSION,
      kid,
      nonce: base64urlEncode(nonce),
      ciphertext: base64urlEncode(ciphertext),
    };
    return JSON.stringify(doc);
  }

  /**
   * `Keyring(n keys, primary <id> <alg>)`; also what `console.log` and `util.inspect`
   * print. Never any key material.
   *
   * @example
   * ```ts
   * import { Keyring } from 'cachet/keys';
   * console.log(String(Keyring.generate('HS256'))); // 'Keyring(1 keys, primary … HS256)'
   * ```
   */
  toString(): string {
    return `Keyring(${this.size} keys, primary ${this.primary.id} ${this.primary.alg})`;
  }

  #entry(id: string): KeyringEntry {
    assertString(id, 'id');
    const entry = this.#state.entries.get(id);
    if (!entry)
      throw new KeyError('ERR_KEY_NOT_FOUND', `no key with id "${id.slice(0, 64)}" in the keyring`);
    return entry;
  }

  #setStatus(id: string, status: 'active' | 'disabled'): this {
    const entry = this.#entry(id);
    if (id === this.#state.primary) {
      if (status === 'active') return this; // the primary is always usable
      throw new KeyError(
        'ERR_KEYRING_STATE',
        'the primary key cannot be disabled; promote another key first',
      );
    }
    this.#state.entries.set(id, { key: entry.key, status });
    return this;
  }
}
inspectAsString(Keyring.prototype);

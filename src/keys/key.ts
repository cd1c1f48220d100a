/**
 * The Key type. A Key is immutable: an id, an algorithm, a type and a creation time, with
 * its material held outside the object (in a module-private WeakMap) so that no property
 * walk, `JSON.stringify`, `console.log` or `util.inspect` can reach it.
 */
import { InvalidInputError } from '../errors.js';
import { inspectAsString } from '../inspect.js';
import { ALGORITHMS, type Alg, type AlgInfo } from './algorithms.js';

/**
 * What a key holds: a shared secret, a private key (with its public half), or a public key.
 *
 * @example
 * ```ts
 * import { generateKey, type KeyType } from 'cachet/keys';
 * const type: KeyType = generateKey('Ed25519').type; // 'private'
 * ```
 */
export type KeyType = 'secret' | 'private' | 'public';

/**
 * Key material, by type:
 * - secret: `secret` (raw bytes);
 * - private: `private` (Ed25519/X25519 seed or EC scalar) and `public` (raw public key);
 * - public: `public` (Ed25519/X25519: 32 bytes; EC: uncompressed SEC1 point; RSA: SPKI DER).
 */
export interface KeyMaterial {
  readonly secret?: Uint8Array;
  readonly private?: Uint8Array;
  readonly public?: Uint8Array;
}

const materials = new WeakMap<Key, KeyMaterial>();
const publicHalves = new WeakMap<Key, Key>();
const token = Symbol('cachet.key');

/**
 * The JSON form of a Key: never any secret material.
 *
 * @example
 * ```ts
 * import { generateKey, type KeyJSON } from 'cachet/keys';
 * const json: KeyJSON = generateKey('A256GCM').toJSON();
 * console.log(json.material); // '[redacted]'
 * ```
 */
export interface KeyJSON {
  id: string;
  alg: Alg;
  type: KeyType;
  created: string;
  /** Only for secret and private keys. */
  material?: '[redacted]';
}

/**
 * A cryptographic key. Create keys with `importKey`, `generateKey`, `Keyring.generate` or
 * `generateKeyPair` (cachet/sign); the constructor is not public.
 *
 * A key prints as `[redacted]`: `String(key)`, `JSON.stringify(key)` and `util.inspect(key)`
 * show its id, algorithm and type but never its material. Export material explicitly with
 * `exportKey`.
 *
 * @example
 * ```ts
 * import { generateKey } from 'cachet/keys';
 * const key = generateKey('A256GCM');
 * console.log(key.id, key.alg, key.type); // e.g. '3f9a0c12' 'A256GCM' 'secret'
 * console.log(String(key));                // 'Key(A256GCM, 3f9a0c12, secret, [redacted])'
 * ```
 */
export class Key {
  /** 8 lowercase hex characters (32 bits); the id ciphertexts and signatures carry. */
  readonly id: string;
  /** The algorithm, JOSE-style. */
  readonly alg: Alg;
  /** `'secret'`, `'private'` or `'public'`. */
  readonly type: KeyType;
  readonly #created: number;

  /** @internal Use importKey / generateKey. */
  constructor(secretToken: symbol, id: string, alg: Alg, type: KeyType, created: number) {
    if (secretToken !== token) {
      throw new InvalidInputError(
        'ERR_INVALID_ARGUMENT',
        'Key cannot be constructed directly; use importKey(), generateKey() or Keyring.generate()',
      );
    }
    this.id = id;
    this.alg = alg;
    this.type = type;
    this.#created = created;
    Object.freeze(this);
  }

  /**
   * When the key was created (a fresh Date each time).
   *
   * @example
   * ```ts
   * import { generateKey } from 'cachet/keys';
   * console.log(generateKey('A256GCM').created.toISOString());
   * ```
   */
  get created(): Date {
    return new Date(this.#created);
  }

  /**
   * The public half: the key itself for a public key, a public key with the same id for a
   * private key, `undefined` for a secret key.
   *
   * @example
   * ```ts
   * import { exportKey, generateKey } from 'cachet/keys';
   * const key = generateKey('Ed25519');
   * const spki = exportKey(key.publicKey!, 'pem'); // safe to share
   * console.log(generateKey('HS256').publicKey); // undefined
   * ```
   */
  get publicKey(): Key | undefined {
    if (this.type === 'public') return this;
    return publicHalves.get(this);
  }

  /**
   * A safe JSON form: id, algorithm, type and creation time; material is redacted.
   * `JSON.stringify(key)` calls it.
   *
   * @example
   * ```ts
   * import { generateKey } from 'cachet/keys';
   * console.log(JSON.stringify(generateKey('HS512'))); // {"id":"…","alg":"HS512",…,"material":"[redacted]"}
   * ```
   */
  toJSON(): KeyJSON {
    const json: KeyJSON = {
      id: this.id,
      alg: this.alg,
      type: this.type,
      created: this.created.toISOString(),
    };
    if (this.type !== 'public') json.material = '[redacted]';
    return json;
  }

  /**
   * `Key(alg, id, type, [redacted])`; also what `console.log` and `util.inspect` print.
   *
   * @example
   * ```ts
   * import { generateKey } from 'cachet/keys';
   * console.log(String(generateKey('XC20P'))); // 'Key(XC20P, …, secret, [redacted])'
   * ```
   */
  toString(): string {
    return `Key(${this.alg}, ${this.id}, ${this.type}${this.type === 'public' ? '' : ', [redacted]'})`;
  }
}
inspectAsString(Key.prototype);

/** @internal Creates a Key and records its material. */
export function createKey(
  id: string,
  alg: Alg,
  type: KeyType,
  material: KeyMaterial,
  created: number = Date.now(),
): Key {
  const key = new Key(token, id, alg, type, created);
  materials.set(key, material);
  if (type === 'private') {
    const pub = new Key(token, id, alg, 'public', created);
    materials.set(pub, { public: material.public! });
    publicHalves.set(key, pub);
  }
  return key;
}

/** @internal The material of a key created by cachet. */
export function materialOf(key: Key): KeyMaterial {
  const material = materials.get(key);
  if (!material) throw new InvalidInputError('ERR_INVALID_ARGUMENT', '"key": not a cachet Key');
  return material;
}

/** @internal Facts about the key's algorithm. */
export function infoOf(key: Key): AlgInfo {
  return ALGORITHMS[key.alg];
}

/** @internal True for keys made by cachet (instanceof alone can be fooled by prototypes). */
export function isKey(value: unknown): value is Key {
  return value instanceof Key && materials.has(value);
}

/**
 * aead(keyring): authenticated encryption of byte strings with a self-describing header
 * (format.ts). The keyring's primary key encrypts; decryption uses whichever key the
 * ciphertext names.
 */
import { assertOptions, invalidArgument } from '../assert.js';
import { uninitialized } from '../backend/buffer.js';
import { utf8Encode } from '../bytes.js';
import { InvalidInputError } from '../errors.js';
import { isStale, open, policyOf, primaryMaterial, sealedLength, sealInto } from './core.js';
import { AEAD_VERSION } from './format.js';
import { type AeadKeys, keyringState } from './source.js';

/**
 * Options of {@link aead}.
 *
 * @example
 * ```ts
 * import { type AeadOptions, aead } from 'cachet/aead';
 * import { Keyring } from 'cachet/keys';
 * const options: AeadOptions = { deterministic: true }; // required for AES-SIV keyrings
 * const tokens = aead(Keyring.generate('AES-SIV'), options);
 * console.log(tokens.encrypt('tok_1').length); // 59: 5 bytes + 54 of header, commitment and SIV
 * ```
 */
export interface AeadOptions {
  /**
   * Key commitment (default `true`): every ciphertext carries a 32-byte commitment to its
   * key, so it decrypts under exactly one key, and ciphertexts without one are refused.
   * `false` writes 32 bytes less per message and reads both kinds.
   */
  keyCommitment?: boolean;
  /**
   * Required (`true`) for an AES-SIV keyring, whose encryption is deterministic: the same
   * plaintext and associated data under the same key always give the same ciphertext, which
   * reveals equal messages. Refused for the other algorithms.
   */
  deterministic?: boolean;
}

/**
 * Encrypts and decrypts byte strings with a keyring; from {@link aead}.
 *
 * @example
 * ```ts
 * import { type Aead, aead } from 'cachet/aead';
 * import { Keyring } from 'cachet/keys';
 * const box: Aead = aead(Keyring.generate('XC20P'));
 * const sealed = box.encrypt('card ending 4242', 'customer/42');
 * console.log(new TextDecoder().decode(box.decrypt(sealed, 'customer/42'))); // 'card ending 4242'
 * ```
 */
export interface Aead {
  /**
   * Encrypts with the keyring's primary key (as it is at the time of the call).
   *
   * @param plaintext - bytes, or a string (encoded as UTF-8)
   * @param aad - associated data: authenticated, not stored; decrypt needs the same
   * @returns version ‖ suite ‖ key id ‖ nonce ‖ commitment ‖ ciphertext ‖ tag
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a wrong argument type
   * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE when the primary key cannot encrypt here
   */
  encrypt(plaintext: Uint8Array | string, aad?: Uint8Array | string): Uint8Array;
  /**
   * Decrypts with the keyring key the ciphertext names, if it is not disabled.
   *
   * @param ciphertext - from {@link Aead.encrypt}
   * @param aad - the associated data given to encrypt
   * @returns the plaintext; never any byte of a ciphertext that did not authenticate
   * @throws {@link cachet!AuthenticationError} ERR_AUTH_FAILED for every failure (altered, truncated,
   *   other key, other associated data, unknown or disabled key id); `cause` says which when
   *   it is not secret
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a wrong argument type
   */
  decrypt(ciphertext: Uint8Array, aad?: Uint8Array | string): Uint8Array;
  /**
   * Whether a ciphertext was written under another key than the current primary, or with
   * another algorithm or commitment setting. Reads the header only; decrypts nothing.
   *
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT when it is not a cachet/aead ciphertext
   */
  needsReencrypt(ciphertext: Uint8Array): boolean;
  /**
   * Decrypts and, if {@link Aead.needsReencrypt}, encrypts again under the primary key;
   * otherwise returns the ciphertext as given (after checking it).
   *
   * @throws {@link cachet!AuthenticationError} as {@link Aead.decrypt}
   */
  reencrypt(ciphertext: Uint8Array, aad?: Uint8Array | string): Uint8Array;
}

const EMPTY = new Uint8Array(0);

function bytesOf(value: unknown, name: string, optional: boolean): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return utf8Encode(value);
  if (optional && value === undefined) return EMPTY;
  return invalidArgument(
    name,
    optional ? 'Uint8Array, string or undefined' : 'Uint8Array or string',
    value,
  );
}

function assertCiphertext(value: unknown): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) invalidArgument('ciphertext', 'Uint8Array', value);
}

/**
 * Authenticated encryption with a keyring: AES-256-GCM (96-bit random nonces; at most
 * 2^32 messages per key), AES-256-GCM-SIV (nonce-misuse resistant), XChaCha20-Poly1305
 * (192-bit random nonces) or deterministic AES-SIV, chosen by the primary key's algorithm.
 * Every ciphertext names its key, so a rotated keyring still decrypts old data. Sync.
 *
 * @param keyring - a Keyring of A256GCM, A256GCM-SIV, XC20P or AES-SIV keys (or one Key)
 * @param options - `keyCommitment` (default true), `deterministic` (required for AES-SIV)
 * @returns an {@link Aead}
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad arguments
 * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE when the keyring holds no AEAD key, or the
 *   primary's algorithm does not match `deterministic`
 * @example
 * ```ts
 * import { aead } from 'cachet/aead';
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const box = aead(keyring);
 * const sealed = box.encrypt('attack at dawn', 'message-42');
 * keyring.rotate();                               // new primary; old ciphertexts still open
 * const plain = box.decrypt(sealed, 'message-42'); // Uint8Array of 'attack at dawn'
 * ```
 */
export function aead(keyring: AeadKeys, options: AeadOptions = {}): Aead {
  const state = keyringState(keyring, 'keyring');
  assertOptions(options);
  const policy = policyOf(AEAD_VERSION, options);
  primaryMaterial(state, policy); // fail at once, not at the first encrypt

  const encrypt = (plaintext: Uint8Array | string, aad?: Uint8Array | string): Uint8Array => {
    const data = bytesOf(plaintext, 'plaintext', false);
    const tail = bytesOf(aad, 'aad', true);
    const material = primaryMaterial(state, policy);
    // sealInto writes every byte: header, nonce, commitment, ciphertext and tag.
    const out = uninitialized(sealedLength(material, policy, data.length));
    sealInto(material, policy, data, tail, out);
    return out;
  };
  const decrypt = (ciphertext: Uint8Array, aad?: Uint8Array | string): Uint8Array => {
    assertCiphertext(ciphertext);
    return open(state, policy, ciphertext, bytesOf(aad, 'aad', true));
  };
  const needsReencrypt = (ciphertext: Uint8Array): boolean => {
    assertCiphertext(ciphertext);
    const stale = isStale(state, policy, ciphertext);
    if (stale === null) {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        '"ciphertext": not a cachet/aead ciphertext',
      );
    }
    return stale;
  };
  return {
    encrypt,
    decrypt,
    needsReencrypt,
    reencrypt(ciphertext, aad) {
      const plaintext = decrypt(ciphertext, aad);
      try {
        return needsReencrypt(ciphertext) ? encrypt(plaintext, aad) : ciphertext;
      } finally {
        plaintext.fill(0);
      }
    },
  };
}

/**
 * fieldCipher: encryption of one database column's values, bound to its table, column and
 * (optionally) row, with a deterministic mode and blind indexes for equality lookups and
 * rotation helpers. The bytes form is the shared AEAD layout with version 0xF1; the text
 * form is `cf1.` + base64url of it.
 */

import {
  isStale,
  open,
  policyOf,
  primaryMaterial,
  sealedLength,
  sealInto,
  writePrefix,
} from '../aead/core.js';
import { keyMaterial } from '../aead/derive.js';
import { FIELDS_VERSION, PREFIX_LENGTH } from '../aead/format.js';
import { type AeadKeys, keyringState } from '../aead/source.js';
import { isAeadAlg, SUITES } from '../aead/suites.js';
import { assertInteger, assertOptions, invalidArgument } from '../assert.js';
import { base64urlFast, scratch, uninitialized } from '../backend/buffer.js';
import { AuthenticationError, InvalidInputError } from '../errors.js';
import { primaryKey, usableKeys } from '../keys/keyring-state.js';
import { BlindIndexer, type BlindIndexOptions } from './blind-index.js';
import { columnContext, fieldContext, nameBytes, type RowId, rowIdText } from './context.js';
import { fromText, TEXT_PREFIX, toText } from './text.js';
import { decodeValue, encodeValue, type FieldValue } from './value.js';

/**
 * Options of {@link fieldCipher}.
 *
 * @example
 * ```ts
 * import { type FieldCipherOptions, fieldCipher } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const options: FieldCipherOptions = { table: 'accounts', column: 'plan', pad: 16 }; // hide lengths
 * const plan = fieldCipher(Keyring.generate('A256GCM'), options);
 * console.log(plan.encrypt('pro').length === plan.encrypt('enterprise').length); // true
 * ```
 */
export interface FieldCipherOptions {
  /** The table (bound to every value; part of the blind index key). */
  table: string;
  /** The column (bound to every value; part of the blind index key). */
  column: string;
  /**
   * Deterministic encryption with AES-SIV (the keyring must hold AES-SIV keys): equal values
   * in this column (and row, if bound) give equal ciphertexts, so `WHERE col = $1` works.
   * It reveals which rows hold equal values, and nothing else. Default false.
   */
  deterministic?: boolean;
  /** Enables {@link FieldCipher.blindIndex}: `true` for the defaults, or its options. */
  blindIndex?: boolean | BlindIndexOptions;
  /**
   * Pads every plaintext to a multiple of this many bytes (1 to 65536; default 0, none),
   * so ciphertext lengths reveal only a length bucket. Costs up to `pad` bytes per value.
   */
  pad?: number;
  /** Key commitment, as in cachet/aead (default true). */
  keyCommitment?: boolean;
}

/**
 * Per-value options.
 *
 * @example
 * ```ts
 * import { type FieldOptions, fieldCipher } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const ssn = fieldCipher(Keyring.generate('A256GCM'), { table: 'users', column: 'ssn' });
 * const row: FieldOptions = { rowId: 42 }; // 42, 42n and '42' are the same row
 * const stored = ssn.encrypt('123-45-6789', row);
 * console.log(ssn.decrypt(stored, { rowId: '42' })); // '123-45-6789'
 * ```
 */
export interface FieldOptions {
  /**
   * Binds the value to this row too (a string, safe integer or bigint; 42, 42n and '42'
   * are the same). Decrypt needs the same row id.
   */
  rowId?: RowId | undefined;
}

/**
 * A ciphertext in either form: text (`cf1.…`) or bytes.
 *
 * @example
 * ```ts
 * import { type FieldCiphertext, fieldCipher } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const notes = fieldCipher(Keyring.generate('A256GCM'), { table: 'users', column: 'notes' });
 * const stored: FieldCiphertext[] = [notes.encrypt('for TEXT'), notes.encryptBytes('for BYTEA')];
 * console.log(stored.map((c) => notes.decrypt(c))); // [ 'for TEXT', 'for BYTEA' ]
 * ```
 */
export type FieldCiphertext = string | Uint8Array;

/**
 * Encrypts, decrypts and indexes one column's values; from {@link fieldCipher}.
 *
 * @example
 * ```ts
 * import { type FieldCipher, fieldCipher } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const email: FieldCipher = fieldCipher(keyring, { table: 'users', column: 'email', blindIndex: { normalize: 'email' } });
 * const stored = email.encrypt('alice@example.com');
 * keyring.rotate();
 * console.log(email.needsReencrypt(stored)); // true
 * console.log(email.decrypt(email.reencrypt(stored))); // 'alice@example.com'
 * ```
 */
export interface FieldCipher {
  readonly table: string;
  readonly column: string;
  /**
   * Encrypts a value under the keyring's primary key, in text form.
   *
   * @param value - string, number, bigint, boolean, Date, Uint8Array, null, or a JSON object or array
   * @param options - `rowId` to bind the value to its row
   * @returns `cf1.` followed by base64url: for TEXT and VARCHAR columns
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a value that cannot round-trip exactly
   */
  encrypt(value: FieldValue, options?: FieldOptions): string;
  /** As {@link FieldCipher.encrypt}, in bytes form (for BYTEA and BLOB columns). */
  encryptBytes(value: FieldValue, options?: FieldOptions): Uint8Array;
  /**
   * Decrypts either form with the keyring key it names.
   *
   * @param ciphertext - text or bytes from this column's cipher
   * @param options - the `rowId` it was encrypted with, if any
   * @returns the value, of the type it was encrypted with
   * @throws {@link cachet!AuthenticationError} ERR_AUTH_FAILED for every failure: altered, truncated,
   *   not a field ciphertext, another table/column/row, unknown or disabled key
   */
  decrypt(ciphertext: FieldCiphertext, options?: FieldOptions): FieldValue;
  /**
   * The blind index of a value under the primary key: lowercase hex, `bits` long (rounded
   * up to whole bytes, spare bits zero). Store it in an indexed column.
   *
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when blind indexes are off
   */
  blindIndex(value: FieldValue): string;
  /**
   * The blind index under every usable key, the primary's first (duplicates removed): during
   * a rotation query with `= ANY($1)` so rows not yet re-encrypted still match.
   */
  blindIndexes(value: FieldValue): string[];
  /**
   * Deterministic mode only: the value encrypted under every usable key, the primary's first,
   * to match rows not yet re-encrypted during a rotation (`WHERE col = ANY($1)`).
   *
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when the cipher is not deterministic
   */
  encryptForLookup(value: FieldValue, options?: FieldOptions): string[];
  /**
   * Whether a ciphertext was written under another key than the primary, or with another
   * algorithm or commitment setting. Reads the header only.
   *
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT when it is not a field ciphertext
   */
  needsReencrypt(ciphertext: FieldCiphertext): boolean;
  /**
   * Decrypts and, if {@link FieldCipher.needsReencrypt}, encrypts again under the primary
   * key, in the same form; otherwise returns the ciphertext as given (after checking it).
   */
  reencrypt(ciphertext: string, options?: FieldOptions): string;
  reencrypt(ciphertext: Uint8Array, options?: FieldOptions): Uint8Array;
  /**
   * The first characters every text this cipher writes now starts with (format, algorithm,
   * primary key id): rows whose value does not start with it need re-encryption, which SQL
   * can select with `left(col, 12) <> $1`.
   */
  textPrefix(): string;
}

function notField(): never {
  throw new AuthenticationError(undefined, {
    cause: new InvalidInputError(
      'ERR_INVALID_FORMAT',
      `not a cachet field ciphertext (text starts with "${TEXT_PREFIX}")`,
    ),
  });
}

/**
 * A cipher for one column. The keyring's primary key encrypts (checked at each call, so a
 * rotation takes effect at once); any usable key decrypts.
 *
 * @param keyring - a Keyring (or Key) of A256GCM (default choice), A256GCM-SIV or XC20P keys;
 *   AES-SIV keys with `deterministic: true`
 * @param options - `table` and `column` (required), `deterministic`, `blindIndex`, `pad`,
 *   `keyCommitment`
 * @returns a {@link FieldCipher}
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options
 * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE when the keys do not fit the mode
 * @example
 * ```ts
 * import { fieldCipher } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const email = fieldCipher(keyring, { table: 'users', column: 'email', blindIndex: { normalize: 'email' } });
 * const stored = email.encrypt('alice@example.com', { rowId: 42 }); // 'cf1.…'
 * const index = email.blindIndex(' Alice@Example.com ');            // same as for 'alice@example.com'
 * email.decrypt(stored, { rowId: 42 });                              // 'alice@example.com'
 * ```
 */
export function fieldCipher(keyring: AeadKeys, options: FieldCipherOptions): FieldCipher {
  const state = keyringState(keyring, 'keyring');
  assertOptions(options);
  const table = options.table;
  const column = options.column;
  const context = columnContext(
    nameBytes(table, 'options.table'),
    nameBytes(column, 'options.column'),
  );
  const policy = policyOf(FIELDS_VERSION, options);
  const pad = options.pad ?? 0;
  if (pad !== 0) assertInteger(pad, 'options.pad', 1, 65536);
  const blind =
    options.blindIndex === undefined || options.blindIndex === false
      ? undefined
      : options.blindIndex === true
        ? new BlindIndexer({}, context)
        : new BlindIndexer(options.blindIndex, context);
  primaryMaterial(state, policy); // fail at once, not at the first encrypt
  const noRow = fieldContext(context, undefined);

  const tailOf = (opts: FieldOptions | undefined): Uint8Array => {
    if (opts === undefined) return noRow;
    assertOptions(opts);
    return opts.rowId === undefined ? noRow : fieldContext(context, rowIdText(opts.rowId));
  };
  const seal = (value: unknown, opts: FieldOptions | undefined, text: boolean): Uint8Array => {
    const tail = tailOf(opts);
    const material = primaryMaterial(state, policy);
    const plaintext = encodeValue(value, pad);
    const length = sealedLength(material, policy, plaintext.length);
    const out = text ? scratch(length) : uninitialized(length);
    sealInto(material, policy, plaintext, tail, out);
    plaintext.fill(0);
    return out;
  };
  const bytesOf = (ciphertext: unknown): Uint8Array => {
    if (typeof ciphertext === 'string') return fromText(ciphertext) ?? notField();
    if (ciphertext instanceof Uint8Array) return ciphertext;
    return invalidArgument('ciphertext', 'a string or Uint8Array', ciphertext);
  };
  const openValue = (bytes: Uint8Array, opts: FieldOptions | undefined): FieldValue => {
    const plaintext = open(state, policy, bytes, tailOf(opts));
    try {
      return decodeValue(plaintext);
    } catch (cause) {
      throw new AuthenticationError(undefined, { cause });
    } finally {
      plaintext.fill(0);
    }
  };
  const decrypt = (ciphertext: FieldCiphertext, opts?: FieldOptions): FieldValue =>
    openValue(bytesOf(ciphertext), opts);
  const staleOf = (bytes: Uint8Array | null): boolean => {
    const stale = bytes && isStale(state, policy, bytes);
    if (stale === null || bytes === null) {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        '"ciphertext": not a cachet field ciphertext',
      );
    }
    return stale;
  };
  const needsReencrypt = (ciphertext: FieldCiphertext): boolean =>
    staleOf(typeof ciphertext === 'string' ? fromText(ciphertext) : bytesOf(ciphertext));
  const indexer = (): BlindIndexer => {
    if (!blind) {
      invalidArgument(
        'blindIndex',
        `a column with blind indexes (fieldCipher(..., { blindIndex: true }))`,
        undefined,
      );
    }
    return blind;
  };

  function reencrypt(ciphertext: string, opts?: FieldOptions): string;
  function reencrypt(ciphertext: Uint8Array, opts?: FieldOptions): Uint8Array;
  function reencrypt(ciphertext: FieldCiphertext, opts?: FieldOptions): FieldCiphertext {
    // The text is decoded once, for both the decryption and the header check.
    const bytes = bytesOf(ciphertext);
    const value = openValue(bytes, opts);
    if (!staleOf(bytes)) return ciphertext;
    return typeof ciphertext === 'string'
      ? toText(seal(value, opts, true))
      : seal(value, opts, false);
  }

  return {
    table,
    column,
    encrypt: (value, opts) => toText(seal(value, opts, true)),
    encryptBytes: (value, opts) => seal(value, opts, false),
    decrypt,
    blindIndex(value) {
      const b = indexer();
      const encoded = b.encode(value);
      try {
        primaryMaterial(state, policy);
        return b.index(primaryKey(state), encoded);
      } finally {
        encoded.fill(0);
      }
    },
    blindIndexes(value) {
      const b = indexer();
      const encoded = b.encode(value);
      try {
        const keys = usableKeys(state).filter((key) => isAeadAlg(key.alg));
        return [...new Set(keys.map((key) => b.index(key, encoded)))];
      } finally {
        encoded.fill(0);
      }
    },
    encryptForLookup(value, opts) {
      if (!policy.deterministic) {
        invalidArgument(
          'encryptForLookup',
          'a deterministic cipher (fieldCipher(..., { deterministic: true }))',
          undefined,
        );
      }
      const tail = tailOf(opts);
      const plaintext = encodeValue(value, pad);
      try {
        const out: string[] = [];
        for (const key of usableKeys(state)) {
          if (key.alg !== 'AES-SIV') continue;
          const material = keyMaterial(key, SUITES['AES-SIV']);
          const sealed = scratch(sealedLength(material, policy, plaintext.length));
          sealInto(material, policy, plaintext, tail, sealed);
          out.push(toText(sealed));
        }
        return out;
      } finally {
        plaintext.fill(0);
      }
    },
    needsReencrypt,
    reencrypt,
    textPrefix() {
      const material = primaryMaterial(state, policy);
      const head = new Uint8Array(PREFIX_LENGTH);
      writePrefix(material, policy, head);
      return TEXT_PREFIX + base64urlFast(head);
    },
  };
}

/**
 * Blind indexes (docs/formats.md#fields-blind-index): a keyed hash of the normalized
 * value, truncated, stored beside the ciphertext so equality lookups can use an ordinary
 * B-tree index. Per key K of the keyring and per column:
 *
 *   K_bi  = HKDF-SHA-256(IKM = K, salt = "", info = "cachet fields v1 blind index" ‖ column context, L = 32)
 *   index = hex(truncate_bits(HMAC-SHA-256(K_bi, tag ‖ payload of the normalized value)))
 *
 * The column context (context.ts) makes indexes of the same value unrelated across
 * columns and tables. Truncation makes unrelated values collide on purpose: with `bits` b
 * and n rows, a lookup returns about n / 2^b false matches, which the caller removes by
 * decrypting, and an index alone cannot single out a value.
 */
import { assertInteger, assertOptions } from '../assert.js';
import { hkdfSha256, hmacSha256 } from '../backend/sha256.js';
import { type Key, materialOf } from '../keys/key.js';
import { type Normalizer, normalizerOf } from './normalize.js';
import { encodeValue } from './value.js';

/**
 * Options of a column's blind index.
 *
 * @example
 * ```ts
 * import { type BlindIndexOptions, fieldCipher } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const index: BlindIndexOptions = { normalize: ['digits'], bits: 24 }; // fewer bits, more false matches
 * const phone = fieldCipher(Keyring.generate('A256GCM'), { table: 'users', column: 'phone', blindIndex: index });
 * console.log(phone.blindIndex('+1 (555) 010-9999') === phone.blindIndex('15550109999')); // true
 * ```
 */
export interface BlindIndexOptions {
  /** Bits kept, 1 to 256 (default 32); see docs/fields.md for choosing it. */
  bits?: number;
  /** Normalizers applied in order to string values before indexing (default none). */
  normalize?: Normalizer | readonly Normalizer[];
}

const LABEL = 'cachet fields v1 blind index';
const HEX = '0123456789abcdef';
const EMPTY = new Uint8Array(0);

/** Computes one column's blind indexes. */
export class BlindIndexer {
  readonly #bits: number;
  readonly #normalize: (s: string) => string;
  readonly #info: Uint8Array;
  readonly #keys = new WeakMap<Key, Uint8Array>();

  /**
   * @param options - bits and normalizers (checked here)
   * @param column - the column context (table and column)
   */
  constructor(options: BlindIndexOptions, column: Uint8Array) {
    assertOptions(options, 'options.blindIndex');
    const bits = options.bits ?? 32;
    assertInteger(bits, 'options.blindIndex.bits', 1, 256);
    this.#bits = bits;
    this.#normalize = normalizerOf(options.normalize, 'options.blindIndex.normalize');
    this.#info = new Uint8Array(LABEL.length + column.length);
    for (let i = 0; i < LABEL.length; i++) this.#info[i] = LABEL.charCodeAt(i);
    this.#info.set(column, LABEL.length);
  }

  /** The normalized value's encoding (a scratch buffer; wiped by the caller). */
  encode(value: unknown): Uint8Array {
    return encodeValue(typeof value === 'string' ? this.#normalize(value) : value, 0);
  }

  /** The index of an encoded value under one key. */
  index(key: Key, encoded: Uint8Array): string {
    let k = this.#keys.get(key);
    if (!k) {
      k = hkdfSha256(materialOf(key).secret!, EMPTY, this.#info, 32);
      this.#keys.set(key, k);
    }
    const mac = hmacSha256(k, encoded);
    const bytes = Math.ceil(this.#bits / 8);
    // Keep the first `bits` bits: the high bits of the last byte, the rest zeroed.
    const mask = (0xff << (bytes * 8 - this.#bits)) & 0xff;
    let out = '';
    for (let i = 0; i < bytes; i++) {
      const b = i === bytes - 1 ? mac[i]! & mask : mac[i]!;
      out += HEX[b >>> 4]! + HEX[b & 15]!;
    }
    mac.fill(0);
    return out;
  }
}

/**
 * Typed field values ↔ plaintext bytes (docs/formats.md#fields-values): one tag byte, the
 * payload, and optional bucket padding. The type is part of the plaintext, so what comes
 * out of decrypt is what went into encrypt: a string, a number (-0, NaN and ±Infinity
 * included), a bigint, a boolean, a Date, a Uint8Array, null, or a JSON object or array.
 */
import { invalidArgument } from '../assert.js';
import { scratch, utf8Length, utf8Write } from '../backend/buffer.js';
import { InvalidInputError } from '../errors.js';

/**
 * A JSON value that survives JSON.stringify and JSON.parse unchanged.
 *
 * @example
 * ```ts
 * import { fieldCipher, type JsonValue } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const profile = fieldCipher(Keyring.generate('A256GCM'), { table: 'users', column: 'profile' });
 * const value: JsonValue = { name: 'Alice', tags: ['admin'], score: 1.5 };
 * console.log(profile.decrypt(profile.encrypt(value))); // { name: 'Alice', tags: [ 'admin' ], score: 1.5 }
 * ```
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * Everything a field can hold. JSON objects and arrays are stored as JSON text. The type
 * is encrypted with the value, so decrypting gives back the same type.
 *
 * @example
 * ```ts
 * import { type FieldValue, fieldCipher } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const field = fieldCipher(Keyring.generate('A256GCM'), { table: 't', column: 'c' });
 * const values: FieldValue[] = ['text', -0, 2n ** 70n, true, new Date(0), new Uint8Array([1]), null, [1, 'a']];
 * const back = values.map((v) => field.decrypt(field.encrypt(v)));
 * console.log(Object.is(back[1], -0), typeof back[2], back[4] instanceof Date); // true 'bigint' true
 * ```
 */
export type FieldValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | Uint8Array
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** Type tags (low 7 bits of the first plaintext byte). */
const TAG = {
  null: 0x00,
  string: 0x01,
  number: 0x02,
  bigint: 0x03,
  false: 0x04,
  true: 0x05,
  date: 0x06,
  bytes: 0x07,
  json: 0x08,
} as const;
/** Set on the tag byte when ISO/IEC 7816-4 padding (0x80 0x00*) follows the payload. */
const PADDED = 0x80;
/** ECMA-262 §21.4.1.1: a Date's time value is within ±8.64e15 ms of the epoch. */
const MAX_TIME = 8.64e15;
const MAX_JSON_DEPTH = 512;
const BIGINT = /^-?(0|[1-9][0-9]*)$/;

/** No lone surrogate (which UTF-8 cannot encode): String.prototype.isWellFormed where it exists. */
export const isWellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as string & { isWellFormed(): boolean }).isWellFormed()
    : (s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

function checkJson(value: unknown, path: string, depth: number): void {
  if (depth > MAX_JSON_DEPTH)
    invalidArgument(path, `JSON nested at most ${MAX_JSON_DEPTH} deep`, value);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      // JSON.stringify writes NaN and ±Infinity as null: refuse rather than alter the value.
      if (!Number.isFinite(value)) invalidArgument(path, 'a finite number inside JSON', value);
      return;
    case 'object': {
      if (value === null) return;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) invalidArgument(`${path}[${i}]`, 'an array without holes', undefined);
          checkJson(value[i], `${path}[${i}]`, depth + 1);
        }
        return;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        invalidArgument(path, 'a plain object, array or JSON scalar', value);
      }
      for (const key of Object.keys(value)) {
        checkJson((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      }
      return;
    }
    default:
      invalidArgument(
        path,
        'a JSON value (string, finite number, boolean, null, object, array)',
        value,
      );
  }
}

/** The tag and UTF-8 text for the values that are written as text; null for the rest. */
function textual(value: unknown): [tag: number, text: string] | null {
  if (typeof value === 'string') {
    if (!isWellFormed(value)) {
      invalidArgument('value', 'a well-formed string (a lone surrogate cannot be UTF-8)', value);
    }
    return [TAG.string, value];
  }
  if (typeof value === 'bigint') return [TAG.bigint, value.toString(10)];
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    if (value instanceof Date) return null;
    if (!Array.isArray(value)) {
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        invalidArgument(
          'value',
          'a field value (string, number, bigint, boolean, Date, Uint8Array, null, JSON object or array)',
          value,
        );
      }
    }
    checkJson(value, 'value', 0);
    return [TAG.json, JSON.stringify(value)];
  }
  return null;
}

/**
 * Encodes a value as plaintext: tag ‖ payload ‖ [0x80 ‖ 0x00*] padded to a multiple of
 * `pad` bytes (0: no padding). The result is a scratch buffer (see backend/buffer.ts): the
 * caller must not hand it out.
 *
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a value that cannot round-trip
 */
export function encodeValue(value: unknown, pad: number): Uint8Array {
  let tag: number;
  let length: number;
  let text: string | undefined;
  const asText = textual(value);
  if (asText) {
    [tag, text] = asText;
    length = utf8Length(text);
  } else if (value === null) {
    tag = TAG.null;
    length = 0;
  } else if (typeof value === 'number') {
    tag = TAG.number;
    length = 8;
  } else if (typeof value === 'boolean') {
    tag = value ? TAG.true : TAG.false;
    length = 0;
  } else if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) invalidArgument('value', 'a valid Date', value);
    tag = TAG.date;
    length = 8;
  } else if (value instanceof Uint8Array) {
    tag = TAG.bytes;
    length = value.length;
  } else {
    return invalidArgument(
      'value',
      'a field value (string, number, bigint, boolean, Date, Uint8Array, null, JSON object or array)',
      value,
    );
  }
  const used = 1 + length;
  const total = pad > 0 ? Math.ceil((used + 1) / pad) * pad : used;
  const out = scratch(total);
  out[0] = pad > 0 ? tag | PADDED : tag;
  if (text !== undefined) utf8Write(text, out, 1, length);
  else if (tag === TAG.number) {
    const view = new DataView(out.buffer, out.byteOffset + 1, 8);
    // One NaN bit pattern, so deterministic ciphertexts and blind indexes of NaN agree.
    if (Number.isNaN(value)) {
      view.setUint32(0, 0x7ff80000);
      view.setUint32(4, 0);
    } else view.setFloat64(0, value as number);
  } else if (tag === TAG.date) {
    new DataView(out.buffer, out.byteOffset + 1, 8).setBigInt64(
      0,
      BigInt((value as Date).getTime()),
    );
  } else if (tag === TAG.bytes) out.set(value as Uint8Array, 1);
  if (pad > 0) {
    out[used] = 0x80;
    out.fill(0, used + 1);
  }
  return out;
}

function malformed(): never {
  throw new InvalidInputError('ERR_INVALID_FORMAT', 'the decrypted field value is malformed');
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function text(payload: Uint8Array): string {
  try {
    return decoder.decode(payload);
  } catch {
    return malformed();
  }
}

/**
 * Decodes plaintext written by {@link encodeValue}. Bytes values are copied out.
 *
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT when it is not a valid encoding
 */
export function decodeValue(plaintext: Uint8Array): FieldValue {
  if (plaintext.length === 0) malformed();
  const first = plaintext[0]!;
  let end = plaintext.length;
  if (first & PADDED) {
    while (end > 1 && plaintext[end - 1] === 0) end--;
    if (end <= 1 || plaintext[end - 1] !== 0x80) malformed();
    end--;
  }
  const payload = plaintext.subarray(1, end);
  const fixed = (length: number) => {
    if (payload.length !== length) malformed();
  };
  switch (first & ~PADDED) {
    case TAG.null:
      fixed(0);
      return null;
    case TAG.string:
      return text(payload);
    case TAG.number:
      fixed(8);
      return new DataView(payload.buffer, payload.byteOffset, 8).getFloat64(0);
    case TAG.bigint: {
      const digits = text(payload);
      if (!BIGINT.test(digits) || digits === '-0') malformed();
      return BigInt(digits);
    }
    case TAG.false:
      fixed(0);
      return false;
    case TAG.true:
      fixed(0);
      return true;
    case TAG.date: {
      fixed(8);
      const time = Number(new DataView(payload.buffer, payload.byteOffset, 8).getBigInt64(0));
      if (Math.abs(time) > MAX_TIME) malformed();
      return new Date(time);
    }
    case TAG.bytes: {
      // A copy in memory of its own (the plaintext may be a Node Buffer, whose slice() is a view).
      const bytes = new Uint8Array(payload.length);
      bytes.set(payload);
      return bytes;
    }
    case TAG.json: {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text(payload));
      } catch {
        return malformed();
      }
      if (typeof parsed !== 'object' || parsed === null) malformed();
      return parsed as FieldValue;
    }
    default:
      return malformed();
  }
}

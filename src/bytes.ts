/**
 * Byte encodings and helpers shared by every module: UTF-8, hex, base64 and base64url
 * (strict), concatenation and constant-time comparison.
 *
 * Decoders are strict on purpose: a signature or key that decodes from two different
 * strings is a malleability bug. They reject characters outside the alphabet, wrong
 * padding and non-zero trailing bits (RFC 4648 §3.5 "canonical encoding").
 *
 * @module
 */
import { assertBytes, assertString } from './assert.js';
import { InvalidInputError } from './errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Encodes a string as UTF-8.
 *
 * @param text - any string (lone surrogates become U+FFFD, as TextEncoder does)
 * @returns its UTF-8 bytes
 * @throws {@link InvalidInputError} ERR_INVALID_ARGUMENT if `text` is not a string
 * @example
 * ```ts
 * import { utf8Encode } from 'cachet';
 * utf8Encode('é'); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function utf8Encode(text: string): Uint8Array {
  assertString(text, 'text', true);
  return encoder.encode(text);
}

/**
 * Decodes UTF-8 strictly: invalid sequences throw instead of turning into U+FFFD.
 *
 * @param bytes - UTF-8 bytes
 * @returns the decoded string
 * @throws {@link InvalidInputError} ERR_INVALID_FORMAT for invalid UTF-8
 * @example
 * ```ts
 * import { utf8Decode } from 'cachet';
 * utf8Decode(new Uint8Array([0x68, 0x69])); // 'hi'
 * ```
 */
export function utf8Decode(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new InvalidInputError('ERR_INVALID_FORMAT', '"bytes": not valid UTF-8', { cause });
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Encodes bytes as lowercase hex.
 *
 * @param bytes - the bytes
 * @returns lowercase hex, two characters per byte
 * @example
 * ```ts
 * import { hexEncode } from 'cachet';
 * hexEncode(new Uint8Array([1, 171])); // '01ab'
 * ```
 */
export function hexEncode(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

function hexNibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/**
 * Decodes hex (either case) strictly.
 *
 * @param text - an even number of hex digits
 * @param name - the argument name used in error messages
 * @returns the bytes
 * @throws {@link InvalidInputError} ERR_INVALID_FORMAT on odd length or a non-hex character
 * @example
 * ```ts
 * import { hexDecode } from 'cachet';
 * hexDecode('01ab'); // Uint8Array [1, 171]
 * ```
 */
export function hexDecode(text: string, name = 'text'): Uint8Array {
  assertString(text, name, true);
  if (text.length % 2 !== 0) {
    throw new InvalidInputError('ERR_INVALID_FORMAT', `"${name}": hex has an odd length`);
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexNibble(text.charCodeAt(2 * i));
    const lo = hexNibble(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      throw new InvalidInputError('ERR_INVALID_FORMAT', `"${name}": not valid hex`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function decodeTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const B64_DEC = decodeTable(B64);
const B64URL_DEC = decodeTable(B64URL);

function encode64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      alphabet[n >>> 18]! +
      alphabet[(n >>> 12) & 63]! +
      alphabet[(n >>> 6) & 63]! +
      alphabet[n & 63]!;
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    out +=
      alphabet[n >>> 18]! +
      alphabet[(n >>> 12) & 63]! +
      alphabet[(n >>> 6) & 63]! +
      (pad ? '=' : '');
  }
  return out;
}

function decode64(
  text: string,
  table: Int8Array,
  padded: boolean,
  name: string,
  kind: string,
): Uint8Array {
  const fail = (why: string): never => {
    throw new InvalidInputError('ERR_INVALID_FORMAT', `"${name}": not valid ${kind} (${why})`);
  };
  let end = text.length;
  if (padded) {
    if (end % 4 !== 0) fail('length is not a multiple of 4');
    if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
    if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  }
  // A remainder of one character cannot encode a whole byte (RFC 4648 §4).
  if (end % 4 === 1) fail('bad length');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? table[c]! : -1;
    if (v < 0) fail(c === 61 ? 'misplaced padding' : 'character outside the alphabet');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  // RFC 4648 §3.5: the unused trailing bits must be zero for a canonical encoding.
  if ((acc & ((1 << bits) - 1)) !== 0) fail('non-zero trailing bits');
  return out;
}

/**
 * Encodes bytes as standard base64 with padding (RFC 4648 §4).
 *
 * @param bytes - the bytes
 * @returns padded base64
 * @example
 * ```ts
 * import { base64Encode } from 'cachet';
 * base64Encode(new Uint8Array([255, 255])); // '//8='
 * ```
 */
export function base64Encode(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  return encode64(bytes, B64, true);
}

/**
 * Decodes standard base64 strictly: padding required and exact, no whitespace, no
 * characters outside the alphabet, trailing bits zero.
 *
 * @param text - padded base64
 * @param name - the argument name used in error messages
 * @returns the bytes
 * @throws {@link InvalidInputError} ERR_INVALID_FORMAT for any deviation
 * @example
 * ```ts
 * import { base64Decode } from 'cachet';
 * base64Decode('//8='); // Uint8Array [255, 255]
 * ```
 */
export function base64Decode(text: string, name = 'text'): Uint8Array {
  assertString(text, name, true);
  return decode64(text, B64_DEC, true, name, 'base64');
}

/**
 * Encodes bytes as base64url without padding (RFC 4648 §5, as JOSE uses it).
 *
 * @param bytes - the bytes
 * @returns unpadded base64url
 * @example
 * ```ts
 * import { base64urlEncode } from 'cachet';
 * base64urlEncode(new Uint8Array([255, 255])); // '__8'
 * ```
 */
export function base64urlEncode(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  return encode64(bytes, B64URL, false);
}

/**
 * Decodes unpadded base64url strictly (RFC 7515 §2: no padding, no whitespace).
 *
 * @param text - unpadded base64url
 * @param name - the argument name used in error messages
 * @returns the bytes
 * @throws {@link InvalidInputError} ERR_INVALID_FORMAT for any deviation, including `=`
 * @example
 * ```ts
 * import { base64urlDecode } from 'cachet';
 * base64urlDecode('__8'); // Uint8Array [255, 255]
 * ```
 */
export function base64urlDecode(text: string, name = 'text'): Uint8Array {
  assertString(text, name, true);
  return decode64(text, B64URL_DEC, false, name, 'base64url');
}

/**
 * Concatenates byte arrays into a new array.
 *
 * @param parts - the arrays, in order
 * @returns a fresh array holding all bytes
 * @example
 * ```ts
 * import { concatBytes } from 'cachet';
 * concatBytes(new Uint8Array([1]), new Uint8Array([2, 3])); // Uint8Array [1, 2, 3]
 * ```
 */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (let i = 0; i < parts.length; i++) {
    assertBytes(parts[i], `parts[${i}]`);
    length += parts[i]!.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Compares two byte arrays in constant time for a given length. Views are compared over
 * their own bytes (`byteOffset` respected). Lengths are not secret: arrays of different
 * lengths return `false` at once.
 *
 * @param a - first array
 * @param b - second array
 * @returns whether they hold the same bytes
 * @example
 * ```ts
 * import { equalBytes } from 'cachet';
 * equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2])); // true
 * ```
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'a');
  assertBytes(b, 'b');
  return timingSafeEqual(a, b);
}

/** @internal Constant-time comparison without argument checks, for already-checked callers. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

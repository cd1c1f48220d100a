// Independent reference codecs for tests that must not trust src/bytes.ts: written from
// the specs (RFC 4648, RFC 3629) a different way (bit strings and code points) and
// usable in the browser, where Node's Buffer is not available.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** RFC 4648 §4 with padding, or §5 (URL alphabet, no padding) when `url` is set. */
export function refBase64(bytes: Uint8Array, url = false): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  while (bits.length % 6 !== 0) bits += '0';
  let out = '';
  for (let i = 0; i < bits.length; i += 6) out += B64[Number.parseInt(bits.slice(i, i + 6), 2)];
  if (url) return out.replaceAll('+', '-').replaceAll('/', '_');
  while (out.length % 4 !== 0) out += '=';
  return out;
}

/** Lowercase hex. */
export function refHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
}

/** UTF-8 of a well-formed string (RFC 3629 §3), from its code points. */
export function refUtf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      );
  }
  return Uint8Array.from(out);
}

/**
 * Strict UTF-8 decoding per RFC 3629 §4 (no overlong forms, no surrogates, nothing above
 * U+10FFFF), or undefined for invalid input.
 */
export function refUtf8Decode(bytes: Uint8Array): string | undefined {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let need: number;
    let cp: number;
    let min: number;
    if (b < 0x80) [need, cp, min] = [0, b, 0];
    else if (b >= 0xc0 && b < 0xe0) [need, cp, min] = [1, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b < 0xf0) [need, cp, min] = [2, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b < 0xf8) [need, cp, min] = [3, b & 0x07, 0x10000];
    else return undefined;
    for (let j = 1; j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Whether a string has no lone surrogates (so UTF-8 can represent it exactly). */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

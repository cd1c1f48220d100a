/**
 * The DER reader for certificates and CRLs (ITU-T X.690 §10). Unlike src/der.ts, it keeps
 * the offsets of every element (the signed TBS bytes and names are compared and verified
 * as raw spans, never re-encoded) and fails with ERR_CERT_MALFORMED. BER leniencies are
 * refused: indefinite or non-minimal lengths, lengths past the end, trailing bytes,
 * high-tag-number forms (no X.509 structure uses them).
 */
import { CertificateError } from '../errors.js';

/** Universal and context tags used in certificates. */
export const T = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  T61: 0x14,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE: 0x1a,
  UNIVERSAL: 0x1c,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag `[n]`, constructed or primitive. */
export const ctx = (n: number, constructed: boolean): number => (constructed ? 0xa0 : 0x80) | n;

/** Throws ERR_CERT_MALFORMED naming what was being read. */
export function malformed(what: string, why: string): never {
  throw new CertificateError('ERR_CERT_MALFORMED', `${what}: ${why}`);
}

/** One element: its tag and the offsets of its header and contents in the buffer. */
export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  body: number;
  /** Offset just past the contents. */
  end: number;
}

/** A cursor over the elements between two offsets of one buffer. */
export class Reader {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;
  readonly what: string;

  constructor(buf: Uint8Array, what: string, start: number = 0, end: number = buf.length) {
    this.buf = buf;
    this.what = what;
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next tag, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.buf[this.pos]! : -1;
  }

  /** Reads the next element, checking its tag when given. */
  next(tag?: number): Tlv {
    const b = this.buf;
    const start = this.pos;
    if (start + 2 > this.end) malformed(this.what, 'truncated');
    const t = b[start]!;
    if (tag !== undefined && t !== tag) {
      malformed(this.what, `expected tag 0x${tag.toString(16)}, found 0x${t.toString(16)}`);
    }
    if ((t & 0x1f) === 0x1f) malformed(this.what, 'high tag numbers are not used in X.509');
    let p = start + 1;
    let length = b[p++]!;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0) malformed(this.what, 'indefinite length (BER, not DER)');
      if (n > 4 || p + n > this.end) malformed(this.what, 'bad length');
      if (b[p] === 0) malformed(this.what, 'non-minimal length');
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + b[p++]!;
      if (length < 0x80) malformed(this.what, 'non-minimal length');
    }
    const end = p + length;
    if (end > this.end) malformed(this.what, 'length past the end');
    this.pos = end;
    return { tag: t, start, body: p, end };
  }

  /** Reads the next element if its tag is `tag`. */
  optional(tag: number): Tlv | undefined {
    return this.peek() === tag ? this.next(tag) : undefined;
  }

  /** A reader over the contents of a constructed element. */
  inside(tlv: Tlv, what: string = this.what): Reader {
    return new Reader(this.buf, what, tlv.body, tlv.end);
  }

  /** Reads a constructed element (SEQUENCE by default) and returns a reader over it. */
  enter(tag: number = T.SEQUENCE, what: string = this.what): Reader {
    return this.inside(this.next(tag), what);
  }

  /** The contents of an element. */
  contents(tlv: Tlv): Uint8Array {
    return this.buf.subarray(tlv.body, tlv.end);
  }

  /** The whole encoding of an element (tag, length, contents). */
  raw(tlv: Tlv): Uint8Array {
    return this.buf.subarray(tlv.start, tlv.end);
  }

  /** Throws unless every element was read. */
  finish(): void {
    if (this.pos !== this.end) malformed(this.what, 'unexpected trailing data');
  }

  /** Reads an OBJECT IDENTIFIER in dotted form. */
  oid(): string {
    return decodeOid(this.contents(this.next(T.OID)), this.what);
  }

  /** Reads a BOOLEAN; DER allows only 0x00 and 0xff (X.690 §11.1). */
  boolean(): boolean {
    const c = this.contents(this.next(T.BOOLEAN));
    if (c.length !== 1 || (c[0] !== 0 && c[0] !== 0xff)) malformed(this.what, 'bad BOOLEAN');
    return c[0] === 0xff;
  }

  /** Reads an INTEGER's two's-complement contents, checked minimal (X.690 §8.3.2). */
  integer(tag: number = T.INTEGER): Uint8Array {
    const c = this.contents(this.next(tag));
    checkInteger(c, this.what);
    return c;
  }

  /** Reads a small non-negative INTEGER (versions, path lengths, skip counts). */
  smallInteger(tag: number = T.INTEGER): number {
    const c = this.integer(tag);
    if (c[0]! & 0x80) malformed(this.what, 'negative INTEGER');
    if (c.length > 5 || (c.length === 5 && c[0] !== 0)) malformed(this.what, 'INTEGER too large');
    let n = 0;
    for (const byte of c) n = n * 256 + byte;
    return n;
  }

  /** Reads a BIT STRING, returning its unused-bit count and bytes. */
  bitString(tag: number = T.BIT_STRING): { unused: number; bytes: Uint8Array } {
    const c = this.contents(this.next(tag));
    if (c.length === 0) malformed(this.what, 'empty BIT STRING');
    const unused = c[0]!;
    if (unused > 7 || (unused > 0 && c.length === 1)) malformed(this.what, 'bad BIT STRING');
    // X.690 §11.2.1: the unused bits of a DER BIT STRING are zero.
    if (unused > 0 && c[c.length - 1]! & ((1 << unused) - 1)) {
      malformed(this.what, 'BIT STRING with non-zero padding bits');
    }
    return { unused, bytes: c.subarray(1) };
  }

  /** Reads a NULL. */
  null(): void {
    const tlv = this.next(T.NULL);
    if (tlv.end !== tlv.body) malformed(this.what, 'NULL with contents');
  }
}

/** Checks an INTEGER's contents are non-empty and minimal. */
function checkInteger(c: Uint8Array, what: string): void {
  if (c.length === 0) malformed(what, 'empty INTEGER');
  if (c.length > 1 && ((c[0] === 0 && !(c[1]! & 0x80)) || (c[0] === 0xff && c[1]! & 0x80))) {
    malformed(what, 'non-minimal INTEGER');
  }
}

/** Decodes OBJECT IDENTIFIER contents to dotted form (X.690 §8.19). */
export function decodeOid(c: Uint8Array, what: string): string {
  if (c.length === 0 || c[c.length - 1]! & 0x80) malformed(what, 'bad OBJECT IDENTIFIER');
  let out = '';
  let value = 0;
  let first = true;
  for (let i = 0; i < c.length; i++) {
    const byte = c[i]!;
    if (value === 0 && byte === 0x80) malformed(what, 'non-minimal OBJECT IDENTIFIER');
    value = value * 128 + (byte & 0x7f);
    if (value > 2 ** 46) malformed(what, 'OBJECT IDENTIFIER arc too large');
    if (byte & 0x80) continue;
    if (first) {
      out = value < 80 ? `${Math.floor(value / 40)}.${value % 40}` : `2.${value - 80}`;
      first = false;
    } else {
      out += `.${value}`;
    }
    value = 0;
  }
  return out;
}

/**
 * A minimal, strict DER reader and writer (ITU-T X.690 §10) for the few structures cachet
 * parses itself: SubjectPublicKeyInfo, PKCS #8, SEC1 EC keys, RSA public keys and ECDSA
 * signatures. BER leniencies are refused: indefinite lengths, non-minimal lengths, lengths
 * past the end. Every failure is ERR_INVALID_FORMAT naming what was being read.
 */
import { InvalidInputError } from './errors.js';

/** Universal tags used here. */
export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

/** One TLV: its tag and the bytes of its contents. */
export interface Tlv {
  tag: number;
  contents: Uint8Array;
}

function fail(what: string, why: string): never {
  throw new InvalidInputError('ERR_INVALID_FORMAT', `${what}: invalid DER (${why})`);
}

/** A cursor over DER bytes. */
export class DerReader {
  #bytes: Uint8Array;
  #pos = 0;
  readonly #what: string;

  /** @param bytes - DER bytes  @param what - name used in error messages */
  constructor(bytes: Uint8Array, what: string) {
    this.#bytes = bytes;
    this.#what = what;
  }

  /** True when every byte has been read. */
  get done(): boolean {
    return this.#pos === this.#bytes.length;
  }

  /** The tag of the next TLV, or -1 at the end. */
  peekTag(): number {
    return this.done ? -1 : this.#bytes[this.#pos]!;
  }

  /** Reads the next TLV, checking its tag when `tag` is given. */
  read(tag?: number): Tlv {
    const bytes = this.#bytes;
    if (this.#pos + 2 > bytes.length) fail(this.#what, 'truncated');
    const t = bytes[this.#pos++]!;
    if (tag !== undefined && t !== tag) fail(this.#what, `expected tag 0x${tag.toString(16)}`);
    if ((t & 0x1f) === 0x1f) fail(this.#what, 'multi-byte tags are not used here');
    let length = bytes[this.#pos++]!;
    if (length & 0x80) {
      const n = length & 0x7f;
      // n = 0 is the BER indefinite form; more than 4 length bytes is never needed here.
      if (n === 0 || n > 4) fail(this.#what, 'unsupported length form');
      if (this.#pos + n > bytes.length) fail(this.#what, 'truncated length');
      if (bytes[this.#pos] === 0) fail(this.#what, 'non-minimal length');
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[this.#pos++]!;
      if (length < 0x80) fail(this.#what, 'non-minimal length');
    }
    if (this.#pos + length > bytes.length) fail(this.#what, 'length past the end');
    const contents = bytes.subarray(this.#pos, this.#pos + length);
    this.#pos += length;
    return { tag: t, contents };
  }

  /** Reads a SEQUENCE (or another constructed tag) and returns a reader over its contents. */
  enter(tag: number = TAG.SEQUENCE): DerReader {
    return new DerReader(this.read(tag).contents, this.#what);
  }

  /** Reads an OBJECT IDENTIFIER and returns it in dotted form. */
  readOid(): string {
    return decodeOid(this.read(TAG.OID).contents, this.#what);
  }

  /**
   * Reads a non-negative INTEGER and returns its minimal big-endian magnitude (no sign
   * byte). Negative values and non-minimal encodings are refused (X.690 §8.3.2).
   */
  readUnsignedInteger(): Uint8Array {
    const c = this.read(TAG.INTEGER).contents;
    if (c.length === 0) fail(this.#what, 'empty INTEGER');
    if (c[0]! & 0x80) fail(this.#what, 'negative INTEGER');
    if (c.length > 1 && c[0] === 0 && !(c[1]! & 0x80)) fail(this.#what, 'non-minimal INTEGER');
    return c[0] === 0 && c.length > 1 ? c.subarray(1) : c;
  }

  /** Reads a small non-negative INTEGER (a version field). */
  readSmallInteger(): number {
    const v = this.readUnsignedInteger();
    if (v.length > 4) fail(this.#what, 'INTEGER too large');
    let n = 0;
    for (const b of v) n = n * 256 + b;
    return n;
  }

  /** Reads a BIT STRING with no unused bits and returns its bytes. */
  readBitString(): Uint8Array {
    const c = this.read(TAG.BIT_STRING).contents;
    if (c.length === 0 || c[0] !== 0) fail(this.#what, 'BIT STRING with unused bits');
    return c.subarray(1);
  }

  /** Throws unless every byte was consumed. */
  end(): void {
    if (!this.done) fail(this.#what, 'trailing data');
  }
}

function decodeOid(c: Uint8Array, what: string): string {
  if (c.length === 0 || c[c.length - 1]! & 0x80) fail(what, 'bad OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < c.length; i++) {
    if (value === 0 && c[i] === 0x80) fail(what, 'non-minimal OBJECT IDENTIFIER');
    value = value * 128 + (c[i]! & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) fail(what, 'OBJECT IDENTIFIER arc too large');
    if (!(c[i]! & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs[0]!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  return [0x80 | out.length, ...out];
}

/** Encodes one TLV. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const c of contents) length += c.length;
  const head = [tag, ...encodeLength(length)];
  const out = new Uint8Array(head.length + length);
  out.set(head);
  let offset = head.length;
  for (const c of contents) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Encodes a non-negative INTEGER from a big-endian magnitude (leading zeros trimmed). */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const m = magnitude.subarray(start);
  const pad = m.length === 0 || m[0]! & 0x80 ? new Uint8Array([0]) : new Uint8Array(0);
  return tlv(TAG.INTEGER, pad, m);
}

/** Encodes a dotted OBJECT IDENTIFIER. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const values = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const v of values) {
    const bytes = [v & 0x7f];
    for (let n = Math.floor(v / 128); n > 0; n = Math.floor(n / 128))
      bytes.unshift(0x80 | (n & 0x7f));
    out.push(...bytes);
  }
  return tlv(TAG.OID, new Uint8Array(out));
}

/** Encodes a BIT STRING with no unused bits. */
export function bitString(bytes: Uint8Array): Uint8Array {
  return tlv(TAG.BIT_STRING, new Uint8Array([0]), bytes);
}

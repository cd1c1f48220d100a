/**
 * Distinguished names (RFC 5280 §4.1.2.4): a SEQUENCE of relative distinguished names,
 * each a SET of (type, value) attributes. Names are compared as their exact DER bytes, as
 * Go, BoringSSL and rustls-webpki do; conforming CAs encode a name the same way in the
 * subject of a CA and the issuer of what it signs (RFC 5280 §7.1 caveats aside).
 */
import { hexEncode } from '../bytes.js';
import { malformed, type Reader, T } from './asn1.js';
import { ATTRIBUTE_NAMES } from './oids.js';

/**
 * One attribute of a name.
 *
 * @example
 * ```ts
 * import { createTestPki, type NameAttribute } from 'cachet/x509';
 * const pki = await createTestPki({ leaf: { subject: 'CN=api.example.com,O=Example', dnsNames: ['api.example.com'] } });
 * const attributes: NameAttribute[] = pki.leaf.subject.rdns.flat();
 * console.log(attributes.map((a) => `${a.type}=${a.value}`)); // [ 'O=Example', 'CN=api.example.com' ]
 * ```
 */
export interface NameAttribute {
  /** Attribute type OID, e.g. `'2.5.4.3'`. */
  readonly oid: string;
  /** Short name when known (`'CN'`, `'O'`, `'emailAddress'`...), otherwise the OID. */
  readonly type: string;
  /** The value as text (strings decoded; other types as `#` + hex of their DER, RFC 4514 §2.4). */
  readonly value: string;
  /** ASN.1 tag of the value (0x0c UTF8String, 0x13 PrintableString, 0x16 IA5String...). */
  readonly tag: number;
}

/**
 * A distinguished name.
 *
 * @example
 * ```ts
 * import { createTestPki, type DistinguishedName } from 'cachet/x509';
 * const pki = await createTestPki({ leaf: { subject: 'CN=api.example.com,O=Example', dnsNames: ['api.example.com'] } });
 * const subject: DistinguishedName = pki.leaf.subject;
 * console.log(subject.text); // 'CN=api.example.com,O=Example'
 * const cn = subject.rdns.flat().find((a) => a.type === 'CN')?.value; // 'api.example.com'
 * ```
 */
export interface DistinguishedName {
  /** RFC 4514 text, most specific attribute first: `CN=example.com,O=Example,C=US`. */
  readonly text: string;
  /** Relative distinguished names in encoded order (most general first), each a set of attributes. */
  readonly rdns: ReadonlyArray<ReadonlyArray<NameAttribute>>;
}

/** A parsed name and its exact encoding. */
export interface ParsedName {
  readonly name: DistinguishedName;
  /** DER of the whole Name, for comparison. */
  readonly der: Uint8Array;
  /** DER of each RDN (the SET), for directoryName constraints. */
  readonly rdnDer: readonly Uint8Array[];
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a directory string value; undefined for a tag that is not a string. */
function decodeString(tag: number, c: Uint8Array, what: string): string | undefined {
  switch (tag) {
    case T.UTF8:
      try {
        return utf8.decode(c);
      } catch {
        return malformed(what, 'invalid UTF-8 in a UTF8String');
      }
    case T.PRINTABLE:
    case T.IA5:
    case T.VISIBLE:
    case 0x12: // NumericString
      for (const byte of c) if (byte > 0x7f) malformed(what, 'non-ASCII byte in an ASCII string');
      return latin1.decode(c);
    case T.T61:
      return latin1.decode(c);
    case T.BMP: {
      if (c.length % 2) malformed(what, 'odd-length BMPString');
      let s = '';
      for (let i = 0; i < c.length; i += 2) s += String.fromCharCode((c[i]! << 8) | c[i + 1]!);
      return s;
    }
    case T.UNIVERSAL: {
      if (c.length % 4) malformed(what, 'bad UniversalString length');
      let s = '';
      for (let i = 0; i < c.length; i += 4) {
        const cp = ((c[i]! << 24) | (c[i + 1]! << 16) | (c[i + 2]! << 8) | c[i + 3]!) >>> 0;
        if (cp > 0x10ffff) malformed(what, 'bad UniversalString character');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return undefined;
  }
}

// RFC 4514 §2.4: characters escaped in attribute values.
function escapeValue(value: string): string {
  let out = value.replace(/[\\"+,;<>=]/g, (c) => `\\${c}`);
  out = out.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped
    /[\u0000-\u001f]/g,
    (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/** Reads a Name from `r` (RFC 5280 §4.1.2.4). */
export function readName(r: Reader, what: string): ParsedName {
  const tlv = r.next(T.SEQUENCE);
  const seq = r.inside(tlv, what);
  const rdns: NameAttribute[][] = [];
  const rdnDer: Uint8Array[] = [];
  const parts: string[] = [];
  while (!seq.done) {
    const setTlv = seq.next(T.SET);
    rdnDer.push(seq.raw(setTlv));
    const set = seq.inside(setTlv, what);
    const attributes: NameAttribute[] = [];
    const texts: string[] = [];
    // X.501: a RelativeDistinguishedName is SET SIZE (1..MAX).
    if (set.done) malformed(what, 'empty relative distinguished name');
    while (!set.done) {
      const attr = set.enter(T.SEQUENCE, what);
      const oid = attr.oid();
      const valueTlv = attr.next();
      attr.finish();
      const text = decodeString(valueTlv.tag, attr.contents(valueTlv), what);
      const type = ATTRIBUTE_NAMES.get(oid) ?? oid;
      const value = text ?? `#${hexEncode(attr.raw(valueTlv))}`;
      attributes.push(Object.freeze({ oid, type, value, tag: valueTlv.tag }));
      texts.push(`${type}=${text === undefined ? value : escapeValue(value)}`);
    }
    rdns.push(Object.freeze(attributes) as NameAttribute[]);
    parts.push(texts.join('+'));
  }
  const text = parts.reverse().join(',');
  return {
    name: Object.freeze({ text, rdns: Object.freeze(rdns) }),
    der: r.raw(tlv),
    rdnDer,
  };
}

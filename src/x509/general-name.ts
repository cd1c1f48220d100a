/**
 * GeneralName (RFC 5280 §4.2.1.6) as used in subjectAltName, name constraints, AKI, AIA
 * and CRL distribution points. IA5String forms must be ASCII (a non-ASCII byte is a
 * malformed certificate); names that are well-encoded but not valid in their syntax (a DNS
 * name with `_`, an email with two `@`, an IP of the wrong length) are kept with
 * `valid: false`: they never match a host name and always violate a name constraint.
 */
import { ctx, decodeOid, malformed, type Reader, T, type Tlv } from './asn1.js';
import { asciiLower, isDnsName, isEmail } from './dns.js';
import { formatIp, prefixLength } from './ip.js';
import { type ParsedName, readName } from './name.js';

/** Name forms, numbered by their GeneralName tag. */
export const FORM = {
  otherName: 0,
  email: 1,
  dns: 2,
  x400: 3,
  dn: 4,
  ediParty: 5,
  uri: 6,
  ip: 7,
  registeredId: 8,
} as const;
export type FormNumber = (typeof FORM)[keyof typeof FORM];

/** One parsed GeneralName. */
export interface GName {
  form: FormNumber;
  /** Text for email, dns and uri; OID for otherName and registeredId; address text for ip. */
  text: string;
  /** ASCII-lowercased text (DNS names, email domains and URI hosts compare case-insensitively). */
  lower?: string;
  /** Raw bytes: the address for ip, the Name DER for dn. */
  bytes?: Uint8Array;
  dn?: ParsedName;
  valid: boolean;
}

function ascii(c: Uint8Array, what: string): string {
  let s = '';
  for (const byte of c) {
    if (byte > 0x7f) malformed(what, 'non-ASCII byte in an IA5String name');
    s += String.fromCharCode(byte);
  }
  return s;
}

/**
 * Reads one GeneralName. With `constraint` (a name constraint's base), iPAddress is read as
 * address ‖ mask and the text forms are checked against the constraint syntax instead.
 */
export function readGeneralName(r: Reader, what: string, constraint = false): GName {
  const tlv: Tlv = r.next();
  const c = r.contents(tlv);
  switch (tlv.tag) {
    case ctx(0, true): {
      const inner = r.inside(tlv, what);
      const oid = inner.oid();
      inner.next(ctx(0, true));
      inner.finish();
      return { form: FORM.otherName, text: oid, valid: true };
    }
    case ctx(1, false): {
      const text = ascii(c, what);
      const valid = constraint ? isEmailConstraint(text) : isEmail(text);
      return { form: FORM.email, text, lower: asciiLower(text), valid };
    }
    case ctx(2, false): {
      const text = ascii(c, what);
      const valid = constraint ? isDnsConstraint(text) : isDnsName(text, true);
      return { form: FORM.dns, text, lower: asciiLower(text), valid };
    }
    case ctx(3, true):
      return { form: FORM.x400, text: '', valid: true };
    case ctx(4, true): {
      const inner = r.inside(tlv, what);
      const dn = readName(inner, what);
      inner.finish();
      return { form: FORM.dn, text: dn.name.text, dn, bytes: dn.der, valid: true };
    }
    case ctx(5, true):
      return { form: FORM.ediParty, text: '', valid: true };
    case ctx(6, false): {
      const text = ascii(c, what);
      const valid = constraint ? isUriConstraint(text) : text.length > 0;
      return { form: FORM.uri, text, lower: asciiLower(text), valid };
    }
    case ctx(7, false): {
      const bytes = c.slice();
      if (constraint) {
        const half = bytes.length / 2;
        // An address and a contiguous netmask (CIDR), 4+4 or 16+16 bytes.
        const ok =
          (bytes.length === 8 || bytes.length === 32) && prefixLength(bytes.subarray(half)) >= 0;
        const text = ok
          ? `${formatIp(bytes.subarray(0, half))}/${formatIp(bytes.subarray(half))}`
          : '(invalid)';
        return { form: FORM.ip, text, bytes, valid: ok };
      }
      const ok = bytes.length === 4 || bytes.length === 16;
      return { form: FORM.ip, text: ok ? formatIp(bytes) : '(invalid)', bytes, valid: ok };
    }
    case ctx(8, false):
      return { form: FORM.registeredId, text: decodeOid(c, what), valid: true };
    default:
      return malformed(what, `unknown GeneralName tag 0x${tlv.tag.toString(16)}`);
  }
}

/** Reads GeneralNames: SEQUENCE SIZE (1..MAX) OF GeneralName. */
export function readGeneralNames(r: Reader, what: string): GName[] {
  const seq = r.enter(T.SEQUENCE, what);
  const names: GName[] = [];
  while (!seq.done) names.push(readGeneralName(seq, what));
  if (names.length === 0) malformed(what, 'empty GeneralNames');
  return names;
}

/** RFC 5280 §4.2.1.10: a DNS constraint is a DNS name (no wildcard, no leading dot); empty matches all. */
function isDnsConstraint(text: string): boolean {
  return text === '' || isDnsName(text, false);
}

/** An rfc822Name constraint: a mailbox, a host, or `.domain` for any subdomain (RFC 5280 §4.2.1.10). */
function isEmailConstraint(text: string): boolean {
  if (text.includes('@')) return isEmail(text);
  const host = text.startsWith('.') ? text.slice(1) : text;
  return isDnsName(host, false);
}

/** A URI constraint is a host, or `.domain` for any host under it (RFC 5280 §4.2.1.10). */
function isUriConstraint(text: string): boolean {
  return isDnsName(text.startsWith('.') ? text.slice(1) : text, false);
}

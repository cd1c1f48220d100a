/**
 * The signed shell certificates and CRLs share (RFC 5280 §4.1.1, §5.1.1):
 * SEQUENCE { tbs, signatureAlgorithm, signatureValue }, and the list of extensions both
 * carry (RFC 5280 §4.1.2.9, §5.1.2.7, §5.3). One reader each so the two parsers cannot drift.
 */
import { readSignatureAlgorithm, type SignatureAlgorithm } from './algorithms.js';
import { malformed, Reader, T, type Tlv } from './asn1.js';
import type { RawExtension } from './extensions.js';

/** The outer fields of a signed object, and a reader positioned at the start of its TBS. */
export interface Signed {
  /** A reader over the contents of the TBS element. */
  tbs: Reader;
  /** The signed bytes: the whole TBS element. */
  tbsBytes: Uint8Array;
  sigAlg: SignatureAlgorithm;
  signature: Uint8Array;
  /** The DER of the outer signatureAlgorithm, for the §4.1.1.2 / §5.1.1.2 comparison. */
  outerAlg: Uint8Array;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Reads the signed shell of `der` (the whole input, nothing after it). */
export function readSigned(der: Uint8Array, what: string): Signed {
  const top = new Reader(der, what);
  const outer = top.enter(T.SEQUENCE, what);
  top.finish();
  const tbsTlv: Tlv = outer.next(T.SEQUENCE);
  const outerAlgStart = outer.pos;
  const sigAlg = readSignatureAlgorithm(outer);
  const outerAlg = der.subarray(outerAlgStart, outer.pos);
  const sig = outer.bitString();
  outer.finish();
  if (sig.unused !== 0) malformed(what, 'signature with unused bits');
  return {
    tbs: outer.inside(tbsTlv, what),
    tbsBytes: outer.raw(tbsTlv),
    sigAlg,
    signature: sig.bytes,
    outerAlg,
  };
}

/**
 * Reads the signature field inside the TBS, which MUST equal the outer signatureAlgorithm
 * (RFC 5280 §4.1.1.2 for certificates, §5.1.1.2 for CRLs).
 */
export function readInnerAlgorithm(tbs: Reader, outerAlg: Uint8Array, what: string): void {
  const start = tbs.pos;
  readSignatureAlgorithm(tbs);
  if (!sameBytes(tbs.buf.subarray(start, tbs.pos), outerAlg)) {
    malformed(what, 'signatureAlgorithm differs from the signature field of the TBS');
  }
}

/**
 * Reads an Extensions SEQUENCE. RFC 5280 §4.2 / §5.2: no extension appears more than once.
 * Whether an empty list is refused is the caller's rule.
 */
export function readExtensionList(r: Reader, what: string): RawExtension[] {
  const list = r.enter(T.SEQUENCE, what);
  const out: RawExtension[] = [];
  const seen = new Set<string>();
  while (!list.done) {
    const e = list.enter(T.SEQUENCE, what);
    const oid = e.oid();
    const critical = e.peek() === T.BOOLEAN ? e.boolean() : false;
    const value = e.contents(e.next(T.OCTET_STRING));
    e.finish();
    if (seen.has(oid)) malformed(what, `duplicate extension ${oid}`);
    seen.add(oid);
    out.push({ oid, critical, value });
  }
  return out;
}

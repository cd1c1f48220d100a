/**
 * Parses the DER of an X.509 v1–v3 certificate (RFC 5280 §4.1) into the internal record
 * the validator works on: raw spans for what is signed and compared, decoded fields for
 * the rest. Structural errors are ERR_CERT_MALFORMED; profile rules (criticality, required
 * extensions, key sizes) are left to the validator so an unused certificate never fails a
 * validation.
 */
import { type PublicKeyData, readPublicKey, type SignatureAlgorithm } from './algorithms.js';
import { malformed, T } from './asn1.js';
import { type DecodedExtensions, decodeExtensions, type RawExtension } from './extensions.js';
import { type ParsedName, readName } from './name.js';
import { readExtensionList, readInnerAlgorithm, readSigned, sameBytes } from './signed.js';
import { readTime } from './time.js';

/** Everything the validator needs from one certificate. */
export interface CertData {
  der: Uint8Array;
  /** The signed bytes: the whole TBSCertificate element. */
  tbs: Uint8Array;
  sigAlg: SignatureAlgorithm;
  signature: Uint8Array;
  version: number;
  /** Two's-complement serial number contents. */
  serial: Uint8Array;
  issuer: ParsedName;
  subject: ParsedName;
  notBefore: number;
  notAfter: number;
  spki: Uint8Array;
  key: PublicKeyData;
  extensions: RawExtension[];
  ext: DecodedExtensions;
  selfIssued: boolean;
}

/** Parses certificate DER (already copied by the caller: the record keeps views into it). */
export function parseCertificateDer(der: Uint8Array): CertData {
  const what = 'certificate';
  const { tbs, tbsBytes, sigAlg, signature, outerAlg } = readSigned(der, what);
  let version = 1;
  const versionTag = tbs.optional(0xa0);
  if (versionTag) {
    const v = tbs.inside(versionTag, what);
    version = v.smallInteger() + 1;
    v.finish();
    if (version > 3) malformed(what, `unknown version ${version}`);
  }
  const serial = tbs.integer();
  readInnerAlgorithm(tbs, outerAlg, what);
  const issuer = readName(tbs, `${what} issuer`);
  const validity = tbs.enter(T.SEQUENCE, `${what} validity`);
  const notBefore = readTime(validity);
  const notAfter = readTime(validity);
  validity.finish();
  const subject = readName(tbs, `${what} subject`);
  const spkiStart = tbs.pos;
  const spkiTlv = tbs.next(T.SEQUENCE);
  const spki = tbs.raw(spkiTlv);
  tbs.pos = spkiStart;
  const key = readPublicKey(tbs, spki);
  if (tbs.optional(0x81) && version < 2) malformed(what, 'issuerUniqueID in a v1 certificate');
  if (tbs.optional(0x82) && version < 2) malformed(what, 'subjectUniqueID in a v1 certificate');
  let extensions: RawExtension[] = [];
  const extTag = tbs.optional(0xa3);
  if (extTag) {
    if (version !== 3) malformed(what, 'extensions in a certificate that is not v3');
    const inner = tbs.inside(extTag, what);
    extensions = readExtensionList(inner, what);
    // RFC 5280 §4.1: Extensions ::= SEQUENCE SIZE (1..MAX).
    if (extensions.length === 0) malformed(what, 'empty extensions');
    inner.finish();
  }
  tbs.finish();
  return {
    der,
    tbs: tbsBytes,
    sigAlg,
    signature,
    version,
    serial,
    issuer,
    subject,
    notBefore,
    notAfter,
    spki,
    key,
    extensions,
    ext: decodeExtensions(extensions, what),
    selfIssued: sameBytes(issuer.der, subject.der),
  };
}

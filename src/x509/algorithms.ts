/**
 * The signature algorithms cachet accepts in certificates and CRLs, in one table
 * (RFC 4055, RFC 5758, RFC 8410), and the public keys it can verify with. Anything else
 * (SHA-1, MD5, DSA, Ed448, explicit curves, RSA under 2048 bits) is parsed and reported
 * but never trusted to sign.
 */
import type { Curve, HashName } from '../backend/types.js';
import { bitString, TAG, tlv } from '../der.js';
import { malformed, Reader, T } from './asn1.js';
import { CURVES, HASH_OIDS, KEY, MGF1 } from './oids.js';

/** A signature algorithm as parsed from an AlgorithmIdentifier. */
export interface SignatureAlgorithm {
  /** JOSE-style name when supported (`'ES256'`, `'RS256'`, `'PS256'`, `'Ed25519'`...), else a description. */
  name: string;
  kind: 'ecdsa' | 'pkcs1' | 'pss' | 'ed25519' | 'unsupported';
  hash?: HashName;
  saltLength?: number;
}

interface TableEntry {
  name: string;
  kind: SignatureAlgorithm['kind'];
  hash?: HashName;
  /** 'absent' | 'null-or-absent' | 'pss' */
  params: 'absent' | 'null-or-absent' | 'pss';
}

const TABLE: ReadonlyMap<string, TableEntry> = new Map<string, TableEntry>([
  ['1.2.840.10045.4.3.2', { name: 'ES256', kind: 'ecdsa', hash: 'SHA-256', params: 'absent' }],
  ['1.2.840.10045.4.3.3', { name: 'ES384', kind: 'ecdsa', hash: 'SHA-384', params: 'absent' }],
  ['1.2.840.10045.4.3.4', { name: 'ES512', kind: 'ecdsa', hash: 'SHA-512', params: 'absent' }],
  // RFC 4055 §5: parameters MUST be NULL; absent parameters are common enough to accept.
  [
    '1.2.840.113549.1.1.11',
    { name: 'RS256', kind: 'pkcs1', hash: 'SHA-256', params: 'null-or-absent' },
  ],
  [
    '1.2.840.113549.1.1.12',
    { name: 'RS384', kind: 'pkcs1', hash: 'SHA-384', params: 'null-or-absent' },
  ],
  [
    '1.2.840.113549.1.1.13',
    { name: 'RS512', kind: 'pkcs1', hash: 'SHA-512', params: 'null-or-absent' },
  ],
  [KEY.rsassaPss, { name: 'PS', kind: 'pss', params: 'pss' }],
  [KEY.ed25519, { name: 'Ed25519', kind: 'ed25519', params: 'absent' }],
]);

/** Names of algorithms that are recognised but refused. */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.1.1.4', 'md5WithRSAEncryption'],
  ['1.2.840.113549.1.1.5', 'sha1WithRSAEncryption'],
  ['1.2.840.113549.1.1.14', 'sha224WithRSAEncryption'],
  ['1.2.840.10045.4.1', 'ecdsa-with-SHA1'],
  ['1.2.840.10045.4.3.1', 'ecdsa-with-SHA224'],
  ['1.2.840.10040.4.3', 'dsa-with-sha1'],
  ['2.16.840.1.101.3.4.3.2', 'dsa-with-sha256'],
  [KEY.ed448, 'Ed448'],
]);

const PSS_NAMES = { 'SHA-256': 'PS256', 'SHA-384': 'PS384', 'SHA-512': 'PS512' } as const;

// RFC 4055 §3.1: RSASSA-PSS-params. SHA-1 defaults are refused, so every field must be present.
function readPssParams(r: Reader): SignatureAlgorithm {
  const p = r.enter(T.SEQUENCE, r.what);
  const hashField = p.optional(0xa0);
  if (!hashField) return { name: 'RSASSA-PSS (SHA-1)', kind: 'unsupported' };
  const hashAlg = p.inside(hashField).enter();
  const hash = HASH_OIDS.get(hashAlg.oid());
  if (!hashAlg.done) hashAlg.null();
  hashAlg.finish();
  const mgfField = p.optional(0xa1);
  if (!hash || !mgfField) return { name: 'RSASSA-PSS (unsupported hash)', kind: 'unsupported' };
  const mgf = p.inside(mgfField).enter();
  if (mgf.oid() !== MGF1) return { name: 'RSASSA-PSS (unsupported MGF)', kind: 'unsupported' };
  const mgfHash = mgf.enter();
  const mgfHashName = HASH_OIDS.get(mgfHash.oid());
  if (!mgfHash.done) mgfHash.null();
  mgfHash.finish();
  mgf.finish();
  const saltField = p.optional(0xa2);
  const saltLength = saltField ? p.inside(saltField).smallInteger() : 20;
  const trailerField = p.optional(0xa3);
  const trailer = trailerField ? p.inside(trailerField).smallInteger() : 1;
  p.finish();
  if (mgfHashName !== hash || trailer !== 1) {
    return { name: 'RSASSA-PSS (inconsistent parameters)', kind: 'unsupported' };
  }
  return { name: PSS_NAMES[hash], kind: 'pss', hash, saltLength };
}

/** Reads an AlgorithmIdentifier for a signature (RFC 5280 §4.1.1.2). */
export function readSignatureAlgorithm(r: Reader): SignatureAlgorithm {
  const a = r.enter(T.SEQUENCE, r.what);
  const oid = a.oid();
  const entry = TABLE.get(oid);
  if (!entry) {
    while (!a.done) a.next();
    return { name: REFUSED.get(oid) ?? oid, kind: 'unsupported' };
  }
  let result: SignatureAlgorithm;
  if (entry.params === 'pss') {
    result = readPssParams(a);
  } else {
    if (entry.params === 'null-or-absent' && !a.done) a.null();
    result = { name: entry.name, kind: entry.kind, ...(entry.hash ? { hash: entry.hash } : {}) };
  }
  if (!a.done) malformed(r.what, `unexpected parameters for ${result.name}`);
  return result;
}

/** A subject public key as cachet can use it. */
export type PublicKeyData =
  | { kind: 'ec'; curve: Curve; point: Uint8Array }
  | { kind: 'ed25519'; raw: Uint8Array }
  | { kind: 'rsa'; bits: number; spki: Uint8Array }
  | { kind: 'unsupported'; algorithm: string; reason: string };

const POINT_BYTES: Record<Curve, number> = { 'P-256': 65, 'P-384': 97, 'P-521': 133 };

function rsaBits(key: Uint8Array, what: string): number {
  const r = new Reader(key, what).enter(T.SEQUENCE, what);
  const n = r.integer();
  r.integer();
  r.finish();
  if (n[0]! & 0x80) malformed(what, 'negative RSA modulus');
  let i = 0;
  while (i < n.length - 1 && n[i] === 0) i++;
  return (n.length - i) * 8 - Math.clz32(n[i]!) + 24;
}

// RFC 4055 §1.2: an id-RSASSA-PSS key is verified as the same key under rsaEncryption.
// AlgorithmIdentifier { rsaEncryption, NULL } (RFC 8017 §A.1).
const RSA_ENCRYPTION_ALG = new Uint8Array([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
]);

function rsaEncryptionSpki(key: Uint8Array): Uint8Array {
  return tlv(TAG.SEQUENCE, RSA_ENCRYPTION_ALG, bitString(key));
}

/** Reads a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7); `spki` is its whole DER. */
export function readPublicKey(r: Reader, spki: Uint8Array): PublicKeyData {
  const what = r.what;
  const s = r.enter(T.SEQUENCE, what);
  const alg = s.enter(T.SEQUENCE, what);
  const oid = alg.oid();
  const bits = s.bitString();
  s.finish();
  if (bits.unused !== 0) malformed(what, 'public key with unused bits');
  const key = bits.bytes;
  switch (oid) {
    case KEY.ecPublicKey: {
      if (alg.peek() !== T.OID) {
        while (!alg.done) alg.next();
        // CABF BR 7.1.3.1.2 and RFC 5480 §2.1.1: only namedCurve.
        return { kind: 'unsupported', algorithm: 'EC', reason: 'explicit curve parameters' };
      }
      const curveOid = alg.oid();
      alg.finish();
      const curve = CURVES.get(curveOid);
      if (!curve) return { kind: 'unsupported', algorithm: 'EC', reason: `curve ${curveOid}` };
      if (key.length !== POINT_BYTES[curve] || key[0] !== 4) {
        return { kind: 'unsupported', algorithm: 'EC', reason: 'not an uncompressed point' };
      }
      return { kind: 'ec', curve, point: key };
    }
    case KEY.ed25519:
      alg.finish();
      if (key.length !== 32) malformed(what, 'Ed25519 key is not 32 bytes');
      return { kind: 'ed25519', raw: key };
    case KEY.rsaEncryption:
      if (!alg.done) alg.null();
      alg.finish();
      return { kind: 'rsa', bits: rsaBits(key, what), spki };
    case KEY.rsassaPss:
      while (!alg.done) alg.next();
      return { kind: 'rsa', bits: rsaBits(key, what), spki: rsaEncryptionSpki(key) };
    default:
      while (!alg.done) alg.next();
      return {
        kind: 'unsupported',
        algorithm: oid === KEY.dsa ? 'DSA' : oid === KEY.ed448 ? 'Ed448' : oid,
        reason: 'algorithm not supported',
      };
  }
}

/** Why a key may not sign certificates or be trusted under the profile, or undefined. */
export function keyProblem(key: PublicKeyData): string | undefined {
  if (key.kind === 'unsupported') return `${key.algorithm} key (${key.reason})`;
  // CABF BR 6.1.5: RSA moduli of at least 2048 bits, a multiple of 8.
  if (key.kind === 'rsa' && (key.bits < 2048 || key.bits % 8 !== 0)) {
    return `RSA key of ${key.bits} bits (at least 2048 and a multiple of 8 required)`;
  }
  return undefined;
}

/** The key kind a signature algorithm needs. */
export function keyMatches(alg: SignatureAlgorithm, key: PublicKeyData): boolean {
  switch (alg.kind) {
    case 'ecdsa':
      return key.kind === 'ec';
    case 'pkcs1':
    case 'pss':
      return key.kind === 'rsa';
    case 'ed25519':
      return key.kind === 'ed25519';
    default:
      return false;
  }
}

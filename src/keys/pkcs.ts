/**
 * DER key containers: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), PKCS #8 / OneAsymmetricKey
 * (RFC 5208, RFC 5958) and SEC1 ECPrivateKey (RFC 5915), for Ed25519/X25519 (RFC 8410),
 * EC P-256/P-384 (RFC 5480) and RSA (RFC 8017) public keys.
 */
import {
  EC_PKCS8,
  EC_SPKI,
  ED25519_PKCS8,
  ED25519_SPKI,
  X25519_PKCS8,
  X25519_SPKI,
} from '../backend/key-der.js';
import { withPrefix } from '../backend/native-util.js';
import { DerReader, TAG } from '../der.js';
import { InvalidInputError, UnsupportedError } from '../errors.js';
import { OID_RSA, OID_RSA_PSS, parseRsaPublicKey } from './rsa.js';

/** What a container held, before it becomes a Key. */
export type ParsedKey =
  | { family: 'okp'; curve: 'Ed25519' | 'X25519'; private?: Uint8Array; public?: Uint8Array }
  | { family: 'ec'; curve: 'P-256' | 'P-384'; private?: Uint8Array; public?: Uint8Array }
  | { family: 'rsa'; n: Uint8Array; e: Uint8Array };

const OKP_OIDS: Record<string, 'Ed25519' | 'X25519'> = {
  '1.3.101.112': 'Ed25519',
  '1.3.101.110': 'X25519',
};
const OID_EC = '1.2.840.10045.2.1';
const CURVE_OIDS: Record<string, 'P-256' | 'P-384'> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
};
const CURVE_SIZE = { 'P-256': 32, 'P-384': 48 } as const;

function unsupported(what: string): never {
  throw new UnsupportedError(
    'ERR_UNSUPPORTED_ALGORITHM',
    `${what} is not a key type cachet supports`,
  );
}

function namedCurve(params: DerReader, what: string): 'P-256' | 'P-384' {
  if (params.peekTag() !== TAG.OID) {
    throw new InvalidInputError(
      'ERR_INVALID_FORMAT',
      `${what}: EC parameters must be a named curve (RFC 5480 §2.1.1)`,
    );
  }
  const oid = params.readOid();
  return CURVE_OIDS[oid] ?? unsupported(`EC curve ${oid}`);
}

/** Reads the AlgorithmIdentifier and returns the key OID plus a reader over parameters. */
function algorithm(outer: DerReader): { oid: string; params: DerReader } {
  const alg = outer.enter();
  return { oid: alg.readOid(), params: alg };
}

/** Parses a DER SubjectPublicKeyInfo. */
export function parseSpki(der: Uint8Array): ParsedKey {
  const what = 'SubjectPublicKeyInfo';
  const outer = new DerReader(der, what);
  const spki = outer.enter();
  outer.end();
  const { oid, params } = algorithm(spki);
  const key = spki.readBitString();
  spki.end();
  if (OKP_OIDS[oid]) {
    params.end(); // RFC 8410 §3: parameters MUST be absent
    return { family: 'okp', curve: OKP_OIDS[oid], public: key };
  }
  if (oid === OID_EC) {
    const curve = namedCurve(params, what);
    params.end();
    return { family: 'ec', curve, public: key };
  }
  if (oid === OID_RSA || oid === OID_RSA_PSS) return { family: 'rsa', ...parseRsaPublicKey(key) };
  return unsupported(`public key algorithm ${oid}`);
}

/** Parses an RFC 5915 ECPrivateKey; `curve` comes from the PKCS #8 wrapper when present. */
export function parseSec1(der: Uint8Array, outerCurve?: 'P-256' | 'P-384'): ParsedKey {
  const what = 'EC private key';
  const outer = new DerReader(der, what);
  const ec = outer.enter();
  outer.end();
  if (ec.readSmallInteger() !== 1)
    throw new InvalidInputError('ERR_INVALID_FORMAT', `${what}: version must be 1`);
  let priv = ec.read(TAG.OCTET_STRING).contents;
  let curve = outerCurve;
  let pub: Uint8Array | undefined;
  if (ec.peekTag() === 0xa0) {
    const inner = namedCurve(ec.enter(0xa0), what);
    if (curve && curve !== inner)
      throw new InvalidInputError('ERR_INVALID_FORMAT', `${what}: curve mismatch`);
    curve = inner;
  }
  if (ec.peekTag() === 0xa1) pub = ec.enter(0xa1).readBitString();
  ec.end();
  if (!curve) throw new InvalidInputError('ERR_INVALID_FORMAT', `${what}: no curve named`);
  // Some encoders drop leading zero bytes of the scalar; RFC 5915 §3 fixes the length.
  const size = CURVE_SIZE[curve];
  if (priv.length < size) priv = withPrefix(new Uint8Array(size - priv.length), priv);
  return { family: 'ec', curve, private: priv, ...(pub ? { public: pub } : {}) };
}

/** Parses a DER PKCS #8 PrivateKeyInfo / OneAsymmetricKey (v1 or v2). */
export function parsePkcs8(der: Uint8Array): ParsedKey {
  const what = 'PKCS #8 private key';
  const outer = new DerReader(der, what);
  const info = outer.enter();
  outer.end();
  const version = info.readSmallInteger();
  if (version > 1)
    throw new InvalidInputError('ERR_INVALID_FORMAT', `${what}: unknown version ${version}`);
  const { oid, params } = algorithm(info);
  const privateKey = info.read(TAG.OCTET_STRING).contents;
  if (info.peekTag() === 0xa0) info.read(0xa0); // attributes: not used
  let pub: Uint8Array | undefined;
  if (info.peekTag() === 0x81) {
    // RFC 5958 §2: publicKey [1] IMPLICIT BIT STRING, only in version 2 (v = 1).
    const bits = info.read(0x81).contents;
    if (version !== 1 || bits[0] !== 0)
      throw new InvalidInputError('ERR_INVALID_FORMAT', `${what}: bad public key`);
    pub = bits.subarray(1);
  }
  info.end();
  if (OKP_OIDS[oid]) {
    params.end();
    // RFC 8410 §7: the private key is a CurvePrivateKey, itself an OCTET STRING.
    const inner = new DerReader(privateKey, what);
    const seed = inner.read(TAG.OCTET_STRING).contents;
    inner.end();
    return { family: 'okp', curve: OKP_OIDS[oid], private: seed, ...(pub ? { public: pub } : {}) };
  }
  if (oid === OID_EC) {
    const curve = namedCurve(params, what);
    params.end();
    return parseSec1(privateKey, curve);
  }
  if (oid === OID_RSA || oid === OID_RSA_PSS) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      'RSA private keys are not supported; import the public key to verify',
    );
  }
  return unsupported(`private key algorithm ${oid}`);
}

/** SPKI DER for an OKP or EC public key. */
export function encodeSpki(
  curve: 'Ed25519' | 'X25519' | 'P-256' | 'P-384',
  raw: Uint8Array,
): Uint8Array {
  const prefix =
    curve === 'Ed25519' ? ED25519_SPKI : curve === 'X25519' ? X25519_SPKI : EC_SPKI[curve];
  return withPrefix(prefix, raw);
}

/** PKCS #8 DER (v1, no public key) for an OKP or EC private key. */
export function encodePkcs8(
  curve: 'Ed25519' | 'X25519' | 'P-256' | 'P-384',
  raw: Uint8Array,
): Uint8Array {
  const prefix =
    curve === 'Ed25519' ? ED25519_PKCS8 : curve === 'X25519' ? X25519_PKCS8 : EC_PKCS8[curve];
  return withPrefix(prefix, raw);
}

/**
 * Verifies a certificate or CRL signature with the issuer's key through the backend:
 * ECDSA (the DER Ecdsa-Sig-Value of RFC 5480 §2.2.3 converted strictly to r ‖ s), Ed25519,
 * and RSA PKCS #1 v1.5 / PSS (asynchronous off Node). ECDSA and Ed25519 stay synchronous.
 */
import { ecdsaVerify } from '../backend/ec.js';
import { ed25519Verify } from '../backend/ed25519.js';
import { CURVE_BYTES } from '../backend/key-der.js';
import { rsaVerify } from '../backend/rsa.js';
import type { Curve } from '../backend/types.js';
import { keyMatches, type PublicKeyData, type SignatureAlgorithm } from './algorithms.js';
import { Reader, T } from './asn1.js';

/**
 * r ‖ s of a DER ECDSA signature, each left-padded to the curve size; undefined unless the
 * encoding is exactly SEQUENCE { INTEGER r, INTEGER s } in minimal DER with 0 < r, s and
 * both fitting the curve. (Range against the group order is left to the verifier.)
 */
export function ecdsaDerToP1363(der: Uint8Array, curve: Curve): Uint8Array | undefined {
  const size = CURVE_BYTES[curve];
  try {
    const outer = new Reader(der, 'ECDSA signature');
    const seq = outer.enter(T.SEQUENCE);
    outer.finish();
    const out = new Uint8Array(2 * size);
    for (let k = 0; k < 2; k++) {
      const v = seq.integer();
      if (v[0]! & 0x80) return undefined;
      const mag = v[0] === 0 ? v.subarray(1) : v;
      if (mag.length === 0 || mag.length > size) return undefined;
      out.set(mag, (k + 1) * size - mag.length);
    }
    seq.finish();
    return out;
  } catch {
    return undefined;
  }
}

// Converted signatures, cached per signature array (certificates are immutable and reused)
// with the curve they were sized for: path building may try issuers on other curves.
const converted = new WeakMap<Uint8Array, { curve: Curve; rs: Uint8Array | undefined }>();

function convert(signature: Uint8Array, curve: Curve): Uint8Array | undefined {
  let hit = converted.get(signature);
  if (hit?.curve !== curve) {
    hit = { curve, rs: ecdsaDerToP1363(signature, curve) };
    converted.set(signature, hit);
  }
  return hit.rs;
}

/**
 * Whether `signature` over `message` verifies under `key` with `alg`. Mismatched key and
 * algorithm kinds, unsupported algorithms and malformed signatures are simply false.
 */
export function verifySignature(
  alg: SignatureAlgorithm,
  key: PublicKeyData,
  message: Uint8Array,
  signature: Uint8Array,
): boolean | Promise<boolean> {
  if (!keyMatches(alg, key)) return false;
  if (key.kind === 'ec') {
    const rs = convert(signature, key.curve);
    return rs !== undefined && ecdsaVerify(key.curve, alg.hash!, key.point, message, rs);
  }
  if (key.kind === 'ed25519') return ed25519Verify(key.raw, message, signature);
  if (key.kind === 'rsa') {
    return rsaVerify(
      alg.kind === 'pss' ? 'pss' : 'pkcs1',
      alg.hash!,
      key.spki,
      message,
      signature,
      alg.saltLength,
    );
  }
  return false;
}

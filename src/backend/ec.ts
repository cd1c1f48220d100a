/**
 * NIST curves P-256, P-384 (and P-521, to verify certificates): public keys, ECDSA
 * (FIPS 186-5) with r ‖ s signatures, and ECDH (SP 800-56A, x-coordinate output).
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { sha384, sha512 } from '@noble/hashes/sha2.js';
import { nativeEcdh, nativePublicKey, nativeSignHedged, nativeVerify } from './ec-native.js';
import { CURVE_BYTES } from './key-der.js';
import { type NodeCrypto, nodeCrypto } from './node.js';
import { PointCache } from './point-cache.js';
import { sha256 } from './sha256-portable.js';
import type { Curve, EcdsaNonce, HashName, NativeImpl, PortableImpl } from './types.js';

const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;
const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

function portablePublicKey(curve: Curve, scalar: Uint8Array): Uint8Array {
  return CURVES[curve].getPublicKey(scalar, false);
}
function portableSign(
  curve: Curve,
  hash: HashName,
  scalar: Uint8Array,
  message: Uint8Array,
  nonce: EcdsaNonce,
): Uint8Array {
  // RFC 6979 §3.2, hedged per §3.6 unless the caller asks for pure determinism.
  const extraEntropy = nonce === 'hedged' ? true : nonce === 'deterministic' ? false : nonce;
  return CURVES[curve].sign(HASHES[hash](message), scalar, {
    prehash: false,
    lowS: false,
    extraEntropy,
  });
}
type EcPoint = ReturnType<(typeof CURVES)[Curve]['Point']['fromBytes']>;

function decoder(curve: Curve): (bytes: Uint8Array) => EcPoint | null {
  return (bytes) => {
    try {
      const point = CURVES[curve].Point.fromBytes(bytes);
      return point.is0() ? null : point; // SEC 1 §3.2.2: never the identity
    } catch {
      return null; // not on the curve
    }
  };
}
// Decoded public points per key array, with a table for keys used often (point-cache.ts).
const points = {
  'P-256': new PointCache(decoder('P-256')),
  'P-384': new PointCache(decoder('P-384')),
  'P-521': new PointCache(decoder('P-521')),
};

const ORDER_BITS = { 'P-256': 256, 'P-384': 384, 'P-521': 521 } as const;

function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  return n;
}

/**
 * SEC 1 v2 §4.1.4: r, s in [1, n-1]; e = the leftmost bits of the hash (as many as n has);
 * u1 = e/s, u2 = r/s; R = u1·G + u2·Q ≠ O; valid iff R.x mod n = r. High S is accepted.
 */
function portableVerify(
  curve: Curve,
  hash: HashName,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const size = CURVE_BYTES[curve];
  if (signature.length !== 2 * size) return false;
  const cached = points[curve].get(publicKey);
  if (!cached) return false;
  const { Point } = CURVES[curve];
  const Fn = Point.Fn;
  const r = bytesToBigInt(signature.subarray(0, size));
  const s = bytesToBigInt(signature.subarray(size));
  if (!Fn.isValidNot0(r) || !Fn.isValidNot0(s)) return false;
  const digest = HASHES[hash](message);
  const excess = digest.length * 8 - ORDER_BITS[curve];
  const e = Fn.create(excess > 0 ? bytesToBigInt(digest) >> BigInt(excess) : bytesToBigInt(digest));
  const sInv = Fn.inv(s);
  const u1 = Fn.mul(e, sInv);
  const u2 = Fn.mul(r, sInv);
  const Q = cached.point;
  // With a table, two table-driven multiplications beat one joint (Strauss–Shamir) one.
  const R = cached.table
    ? Point.BASE.multiplyUnsafe(u1).add(Q.multiplyUnsafe(u2))
    : Point.BASE.mulAddUnsafe(u1, Q, u2);
  if (R.is0()) return false;
  return Fn.create(R.toAffine().x) === r;
}
function portableEcdh(curve: Curve, scalar: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  try {
    return CURVES[curve].getSharedSecret(scalar, publicKey, true).subarray(1);
  } catch {
    return null;
  }
}

function nativeSign(
  c: NodeCrypto,
  curve: Curve,
  hash: HashName,
  scalar: Uint8Array,
  message: Uint8Array,
  nonce: EcdsaNonce,
): Uint8Array {
  // OpenSSL cannot do RFC 6979, so deterministic or caller-entropy signing is done portably.
  if (nonce !== 'hedged') return portableSign(curve, hash, scalar, message, nonce);
  return nativeSignHedged(c, curve, hash, scalar, message);
}

/** Uncompressed SEC1 public point of a private scalar. */
export function ecPublicKey(curve: Curve, scalar: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativePublicKey(c, curve, scalar) : portablePublicKey(curve, scalar);
}
/** ECDSA over `hash(message)`: r ‖ s (IEEE P1363), s as computed (not normalised). */
export function ecdsaSign(
  curve: Curve,
  hash: HashName,
  scalar: Uint8Array,
  message: Uint8Array,
  nonce: EcdsaNonce,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? nativeSign(c, curve, hash, scalar, message, nonce)
    : portableSign(curve, hash, scalar, message, nonce);
}
/** ECDSA verification of r ‖ s against an uncompressed point; accepts high S. */
export function ecdsaVerify(
  curve: Curve,
  hash: HashName,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const c = nodeCrypto();
  return c
    ? nativeVerify(c, curve, hash, publicKey, message, signature)
    : portableVerify(curve, hash, publicKey, message, signature);
}
/** ECDH: the x-coordinate of scalar·point; null for an invalid point. */
export function ecdh(curve: Curve, scalar: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  const c = nodeCrypto();
  return c ? nativeEcdh(c, curve, scalar, publicKey) : portableEcdh(curve, scalar, publicKey);
}

export const portable: PortableImpl<'ecPublicKey' | 'ecdsaSign' | 'ecdsaVerify' | 'ecdh'> = {
  ecPublicKey: portablePublicKey,
  ecdsaSign: portableSign,
  ecdsaVerify: portableVerify,
  ecdh: portableEcdh,
};
export const native: NativeImpl<'ecPublicKey' | 'ecdsaSign' | 'ecdsaVerify' | 'ecdh'> = {
  ecPublicKey: nativePublicKey,
  ecdsaSign: nativeSign,
  ecdsaVerify: nativeVerify,
  ecdh: nativeEcdh,
};

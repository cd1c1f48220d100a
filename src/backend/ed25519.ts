/**
 * Ed25519 (RFC 8032), with the policy of ed25519-policy.ts applied identically by both
 * backends: strict canonical public keys, small-order keys refused, cofactorless
 * verification (as OpenSSL, BoringSSL and WebCrypto implement it).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { nativePublicKey, nativeSign, nativeVerify } from './ed25519-native.js';
import { isAcceptableEd25519Key } from './ed25519-policy.js';
import { nodeCrypto } from './node.js';
import { PointCache } from './point-cache.js';
import type { NativeImpl, PortableImpl } from './types.js';

const L = ed25519.Point.Fn.ORDER;
type Point = InstanceType<typeof ed25519.Point>;

function bytesToNumberLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

// Decoded public points per key array, with a table for keys used often (point-cache.ts).
const points = new PointCache<Point>((bytes) => {
  try {
    return ed25519.Point.fromBytes(bytes, false);
  } catch {
    return null;
  }
});

function portablePublicKey(seed: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seed);
}
function portableSign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, seed);
}
/**
 * RFC 8032 §5.1.7 cofactorless: accept iff S < L and [S]B - [k]A encodes to exactly R.
 * noble's own `verify` is cofactored and would disagree with OpenSSL on crafted
 * signatures with a torsion component.
 */
function portableVerify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64 || !isAcceptableEd25519Key(publicKey)) return false;
  const cached = points.get(publicKey);
  if (!cached) return false;
  const A = cached.point;
  const S = bytesToNumberLE(signature.subarray(32));
  if (S >= L) return false;
  const R = signature.subarray(0, 32);
  const input = new Uint8Array(64 + message.length);
  input.set(R);
  input.set(publicKey, 32);
  input.set(message, 64);
  const k = bytesToNumberLE(sha512(input)) % L;
  const expected = ed25519.Point.BASE.multiplyUnsafe(S).subtract(A.multiplyUnsafe(k)).toBytes();
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= expected[i]! ^ R[i]!;
  return diff === 0;
}

/** 32-byte seed → 32-byte public key. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativePublicKey(c, seed) : portablePublicKey(seed);
}
export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativeSign(c, seed, message) : portableSign(seed, message);
}
export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const c = nodeCrypto();
  return c
    ? nativeVerify(c, publicKey, message, signature)
    : portableVerify(publicKey, message, signature);
}

export const portable: PortableImpl<'ed25519PublicKey' | 'ed25519Sign' | 'ed25519Verify'> = {
  ed25519PublicKey: portablePublicKey,
  ed25519Sign: portableSign,
  ed25519Verify: portableVerify,
};
export const native: NativeImpl<'ed25519PublicKey' | 'ed25519Sign' | 'ed25519Verify'> = {
  ed25519PublicKey: nativePublicKey,
  ed25519Sign: nativeSign,
  ed25519Verify: nativeVerify,
};

/**
 * The primitives every module calls. Each function dispatches to the native backend
 * (node:crypto) when it is in use and to the portable one (@noble) otherwise; see
 * node.ts for the switch. Separate exports keep the dispatch tree-shakable.
 */
import * as native from './native.js';
import { nodeCrypto } from './node.js';
import * as portable from './portable.js';
import type { Curve, EcdsaNonce, HashName, RsaScheme } from './types.js';

export { type BackendName, getBackend, setBackend } from './node.js';
export type { Backend, Curve, EcdsaNonce, HashName, RsaScheme } from './types.js';

export function randomBytes(length: number): Uint8Array {
  const c = nodeCrypto();
  return c ? native.randomBytes(c, length) : portable.randomBytes(length);
}

export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? native.digest(c, hash, data) : portable.digest(hash, data);
}

export function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? native.hmac(c, hash, key, data) : portable.hmac(hash, key, data);
}

export function hkdf(
  hash: HashName,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? native.hkdf(c, hash, ikm, salt, info, length)
    : portable.hkdf(hash, ikm, salt, info, length);
}

export function aesGcmSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? native.aesGcmSeal(c, key, nonce, plaintext, aad)
    : portable.aesGcmSeal(key, nonce, plaintext, aad);
}

export function aesGcmOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  const c = nodeCrypto();
  return c
    ? native.aesGcmOpen(c, key, nonce, sealed, aad)
    : portable.aesGcmOpen(key, nonce, sealed, aad);
}

export function aesGcmSivSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return portable.aesGcmSivSeal(key, nonce, plaintext, aad);
}

export function aesGcmSivOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return portable.aesGcmSivOpen(key, nonce, sealed, aad);
}

export function chacha20Poly1305Seal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? native.chacha20Poly1305Seal(c, key, nonce, plaintext, aad)
    : portable.chacha20Poly1305Seal(key, nonce, plaintext, aad);
}

export function chacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  const c = nodeCrypto();
  return c
    ? native.chacha20Poly1305Open(c, key, nonce, sealed, aad)
    : portable.chacha20Poly1305Open(key, nonce, sealed, aad);
}

export function xchacha20Poly1305Seal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? native.xchacha20Poly1305Seal(c, key, nonce, plaintext, aad)
    : portable.xchacha20Poly1305Seal(key, nonce, plaintext, aad);
}

export function xchacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  const c = nodeCrypto();
  return c
    ? native.xchacha20Poly1305Open(c, key, nonce, sealed, aad)
    : portable.xchacha20Poly1305Open(key, nonce, sealed, aad);
}

export function aesSivSeal(
  key: Uint8Array,
  plaintext: Uint8Array,
  aad: readonly Uint8Array[],
): Uint8Array {
  return portable.aesSivSeal(key, plaintext, aad);
}

export function aesSivOpen(
  key: Uint8Array,
  sealed: Uint8Array,
  aad: readonly Uint8Array[],
): Uint8Array | null {
  return portable.aesSivOpen(key, sealed, aad);
}

export function aesKwWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? native.aesKwWrap(c, kek, key) : portable.aesKwWrap(kek, key);
}

export function aesKwUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  const c = nodeCrypto();
  return c ? native.aesKwUnwrap(c, kek, wrapped) : portable.aesKwUnwrap(kek, wrapped);
}

export function aesKwpWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? native.aesKwpWrap(c, kek, key) : portable.aesKwpWrap(kek, key);
}

export function aesKwpUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  const c = nodeCrypto();
  return c ? native.aesKwpUnwrap(c, kek, wrapped) : portable.aesKwpUnwrap(kek, wrapped);
}

export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? native.ed25519PublicKey(c, seed) : portable.ed25519PublicKey(seed);
}

export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? native.ed25519Sign(c, seed, message) : portable.ed25519Sign(seed, message);
}

export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const c = nodeCrypto();
  return c
    ? native.ed25519Verify(c, publicKey, message, signature)
    : portable.ed25519Verify(publicKey, message, signature);
}

export function ecPublicKey(curve: Curve, scalar: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? native.ecPublicKey(c, curve, scalar) : portable.ecPublicKey(curve, scalar);
}

export function ecdsaSign(
  curve: Curve,
  hash: HashName,
  scalar: Uint8Array,
  message: Uint8Array,
  nonce: EcdsaNonce,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? native.ecdsaSign(c, curve, hash, scalar, message, nonce)
    : portable.ecdsaSign(curve, hash, scalar, message, nonce);
}

export function ecdsaVerify(
  curve: Curve,
  hash: HashName,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const c = nodeCrypto();
  return c
    ? native.ecdsaVerify(c, curve, hash, publicKey, message, signature)
    : portable.ecdsaVerify(curve, hash, publicKey, message, signature);
}

export function ecdh(curve: Curve, scalar: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  const c = nodeCrypto();
  return c ? native.ecdh(c, curve, scalar, publicKey) : portable.ecdh(curve, scalar, publicKey);
}

export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? native.x25519PublicKey(c, privateKey) : portable.x25519PublicKey(privateKey);
}

export function x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  const c = nodeCrypto();
  return c ? native.x25519(c, privateKey, publicKey) : portable.x25519(privateKey, publicKey);
}

export function rsaVerify(
  scheme: RsaScheme,
  hash: HashName,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  saltLength?: number,
): Promise<boolean> {
  const c = nodeCrypto();
  return c
    ? native.rsaVerify(c, scheme, hash, spki, message, signature, saltLength)
    : portable.rsaVerify(scheme, hash, spki, message, signature, saltLength);
}

/**
 * The primitive interface both backends implement, byte for byte. Functions take raw
 * bytes and return fresh arrays; callers validate lengths first (the modules do, at their
 * public boundary). `open`/`unwrap` return `null` when authentication fails, so no caller
 * can reach unauthenticated plaintext.
 */

import type { NodeCrypto } from './node.js';

/** Hash functions of the SHA-2 family used across cachet. */
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** NIST prime curves (P-521 is used only to verify certificates). */
export type Curve = 'P-256' | 'P-384' | 'P-521';

/**
 * ECDSA nonce policy: `'hedged'` mixes fresh randomness into the nonce (OpenSSL's default,
 * RFC 6979 §3.6 on portable), `'deterministic'` is pure RFC 6979, a Uint8Array is caller
 * entropy for RFC 6979 §3.6.
 */
export type EcdsaNonce = 'hedged' | 'deterministic' | Uint8Array;

/** RSA signature schemes, verification only. */
export type RsaScheme = 'pkcs1' | 'pss';

/** The backend contract. */
export interface Backend {
  randomBytes(length: number): Uint8Array;
  digest(hash: HashName, data: Uint8Array): Uint8Array;
  hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array;
  hkdf(
    hash: HashName,
    ikm: Uint8Array,
    salt: Uint8Array,
    info: Uint8Array,
    length: number,
  ): Uint8Array;

  /** AES-GCM (128/192/256-bit key, 16-byte tag): returns ciphertext ‖ tag. */
  aesGcmSeal(
    key: Uint8Array,
    nonce: Uint8Array,
    plaintext: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array;
  aesGcmOpen(
    key: Uint8Array,
    nonce: Uint8Array,
    sealed: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array | null;
  /** AES-GCM-SIV (RFC 8452), 12-byte nonce: returns ciphertext ‖ tag. */
  aesGcmSivSeal(
    key: Uint8Array,
    nonce: Uint8Array,
    plaintext: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array;
  aesGcmSivOpen(
    key: Uint8Array,
    nonce: Uint8Array,
    sealed: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array | null;
  /** ChaCha20-Poly1305 (RFC 8439), 12-byte nonce. */
  chacha20Poly1305Seal(
    key: Uint8Array,
    nonce: Uint8Array,
    plaintext: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array;
  chacha20Poly1305Open(
    key: Uint8Array,
    nonce: Uint8Array,
    sealed: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array | null;
  /** XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha), 24-byte nonce. */
  xchacha20Poly1305Seal(
    key: Uint8Array,
    nonce: Uint8Array,
    plaintext: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array;
  xchacha20Poly1305Open(
    key: Uint8Array,
    nonce: Uint8Array,
    sealed: Uint8Array,
    aad: Uint8Array,
  ): Uint8Array | null;
  /** AES-SIV (RFC 5297, 256/384/512-bit key): returns SIV ‖ ciphertext. */
  aesSivSeal(key: Uint8Array, plaintext: Uint8Array, aad: readonly Uint8Array[]): Uint8Array;
  aesSivOpen(key: Uint8Array, sealed: Uint8Array, aad: readonly Uint8Array[]): Uint8Array | null;
  /** AES Key Wrap (RFC 3394) and with padding (RFC 5649). */
  aesKwWrap(kek: Uint8Array, key: Uint8Array): Uint8Array;
  aesKwUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null;
  aesKwpWrap(kek: Uint8Array, key: Uint8Array): Uint8Array;
  aesKwpUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null;

  /** Ed25519 (RFC 8032): 32-byte seed → 32-byte public key. */
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
  ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array;
  /** Strict RFC 8032 §5.1.7, cofactorless; rejects non-canonical and small-order keys. */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;

  /** Uncompressed SEC1 public point of a private scalar. */
  ecPublicKey(curve: Curve, scalar: Uint8Array): Uint8Array;
  /** ECDSA over `hash(message)`: returns r ‖ s (IEEE P1363), s as computed (not normalised). */
  ecdsaSign(
    curve: Curve,
    hash: HashName,
    scalar: Uint8Array,
    message: Uint8Array,
    nonce: EcdsaNonce,
  ): Uint8Array;
  /** ECDSA verification of r ‖ s against an uncompressed point; accepts high S. */
  ecdsaVerify(
    curve: Curve,
    hash: HashName,
    publicKey: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
  ): boolean;
  /** ECDH: x-coordinate of scalar·point; null for an invalid point. */
  ecdh(curve: Curve, scalar: Uint8Array, publicKey: Uint8Array): Uint8Array | null;

  x25519PublicKey(privateKey: Uint8Array): Uint8Array;
  /** X25519 (RFC 7748); null for low-order inputs (all-zero shared secret, §6.1). */
  x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null;

  /** RSA verification; `spki` is a DER SubjectPublicKeyInfo with rsaEncryption. */
  rsaVerify(
    scheme: RsaScheme,
    hash: HashName,
    spki: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
    saltLength?: number,
  ): Promise<boolean>;
}

/** The portable implementation of some primitives of the {@link Backend}. */
export type PortableImpl<K extends keyof Backend> = Pick<Backend, K>;

/** The native implementation of some primitives: the same, with node:crypto first. */
export type NativeImpl<K extends keyof Backend> = {
  [P in K]: (c: NodeCrypto, ...args: Parameters<Backend[P]>) => ReturnType<Backend[P]>;
};

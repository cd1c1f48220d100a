/**
 * The portable backend: @noble/hashes, @noble/ciphers and @noble/curves, for browsers
 * and every runtime without node:crypto, and for what OpenSSL 3.0 lacks (AES-GCM-SIV,
 * AES-SIV). Each function is a separate export so bundlers keep only what a module uses.
 */
import { aeskw, aeskwp, aessiv, gcm, gcmsiv } from '@noble/ciphers/aes.js';
import { chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 as x25519Curve } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { hkdf as nobleHkdf } from '@noble/hashes/hkdf.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { isAcceptableEd25519Key } from './ed25519-policy.js';
import type { Curve, EcdsaNonce, HashName, RsaScheme } from './types.js';

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;
const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

type NobleAead = (
  key: Uint8Array,
  nonce: Uint8Array,
  aad?: Uint8Array,
) => {
  encrypt(data: Uint8Array): Uint8Array;
  decrypt(data: Uint8Array): Uint8Array;
};

function seal(
  cipher: NobleAead,
  key: Uint8Array,
  nonce: Uint8Array,
  data: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return cipher(key, nonce, aad).encrypt(data);
}

function open(
  cipher: NobleAead,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  try {
    return cipher(key, nonce, aad).decrypt(sealed);
  } catch {
    return null;
  }
}

/** CSPRNG bytes from `globalThis.crypto.getRandomValues` (65536 bytes per call at most). */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  }
  return out;
}

export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  return HASHES[hash](data);
}

export function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return nobleHmac(HASHES[hash], key, data);
}

export function hkdf(
  hash: HashName,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  return nobleHkdf(HASHES[hash], ikm, salt, info, length);
}

export function aesGcmSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return seal(gcm, key, nonce, plaintext, aad);
}
export function aesGcmOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return open(gcm, key, nonce, sealed, aad);
}
export function aesGcmSivSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return seal(gcmsiv, key, nonce, plaintext, aad);
}
export function aesGcmSivOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return open(gcmsiv, key, nonce, sealed, aad);
}
export function chacha20Poly1305Seal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return seal(chacha20poly1305, key, nonce, plaintext, aad);
}
export function chacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return open(chacha20poly1305, key, nonce, sealed, aad);
}
export function xchacha20Poly1305Seal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return seal(xchacha20poly1305, key, nonce, plaintext, aad);
}
export function xchacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return open(xchacha20poly1305, key, nonce, sealed, aad);
}

export function aesSivSeal(
  key: Uint8Array,
  plaintext: Uint8Array,
  aad: readonly Uint8Array[],
): Uint8Array {
  return aessiv(key, ...aad).encrypt(plaintext);
}
export function aesSivOpen(
  key: Uint8Array,
  sealed: Uint8Array,
  aad: readonly Uint8Array[],
): Uint8Array | null {
  try {
    return aessiv(key, ...aad).decrypt(sealed);
  } catch {
    return null;
  }
}

export function aesKwWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  return aeskw(kek).encrypt(key);
}
export function aesKwUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  try {
    return aeskw(kek).decrypt(wrapped);
  } catch {
    return null;
  }
}
export function aesKwpWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  return aeskwp(kek).encrypt(key);
}
export function aesKwpUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  try {
    return aeskwp(kek).decrypt(wrapped);
  } catch {
    return null;
  }
}

export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seed);
}

export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, seed);
}

const ED_L = ed25519.Point.Fn.ORDER;

function bytesToNumberLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

// Decoded public points, cached by the identity of the key's byte array: keys are
// immutable inside cachet, so each key is decoded once.
const edPoints = new WeakMap<Uint8Array, InstanceType<typeof ed25519.Point>>();

/**
 * RFC 8032 §5.1.7 verification, cofactorless, with the policy of ed25519-policy.ts:
 * checks [S]B - [k]A encodes to exactly R. noble's own `verify` is cofactored, which
 * would disagree with OpenSSL on crafted signatures with a torsion component.
 */
export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64 || !isAcceptableEd25519Key(publicKey)) return false;
  let A = edPoints.get(publicKey);
  if (!A) {
    try {
      A = ed25519.Point.fromBytes(publicKey, false);
    } catch {
      return false;
    }
    edPoints.set(publicKey, A);
  }
  const S = bytesToNumberLE(signature.subarray(32));
  if (S >= ED_L) return false; // §5.1.7 step 1: S must be in [0, L)
  const R = signature.subarray(0, 32);
  const h = new Uint8Array(64 + message.length);
  h.set(R);
  h.set(publicKey, 32);
  h.set(message, 64);
  const k = bytesToNumberLE(sha512(h)) % ED_L;
  const expected = ed25519.Point.BASE.multiplyUnsafe(S).subtract(A.multiplyUnsafe(k)).toBytes();
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= expected[i]! ^ R[i]!;
  return diff === 0;
}

export function ecPublicKey(curve: Curve, scalar: Uint8Array): Uint8Array {
  return CURVES[curve].getPublicKey(scalar, false);
}

export function ecdsaSign(
  curve: Curve,
  hash: HashName,
  scalar: Uint8Array,
  message: Uint8Array,
  nonce: EcdsaNonce,
): Uint8Array {
  const extraEntropy = nonce === 'hedged' ? true : nonce === 'deterministic' ? false : nonce;
  return CURVES[curve].sign(HASHES[hash](message), scalar, {
    prehash: false,
    lowS: false,
    extraEntropy,
  });
}

export function ecdsaVerify(
  curve: Curve,
  hash: HashName,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    return CURVES[curve].verify(signature, HASHES[hash](message), publicKey, {
      prehash: false,
      lowS: false,
    });
  } catch {
    return false;
  }
}

export function ecdh(curve: Curve, scalar: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  try {
    return CURVES[curve].getSharedSecret(scalar, publicKey, true).subarray(1);
  } catch {
    return null;
  }
}

export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  return x25519Curve.getPublicKey(privateKey);
}

export function x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  try {
    return x25519Curve.getSharedSecret(privateKey, publicKey);
  } catch {
    return null;
  }
}

const RSA_NAMES = { pkcs1: 'RSASSA-PKCS1-v1_5', pss: 'RSA-PSS' } as const;

/** RSA verification through WebCrypto (there is no RSA in noble). */
export async function rsaVerify(
  scheme: RsaScheme,
  hash: HashName,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  saltLength?: number,
): Promise<boolean> {
  const subtle = globalThis.crypto.subtle;
  const name = RSA_NAMES[scheme];
  let key: CryptoKey;
  try {
    key = await subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, { name, hash }, false, [
      'verify',
    ]);
  } catch {
    return false;
  }
  const params =
    scheme === 'pss' ? { name, saltLength: saltLength ?? HASHES[hash].outputLen } : { name };
  try {
    return await subtle.verify(
      params,
      key,
      signature as Uint8Array<ArrayBuffer>,
      message as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}

/**
 * AES-GCM (NIST SP 800-38D), ChaCha20-Poly1305 (RFC 8439) and XChaCha20-Poly1305
 * (draft-irtf-cfrg-xchacha-03). Sealed output is ciphertext ‖ 16-byte tag; `open`
 * returns null when the tag does not verify, so callers never see unauthenticated bytes.
 * Nonces must have exactly the algorithm's length (12, 12, 24 bytes).
 */
import { chacha20poly1305, hchacha, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { gcmOpen, gcmSealInto } from './gcm-portable.js';
import { join, u8 } from './native-util.js';
import { type NodeCrypto, nodeCrypto } from './node.js';
import type { NativeImpl, PortableImpl } from './types.js';

const TAG = 16;

type NobleAead = (
  key: Uint8Array,
  nonce: Uint8Array,
  aad?: Uint8Array,
) => {
  encrypt(data: Uint8Array): Uint8Array;
  decrypt(data: Uint8Array): Uint8Array;
};

/** Encrypts with a noble AEAD. */
export function nobleSeal(
  cipher: NobleAead,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return cipher(key, nonce, aad).encrypt(plaintext);
}

/** Decrypts with a noble AEAD; null on any failure. */
export function nobleOpen(
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

function checkNonce(name: string, nonce: Uint8Array, length: number): void {
  if (nonce.length !== length) throw new RangeError(`${name} needs a ${length}-byte nonce`);
}

function nativeSeal(
  c: NodeCrypto,
  name: string,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const cipher = c.createCipheriv(name, key, nonce, { authTagLength: TAG });
  if (aad.length > 0) cipher.setAAD(aad, { plaintextLength: plaintext.length });
  const body = cipher.update(plaintext);
  cipher.final();
  return join(body, cipher.getAuthTag());
}

/**
 * {@link nativeSeal}, writing ciphertext ‖ tag at `out[offset]` (the caller leaves
 * `plaintext.length + 16` bytes there): OpenSSL's output goes straight to its place, with
 * no intermediate ciphertext ‖ tag array. No `plaintextLength` for setAAD: only CCM needs it.
 */
export function nativeSealInto(
  c: NodeCrypto,
  name: string,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  out: Uint8Array,
  offset: number,
): void {
  const cipher = c.createCipheriv(name, key, nonce, { authTagLength: TAG });
  if (aad.length > 0) cipher.setAAD(aad);
  out.set(cipher.update(plaintext), offset);
  cipher.final();
  out.set(cipher.getAuthTag(), offset + plaintext.length);
}

function nativeOpen(
  c: NodeCrypto,
  name: string,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  if (sealed.length < TAG) return null;
  const split = sealed.length - TAG;
  try {
    const decipher = c.createDecipheriv(name, key, nonce, { authTagLength: TAG });
    decipher.setAuthTag(sealed.subarray(split));
    if (aad.length > 0) decipher.setAAD(aad, { plaintextLength: split });
    const body = decipher.update(sealed.subarray(0, split));
    decipher.final(); // throws when the tag does not verify; `body` is never returned then
    return u8(body);
  } catch {
    return null;
  }
}

// --- AES-GCM: 128/192/256-bit keys, 96-bit nonces (SP 800-38D §8.2.1's recommended size).
function gcmName(key: Uint8Array): string {
  return `aes-${key.length * 8}-gcm`;
}
function portableAesGcmSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  checkNonce('AES-GCM', nonce, 12);
  const sealed = new Uint8Array(plaintext.length + TAG);
  gcmSealInto(key, nonce, plaintext, aad, sealed, 0, false);
  return sealed;
}
function portableAesGcmOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return gcmOpen(key, nonce, sealed, aad, false);
}
function nativeAesGcmSeal(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  checkNonce('AES-GCM', nonce, 12);
  return nativeSeal(c, gcmName(key), key, nonce, plaintext, aad);
}
function nativeAesGcmOpen(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return nonce.length === 12 ? nativeOpen(c, gcmName(key), key, nonce, sealed, aad) : null;
}

// --- ChaCha20-Poly1305
function portableChachaSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  checkNonce('ChaCha20-Poly1305', nonce, 12);
  return nobleSeal(chacha20poly1305, key, nonce, plaintext, aad);
}
function portableChachaOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return nonce.length === 12 ? nobleOpen(chacha20poly1305, key, nonce, sealed, aad) : null;
}
function nativeChachaSeal(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  checkNonce('ChaCha20-Poly1305', nonce, 12);
  return nativeSeal(c, 'chacha20-poly1305', key, nonce, plaintext, aad);
}
function nativeChachaOpen(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return nonce.length === 12 ? nativeOpen(c, 'chacha20-poly1305', key, nonce, sealed, aad) : null;
}

// --- XChaCha20-Poly1305: native derives the subkey with HChaCha20 in JS, then runs
// OpenSSL's ChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03 §2.3).
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]); // "expand 32-byte k"

function readU32LE(bytes: Uint8Array, words: number): Uint32Array {
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) {
    out[i] =
      bytes[4 * i]! |
      (bytes[4 * i + 1]! << 8) |
      (bytes[4 * i + 2]! << 16) |
      (bytes[4 * i + 3]! << 24);
  }
  return out;
}

/**
 * Subkey = HChaCha20(key, nonce[0..16]); nonce' = 0^4 ‖ nonce[16..24]. The caller wipes
 * the subkey after use.
 */
export function xchachaParams(key: Uint8Array, nonce: Uint8Array): [Uint8Array, Uint8Array] {
  const words = new Uint32Array(8);
  hchacha(SIGMA, readU32LE(key, 8), readU32LE(nonce, 4), words);
  const subkey = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const w = words[i]!;
    subkey[4 * i] = w & 0xff;
    subkey[4 * i + 1] = (w >>> 8) & 0xff;
    subkey[4 * i + 2] = (w >>> 16) & 0xff;
    subkey[4 * i + 3] = w >>> 24;
  }
  words.fill(0);
  const nonce12 = new Uint8Array(12);
  nonce12.set(nonce.subarray(16, 24), 4);
  return [subkey, nonce12];
}

function portableXchachaSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  checkNonce('XChaCha20-Poly1305', nonce, 24);
  return nobleSeal(xchacha20poly1305, key, nonce, plaintext, aad);
}
function portableXchachaOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return nonce.length === 24 ? nobleOpen(xchacha20poly1305, key, nonce, sealed, aad) : null;
}
function nativeXchachaSeal(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  checkNonce('XChaCha20-Poly1305', nonce, 24);
  if (key.length !== 32) throw new RangeError('XChaCha20-Poly1305 needs a 32-byte key');
  const [subkey, nonce12] = xchachaParams(key, nonce);
  try {
    return nativeSeal(c, 'chacha20-poly1305', subkey, nonce12, plaintext, aad);
  } finally {
    subkey.fill(0);
  }
}
function nativeXchachaOpen(
  c: NodeCrypto,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  if (key.length !== 32 || nonce.length !== 24) return null;
  const [subkey, nonce12] = xchachaParams(key, nonce);
  try {
    return nativeOpen(c, 'chacha20-poly1305', subkey, nonce12, sealed, aad);
  } finally {
    subkey.fill(0);
  }
}

export function aesGcmSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? nativeAesGcmSeal(c, key, nonce, plaintext, aad)
    : portableAesGcmSeal(key, nonce, plaintext, aad);
}
/**
 * {@link aesGcmSeal}, writing ciphertext ‖ tag into `out` at `offset` (the caller leaves
 * `plaintext.length + 16` bytes there). Native: OpenSSL's output goes straight to its
 * place, with no intermediate ciphertext ‖ tag array (one allocation and one copy of the
 * payload fewer). For one-time keys (envelope data keys): the portable GHASH table is built
 * for the call and wiped; long-lived keys use aead-into.ts, which keeps it per key.
 */
export function aesGcmSealInto(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  out: Uint8Array,
  offset: number,
): void {
  checkNonce('AES-GCM', nonce, 12);
  const c = nodeCrypto();
  if (!c) {
    gcmSealInto(key, nonce, plaintext, aad, out, offset, false);
    return;
  }
  nativeSealInto(c, gcmName(key), key, nonce, plaintext, aad, out, offset);
}
/**
 * {@link aesGcmSeal} as two arrays, ciphertext and tag, for writers that emit them one
 * after the other (streams): the native side hands over OpenSSL's output as it is, with
 * no copy into a joined array.
 */
export function aesGcmSealSplit(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): [ciphertext: Uint8Array, tag: Uint8Array] {
  const c = nodeCrypto();
  if (!c) {
    const sealed = portableAesGcmSeal(key, nonce, plaintext, aad);
    return [sealed.subarray(0, plaintext.length), sealed.subarray(plaintext.length)];
  }
  checkNonce('AES-GCM', nonce, 12);
  const cipher = c.createCipheriv(gcmName(key), key, nonce, { authTagLength: TAG });
  if (aad.length > 0) cipher.setAAD(aad, { plaintextLength: plaintext.length });
  const body = cipher.update(plaintext);
  cipher.final(); // GCM emits nothing here
  return [u8(body), u8(cipher.getAuthTag())];
}
export function aesGcmOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  const c = nodeCrypto();
  return c
    ? nativeAesGcmOpen(c, key, nonce, sealed, aad)
    : portableAesGcmOpen(key, nonce, sealed, aad);
}
export function chacha20Poly1305Seal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? nativeChachaSeal(c, key, nonce, plaintext, aad)
    : portableChachaSeal(key, nonce, plaintext, aad);
}
export function chacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  const c = nodeCrypto();
  return c
    ? nativeChachaOpen(c, key, nonce, sealed, aad)
    : portableChachaOpen(key, nonce, sealed, aad);
}
export function xchacha20Poly1305Seal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  const c = nodeCrypto();
  return c
    ? nativeXchachaSeal(c, key, nonce, plaintext, aad)
    : portableXchachaSeal(key, nonce, plaintext, aad);
}
export function xchacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  const c = nodeCrypto();
  return c
    ? nativeXchachaOpen(c, key, nonce, sealed, aad)
    : portableXchachaOpen(key, nonce, sealed, aad);
}

export const portable: PortableImpl<
  | 'aesGcmSeal'
  | 'aesGcmOpen'
  | 'chacha20Poly1305Seal'
  | 'chacha20Poly1305Open'
  | 'xchacha20Poly1305Seal'
  | 'xchacha20Poly1305Open'
> = {
  aesGcmSeal: portableAesGcmSeal,
  aesGcmOpen: portableAesGcmOpen,
  chacha20Poly1305Seal: portableChachaSeal,
  chacha20Poly1305Open: portableChachaOpen,
  xchacha20Poly1305Seal: portableXchachaSeal,
  xchacha20Poly1305Open: portableXchachaOpen,
};
export const native: NativeImpl<
  | 'aesGcmSeal'
  | 'aesGcmOpen'
  | 'chacha20Poly1305Seal'
  | 'chacha20Poly1305Open'
  | 'xchacha20Poly1305Seal'
  | 'xchacha20Poly1305Open'
> = {
  aesGcmSeal: nativeAesGcmSeal,
  aesGcmOpen: nativeAesGcmOpen,
  chacha20Poly1305Seal: nativeChachaSeal,
  chacha20Poly1305Open: nativeChachaOpen,
  xchacha20Poly1305Seal: nativeXchachaSeal,
  xchacha20Poly1305Open: nativeXchachaOpen,
};

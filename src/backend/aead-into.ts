/**
 * AEAD sealing straight into a caller's buffer, for formats that put a header before the
 * ciphertext (cachet/aead, cachet/fields): the ciphertext and tag land at `offset` with
 * no intermediate ciphertext ‖ tag array, which saves an allocation and a copy per call
 * (most of the cost beyond OpenSSL itself for small values; a whole extra pass for large
 * ones). Opening reuses aead.ts and siv.ts, except where a faster path exists here (cached
 * portable GCM, native AES-SIV). Same algorithms, same bytes.
 */
import { aessiv, gcmsiv } from '@noble/ciphers/aes.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { aesGcmOpen as dispatchGcmOpen, nativeSealInto, xchachaParams } from './aead.js';
import { nativeAesSivOpen, nativeAesSivSealInto } from './aes-siv-native.js';
import { gcmOpen, gcmSealInto } from './gcm-portable.js';
import { nodeCrypto } from './node.js';
import { aesSivOpen } from './siv.js';

/** Seals `plaintext` and writes ciphertext ‖ tag (or SIV ‖ ciphertext) at `out[offset]`. */
export type SealInto = (
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  out: Uint8Array,
  offset: number,
) => void;

/**
 * AES-256-GCM (SP 800-38D), 12-byte nonce. Portable: with the per-key GHASH table of
 * gcm-portable.ts, so `key` must be a long-lived array (a cached key, not a fresh copy).
 */
export const aesGcmSealInto: SealInto = (key, nonce, plaintext, aad, out, offset) => {
  const c = nodeCrypto();
  if (c) nativeSealInto(c, 'aes-256-gcm', key, nonce, plaintext, aad, out, offset);
  else gcmSealInto(key, nonce, plaintext, aad, out, offset, true);
};

/** Opens AES-256-GCM ciphertext ‖ tag; null when it does not verify. Same key rule as above. */
export function aesGcmOpenCached(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return nodeCrypto()
    ? dispatchGcmOpen(key, nonce, sealed, aad)
    : gcmOpen(key, nonce, sealed, aad, true);
}

/** AES-256-GCM-SIV (RFC 8452), 12-byte nonce; @noble on both backends (OpenSSL 3.0 lacks it). */
export const aesGcmSivSealInto: SealInto = (key, nonce, plaintext, aad, out, offset) => {
  out.set(gcmsiv(key, nonce, aad).encrypt(plaintext), offset);
};

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03 §2.3), 24-byte nonce. Native: HChaCha20
 * in JS for the subkey, then OpenSSL's ChaCha20-Poly1305 with nonce 0^4 ‖ nonce[16..24].
 */
export const xchachaSealInto: SealInto = (key, nonce, plaintext, aad, out, offset) => {
  const c = nodeCrypto();
  if (!c) {
    out.set(xchacha20poly1305(key, nonce, aad).encrypt(plaintext), offset);
    return;
  }
  const [subkey, nonce12] = xchachaParams(key, nonce);
  try {
    nativeSealInto(c, 'chacha20-poly1305', subkey, nonce12, plaintext, aad, out, offset);
  } finally {
    subkey.fill(0);
  }
};

/**
 * AES-SIV (RFC 5297, 512-bit key) with one associated-data string: writes SIV ‖ ciphertext.
 * Native: CMAC and CTR on node:crypto (aes-siv-native.ts); portable: @noble/ciphers.
 */
export const aesSivSealInto: SealInto = (key, _nonce, plaintext, aad, out, offset) => {
  const c = nodeCrypto();
  if (c) nativeAesSivSealInto(c, key, plaintext, aad, out, offset);
  else out.set(aessiv(key, aad).encrypt(plaintext), offset);
};

/** Opens AES-SIV SIV ‖ ciphertext with one associated-data string; null when it does not verify. */
export function aesSivOpenOne(
  key: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  const c = nodeCrypto();
  return c ? nativeAesSivOpen(c, key, sealed, aad) : aesSivOpen(key, sealed, [aad]);
}

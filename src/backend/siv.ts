/**
 * AES-GCM-SIV (RFC 8452) and AES-SIV (RFC 5297). OpenSSL 3.0 (Node 20) offers neither
 * through node:crypto, so both backends use @noble/ciphers here.
 */
import { aessiv, gcmsiv } from '@noble/ciphers/aes.js';
import { nobleOpen, nobleSeal } from './aead.js';
import type { PortableImpl } from './types.js';

/** AES-GCM-SIV with a 12-byte nonce: returns ciphertext ‖ tag. */
export function aesGcmSivSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return nobleSeal(gcmsiv, key, nonce, plaintext, aad);
}

export function aesGcmSivOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  return nobleOpen(gcmsiv, key, nonce, sealed, aad);
}

/** AES-SIV (256/384/512-bit key) over a vector of associated data: returns SIV ‖ ciphertext. */
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

export const portable: PortableImpl<
  'aesGcmSivSeal' | 'aesGcmSivOpen' | 'aesSivSeal' | 'aesSivOpen'
> = { aesGcmSivSeal, aesGcmSivOpen, aesSivSeal, aesSivOpen };
/** Native uses the same implementations (OpenSSL 3.0 lacks both modes). */
export const native: PortableImpl<'aesGcmSivSeal' | 'aesGcmSivOpen' | 'aesSivSeal' | 'aesSivOpen'> =
  portable;

/** AES Key Wrap (RFC 3394) and AES Key Wrap with Padding (RFC 5649). */
import { aeskw, aeskwp } from '@noble/ciphers/aes.js';
import { join } from './native-util.js';
import { type NodeCrypto, nodeCrypto } from './node.js';
import type { NativeImpl, PortableImpl } from './types.js';

// RFC 3394 §2.2.3.1 and RFC 5649 §3 default initial values.
const KW_IV = new Uint8Array([0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6]);
const KWP_IV = new Uint8Array([0xa6, 0x59, 0x59, 0xa6]);

// Both backends refuse the same inputs: KW wraps n*8 bytes with n >= 2 (NIST SP 800-38F
// §6.2; RFC 3394's single-block case is not allowed), KWP wraps 1 byte or more.
function checkKw(key: Uint8Array): void {
  if (key.length < 16 || key.length % 8 !== 0)
    throw new RangeError('AES-KW input must be n*8 bytes, n >= 2');
}
function checkKwp(key: Uint8Array): void {
  if (key.length === 0) throw new RangeError('AES-KWP input must not be empty');
}

function portableKwWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  checkKw(key);
  return aeskw(kek).encrypt(key);
}
function portableKwUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) return null;
  try {
    return aeskw(kek).decrypt(wrapped);
  } catch {
    return null;
  }
}
function portableKwpWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  checkKwp(key);
  return aeskwp(kek).encrypt(key);
}
function portableKwpUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) return null;
  try {
    return aeskwp(kek).decrypt(wrapped);
  } catch {
    return null;
  }
}

function nativeWrap(
  c: NodeCrypto,
  name: string,
  iv: Uint8Array,
  kek: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  const cipher = c.createCipheriv(name, kek, iv);
  return join(cipher.update(data), cipher.final());
}
function nativeUnwrap(
  c: NodeCrypto,
  name: string,
  iv: Uint8Array,
  kek: Uint8Array,
  data: Uint8Array,
): Uint8Array | null {
  try {
    const decipher = c.createDecipheriv(name, kek, iv);
    return join(decipher.update(data), decipher.final());
  } catch {
    return null;
  }
}
function nativeKwWrap(c: NodeCrypto, kek: Uint8Array, key: Uint8Array): Uint8Array {
  checkKw(key);
  return nativeWrap(c, `id-aes${kek.length * 8}-wrap`, KW_IV, kek, key);
}
function nativeKwUnwrap(c: NodeCrypto, kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) return null;
  return nativeUnwrap(c, `id-aes${kek.length * 8}-wrap`, KW_IV, kek, wrapped);
}
function nativeKwpWrap(c: NodeCrypto, kek: Uint8Array, key: Uint8Array): Uint8Array {
  checkKwp(key);
  return nativeWrap(c, `id-aes${kek.length * 8}-wrap-pad`, KWP_IV, kek, key);
}
function nativeKwpUnwrap(c: NodeCrypto, kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) return null;
  return nativeUnwrap(c, `id-aes${kek.length * 8}-wrap-pad`, KWP_IV, kek, wrapped);
}

export function aesKwWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativeKwWrap(c, kek, key) : portableKwWrap(kek, key);
}
export function aesKwUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  const c = nodeCrypto();
  return c ? nativeKwUnwrap(c, kek, wrapped) : portableKwUnwrap(kek, wrapped);
}
export function aesKwpWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativeKwpWrap(c, kek, key) : portableKwpWrap(kek, key);
}
export function aesKwpUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  const c = nodeCrypto();
  return c ? nativeKwpUnwrap(c, kek, wrapped) : portableKwpUnwrap(kek, wrapped);
}

export const portable: PortableImpl<'aesKwWrap' | 'aesKwUnwrap' | 'aesKwpWrap' | 'aesKwpUnwrap'> = {
  aesKwWrap: portableKwWrap,
  aesKwUnwrap: portableKwUnwrap,
  aesKwpWrap: portableKwpWrap,
  aesKwpUnwrap: portableKwpUnwrap,
};
export const native: NativeImpl<'aesKwWrap' | 'aesKwUnwrap' | 'aesKwpWrap' | 'aesKwpUnwrap'> = {
  aesKwWrap: nativeKwWrap,
  aesKwUnwrap: nativeKwUnwrap,
  aesKwpWrap: nativeKwpWrap,
  aesKwpUnwrap: nativeKwpUnwrap,
};

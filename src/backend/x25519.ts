/** X25519 (RFC 7748). Low-order peers (an all-zero shared secret, §6.1) give null. */
import { x25519 as nobleX25519 } from '@noble/curves/ed25519.js';
import { X25519_PKCS8, X25519_SPKI } from './key-der.js';
import { KeyObjectCache, publicKeyTail, u8 } from './native-util.js';
import { type NodeCrypto, nodeCrypto } from './node.js';
import type { NativeImpl, PortableImpl } from './types.js';

function portablePublicKey(privateKey: Uint8Array): Uint8Array {
  return nobleX25519.getPublicKey(privateKey);
}
function portableX25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  try {
    return nobleX25519.getSharedSecret(privateKey, publicKey); // refuses low-order u
  } catch {
    return null;
  }
}

const privateKeys = new KeyObjectCache(X25519_PKCS8, 'pkcs8');
const publicKeys = new KeyObjectCache(X25519_SPKI, 'spki');

function nativePublicKey(c: NodeCrypto, privateKey: Uint8Array): Uint8Array {
  return publicKeyTail(c, privateKeys.get(c, privateKey), 32);
}
function nativeX25519(
  c: NodeCrypto,
  privateKey: Uint8Array,
  publicKey: Uint8Array,
): Uint8Array | null {
  try {
    // OpenSSL fails when the result is all zero, which happens exactly for low-order u.
    return u8(
      c.diffieHellman({
        privateKey: privateKeys.get(c, privateKey),
        publicKey: publicKeys.get(c, publicKey),
      }),
    );
  } catch {
    return null;
  }
}

export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativePublicKey(c, privateKey) : portablePublicKey(privateKey);
}
export function x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  const c = nodeCrypto();
  return c ? nativeX25519(c, privateKey, publicKey) : portableX25519(privateKey, publicKey);
}

export const portable: PortableImpl<'x25519PublicKey' | 'x25519'> = {
  x25519PublicKey: portablePublicKey,
  x25519: portableX25519,
};
export const native: NativeImpl<'x25519PublicKey' | 'x25519'> = {
  x25519PublicKey: nativePublicKey,
  x25519: nativeX25519,
};

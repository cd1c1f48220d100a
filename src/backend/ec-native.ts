/**
 * The node:crypto half of ec.ts (ECDSA with r ‖ s signatures, ECDH, public points), with
 * no curve arithmetic in JavaScript: modules whose API can wait for a dynamic import (the
 * asynchronous cachet/http) use these directly and load the portable half only where
 * node:crypto is absent.
 */
import { CURVE_BYTES, EC_PKCS8, EC_SPKI } from './key-der.js';
import { KeyObjectCache, NODE_HASH, publicKeyTail, u8 } from './native-util.js';
import type { NodeCrypto } from './node.js';
import type { Curve, HashName } from './types.js';

const privateKeys = {
  'P-256': new KeyObjectCache(EC_PKCS8['P-256'], 'pkcs8'),
  'P-384': new KeyObjectCache(EC_PKCS8['P-384'], 'pkcs8'),
  'P-521': new KeyObjectCache(EC_PKCS8['P-521'], 'pkcs8'),
};
const publicKeys = {
  'P-256': new KeyObjectCache(EC_SPKI['P-256'], 'spki'),
  'P-384': new KeyObjectCache(EC_SPKI['P-384'], 'spki'),
  'P-521': new KeyObjectCache(EC_SPKI['P-521'], 'spki'),
};

/** Uncompressed SEC1 public point of a private scalar. */
export function nativePublicKey(c: NodeCrypto, curve: Curve, scalar: Uint8Array): Uint8Array {
  return publicKeyTail(c, privateKeys[curve].get(c, scalar), 1 + 2 * CURVE_BYTES[curve]);
}
/** ECDSA with a hedged nonce: OpenSSL derives k from the key, the digest and fresh randomness. */
export function nativeSignHedged(
  c: NodeCrypto,
  curve: Curve,
  hash: HashName,
  scalar: Uint8Array,
  message: Uint8Array,
): Uint8Array {
  const key = privateKeys[curve].get(c, scalar);
  return u8(c.sign(NODE_HASH[hash], message, { key, dsaEncoding: 'ieee-p1363' }));
}
/** ECDSA verification of r ‖ s; accepts high S. */
export function nativeVerify(
  c: NodeCrypto,
  curve: Curve,
  hash: HashName,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 2 * CURVE_BYTES[curve]) return false;
  try {
    const key = publicKeys[curve].get(c, publicKey);
    return c.verify(NODE_HASH[hash], message, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
/** ECDH: the x-coordinate of scalar·point; null for an invalid point. */
export function nativeEcdh(
  c: NodeCrypto,
  curve: Curve,
  scalar: Uint8Array,
  publicKey: Uint8Array,
): Uint8Array | null {
  try {
    return u8(
      c.diffieHellman({
        privateKey: privateKeys[curve].get(c, scalar),
        publicKey: publicKeys[curve].get(c, publicKey),
      }),
    );
  } catch {
    return null;
  }
}

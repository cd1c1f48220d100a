/**
 * The node:crypto half of ed25519.ts, with no curve arithmetic in JavaScript (for modules
 * that load the portable half on demand: cachet/webhooks, cachet/http). The key policy of
 * ed25519-policy.ts applies here as it does on the portable side.
 */
import { isAcceptableEd25519Key } from './ed25519-policy.js';
import { ED25519_PKCS8, ED25519_SPKI } from './key-der.js';
import { KeyObjectCache, publicKeyTail, u8 } from './native-util.js';
import type { NodeCrypto } from './node.js';

const privateKeys = new KeyObjectCache(ED25519_PKCS8, 'pkcs8');
const publicKeys = new KeyObjectCache(ED25519_SPKI, 'spki');

/** 32-byte seed → 32-byte public key. */
export function nativePublicKey(c: NodeCrypto, seed: Uint8Array): Uint8Array {
  return publicKeyTail(c, privateKeys.get(c, seed), 32);
}
/** Signs with a 32-byte seed. */
export function nativeSign(c: NodeCrypto, seed: Uint8Array, message: Uint8Array): Uint8Array {
  return u8(c.sign(null, message, privateKeys.get(c, seed)));
}
/** Verifies (strict keys, cofactorless, as OpenSSL). */
export function nativeVerify(
  c: NodeCrypto,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64 || !isAcceptableEd25519Key(publicKey)) return false;
  try {
    return c.verify(null, message, publicKeys.get(c, publicKey), signature);
  } catch {
    return false;
  }
}

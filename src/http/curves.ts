/**
 * Ed25519 and ECDSA for cachet/http without curve arithmetic in its bundle. With
 * node:crypto (Node, Deno, Bun) they are one native call each. Without it (browsers, edge
 * runtimes, or `setBackend('portable')`), the portable code of src/backend/ed25519.ts and
 * src/backend/ec.ts (@noble/curves, most of the module's size) is imported on first use:
 * signing and verification are asynchronous anyway, and HMAC users never load it. Both
 * paths give the same results (the backends are tested against each other).
 */
import { nativeVerify as nativeEcdsaVerify, nativeSignHedged } from '../backend/ec-native.js';
import { nativeVerify as nativeEd25519Verify, nativeSign } from '../backend/ed25519-native.js';
import { nodeCrypto } from '../backend/node.js';
import type { Curve, HashName } from '../backend/types.js';

/**
 * A module imported on first use. A failed import (a chunk that could not be fetched) is
 * tried again on the next call rather than cached.
 */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

const portableEd25519 = lazy(() => import('../backend/ed25519.js').then((m) => m.portable));
const portableEcdsa = lazy(() => import('../backend/ec.js').then((m) => m.portable));

/** Ed25519 signature with a 32-byte seed (RFC 8032). */
export function ed25519Sign(
  seed: Uint8Array,
  message: Uint8Array,
): Uint8Array | Promise<Uint8Array> {
  const c = nodeCrypto();
  return c
    ? nativeSign(c, seed, message)
    : portableEd25519().then((p) => p.ed25519Sign(seed, message));
}

/** Ed25519 verification: strict keys, cofactorless, as OpenSSL. */
export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean | Promise<boolean> {
  const c = nodeCrypto();
  return c
    ? nativeEd25519Verify(c, publicKey, message, signature)
    : portableEd25519().then((p) => p.ed25519Verify(publicKey, message, signature));
}

/** ECDSA r ‖ s over `hash(message)` with a hedged nonce. */
export function ecdsaSign(
  curve: Curve,
  hash: HashName,
  scalar: Uint8Array,
  message: Uint8Array,
): Uint8Array | Promise<Uint8Array> {
  const c = nodeCrypto();
  return c
    ? nativeSignHedged(c, curve, hash, scalar, message)
    : portableEcdsa().then((p) => p.ecdsaSign(curve, hash, scalar, message, 'hedged'));
}

/** ECDSA verification of r ‖ s (high S accepted). */
export function ecdsaVerify(
  curve: Curve,
  hash: HashName,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean | Promise<boolean> {
  const c = nodeCrypto();
  return c
    ? nativeEcdsaVerify(c, curve, hash, publicKey, message, signature)
    : portableEcdsa().then((p) => p.ecdsaVerify(curve, hash, publicKey, message, signature));
}

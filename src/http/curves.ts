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

type Ed25519 = typeof import('../backend/ed25519.js')['portable'];
type Ecdsa = typeof import('../backend/ec.js')['portable'];

let ed25519: Promise<Ed25519> | undefined;
let ecdsa: Promise<Ecdsa> | undefined;

// A failed import (a chunk that could not be fetched) is tried again on the next call.
function portableEd25519(): Promise<Ed25519> {
  ed25519 ??= import('../backend/ed25519.js').then(
    (m) => m.portable,
    (error: unknown) => {
      ed25519 = undefined;
      throw error;
    },
  );
  return ed25519;
}

function portableEcdsa(): Promise<Ecdsa> {
  ecdsa ??= import('../backend/ec.js').then(
    (m) => m.portable,
    (error: unknown) => {
      ecdsa = undefined;
      throw error;
    },
  );
  return ecdsa;
}

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

/**
 * Ed25519 (RFC 8032) for `v1a` signatures, without putting curve arithmetic in every
 * webhook bundle. With node:crypto (Node, Deno, Bun) signing and verifying are synchronous
 * native calls and no JavaScript curve code is loaded. Without it (browsers, edge runtimes,
 * or `setBackend('portable')`), the portable implementation of src/backend/ed25519.ts is
 * about 13 KB gzipped, so it is imported on demand: call {@link preloadEd25519} once
 * before the first `v1a` operation. Both paths apply the same key policy
 * (src/backend/ed25519-policy.ts) and cofactorless verification, so they agree on every
 * input.
 */
import { nativePublicKey, nativeSign, nativeVerify } from '../backend/ed25519-native.js';
import { nodeCrypto } from '../backend/node.js';
import { UnsupportedError } from '../errors.js';

type Portable = typeof import('../backend/ed25519.js')['portable'];

let portable: Portable | undefined;

/**
 * Loads the portable Ed25519 implementation, needed for `v1a` (Ed25519) webhooks where
 * node:crypto is absent (browsers, edge runtimes) or after `setBackend('portable')`. Call
 * it once at start-up; HMAC schemes never need it, and in Node it is not needed at all.
 *
 * @returns a promise that resolves once Ed25519 signing and verification are available
 * @example
 * ```ts
 * import { preloadEd25519, verifyWebhook } from 'cachet/webhooks';
 * await preloadEd25519(); // in a browser or edge function, before verifying v1a signatures
 * ```
 */
export async function preloadEd25519(): Promise<void> {
  portable ??= (await import('../backend/ed25519.js')).portable;
}

function loaded(): Portable {
  if (portable) return portable;
  throw new UnsupportedError(
    'ERR_UNSUPPORTED_ALGORITHM',
    'Ed25519 (v1a) without node:crypto needs its portable code loaded first: call `await preloadEd25519()` once at start-up',
  );
}

/** 32-byte seed → 32-byte public key. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativePublicKey(c, seed) : loaded().ed25519PublicKey(seed);
}

/** Signs with a 32-byte seed. */
export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  const c = nodeCrypto();
  return c ? nativeSign(c, seed, message) : loaded().ed25519Sign(seed, message);
}

/** Strict verification (canonical, not small-order keys; cofactorless, S < L). */
export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const c = nodeCrypto();
  return c
    ? nativeVerify(c, publicKey, message, signature)
    : loaded().ed25519Verify(publicKey, message, signature);
}

const encoder = new TextEncoder();

/** `prefix ‖ payload` as one array: node:crypto's one-shot Ed25519 takes a single buffer. */
export function signedContent(prefix: string, payload: string | Uint8Array): Uint8Array {
  const head = encoder.encode(prefix);
  const body = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

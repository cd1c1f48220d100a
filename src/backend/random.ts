/** CSPRNG bytes: node:crypto's randomFillSync, or `crypto.getRandomValues` elsewhere. */

import type { NodeCrypto } from './node.js';
import { nodeCrypto } from './node.js';
import type { NativeImpl, PortableImpl } from './types.js';

function portableRandomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call (WebCrypto §10.1.1).
  for (let i = 0; i < length; i += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  }
  return out;
}

function nativeRandomBytes(c: NodeCrypto, length: number): Uint8Array {
  return c.randomFillSync(new Uint8Array(length));
}

export function randomBytes(length: number): Uint8Array {
  const c = nodeCrypto();
  return c ? nativeRandomBytes(c, length) : portableRandomBytes(length);
}

const POOL_SIZE = 4096;
const POOL_MAX_TAKE = 256;
let pool: Uint8Array | undefined;
let poolUsed = POOL_SIZE;

/** Fills `out` straight from the CSPRNG. */
function fillRandom(out: Uint8Array): void {
  const c = nodeCrypto();
  if (c) c.randomFillSync(out);
  // getRandomValues fills at most 65536 bytes per call (WebCrypto §10.1.1).
  else
    for (let i = 0; i < out.length; i += 65536)
      globalThis.crypto.getRandomValues(out.subarray(i, Math.min(out.length, i + 65536)));
}

/**
 * Fills `out` with CSPRNG bytes served from a 4 KiB pool drawn at once (nonces, data keys,
 * salts). A call into node:crypto (or `crypto.getRandomValues`) costs a few microseconds
 * whatever the length, more than sealing a small field or the AES-KW of a data key; Node
 * serves `randomUUID` the same way. Each byte is handed out once and zeroed in the pool as
 * it is taken, so the pool holds only bytes nobody has seen (the DRBG's own state, which
 * produces them, is in the same process memory). Requests over 256 bytes go to the CSPRNG
 * directly.
 */
export function randomFillPooled(out: Uint8Array): void {
  if (out.length > POOL_MAX_TAKE) {
    fillRandom(out);
    return;
  }
  pool ??= new Uint8Array(POOL_SIZE);
  if (poolUsed + out.length > POOL_SIZE) {
    fillRandom(pool);
    poolUsed = 0;
  }
  const take = pool.subarray(poolUsed, poolUsed + out.length);
  out.set(take);
  take.fill(0);
  poolUsed += out.length;
}

/** `length` pooled CSPRNG bytes in an array of their own (see {@link randomFillPooled}). */
export function randomBytesPooled(length: number): Uint8Array {
  const out = new Uint8Array(length);
  randomFillPooled(out);
  return out;
}

export const portable: PortableImpl<'randomBytes'> = { randomBytes: portableRandomBytes };
export const native: NativeImpl<'randomBytes'> = { randomBytes: nativeRandomBytes };

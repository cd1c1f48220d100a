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

export const portable: PortableImpl<'randomBytes'> = { randomBytes: portableRandomBytes };
export const native: NativeImpl<'randomBytes'> = { randomBytes: nativeRandomBytes };

/**
 * One-shot SHA-2 digests for hot paths: node:crypto's `hash()` (Node ≥ 20.12; one native
 * call, no Hash object) with the output encoded natively, falling back to `createHash`,
 * or @noble/hashes on the portable backend. Same bytes as `digest()` in hash.ts.
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { NODE_HASH, u8 } from './native-util.js';
import { nodeCrypto } from './node.js';
import type { HashName } from './types.js';

const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The slice of node:crypto used here (`hash` is absent before Node 20.12). */
interface OneShot {
  hash?: (
    algorithm: string,
    data: Uint8Array,
    encoding: 'base64' | 'buffer',
  ) => string | Uint8Array;
  createHash(algorithm: string): {
    update(data: Uint8Array): { digest(encoding?: 'base64'): string | Uint8Array };
  };
}

/** Standard padded base64 (RFC 4648 §4) of a short byte string. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + B64[n & 63]!;
  }
  if (i < bytes.length) {
    const two = i + 1 < bytes.length;
    const n = (bytes[i]! << 16) | (two ? bytes[i + 1]! << 8 : 0);
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + (two ? B64[(n >>> 6) & 63]! : '=') + '=';
  }
  return out;
}

/** The digest of `data` in standard padded base64 (RFC 4648 §4). */
export function digestBase64(hash: HashName, data: Uint8Array): string {
  const c = nodeCrypto() as unknown as OneShot | null;
  if (!c) return encodeBase64(HASHES[hash](data));
  const name = NODE_HASH[hash];
  return c.hash
    ? (c.hash(name, data, 'base64') as string)
    : (c.createHash(name).update(data).digest('base64') as string);
}

/** The digest of `data` as bytes. */
export function digestBytes(hash: HashName, data: Uint8Array): Uint8Array {
  const c = nodeCrypto() as unknown as OneShot | null;
  if (!c) return HASHES[hash](data);
  const name = NODE_HASH[hash];
  return u8(
    (c.hash
      ? c.hash(name, data, 'buffer')
      : c.createHash(name).update(data).digest()) as Uint8Array,
  );
}

/**
 * One-shot SHA-2 digests for hot paths: node:crypto's `hash()` (Node ≥ 20.12; one native
 * call, no Hash object) with the output encoded natively, falling back to `createHash`,
 * or @noble/hashes on the portable backend. Same bytes as `digest()` in hash.ts.
 */
import { sha384, sha512 } from '@noble/hashes/sha2.js';
import { NODE_HASH, u8 } from './native-util.js';
import { nodeCrypto } from './node.js';
import { sha256 } from './sha256-portable.js';
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

const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));

/**
 * Standard padded base64 (RFC 4648 §4): digests and MACs here, sf-binary values in
 * cachet/http (RFC 8941 §4.1.8), which may be long.
 */
export function encodeBase64(bytes: Uint8Array): string {
  // Character codes collected, then turned into a string in chunks: much faster than
  // concatenating one-character strings, and no call gets more arguments than engines allow.
  const codes: number[] = [];
  let out = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    codes.push(
      B64_CODES[n >>> 18]!,
      B64_CODES[(n >>> 12) & 63]!,
      B64_CODES[(n >>> 6) & 63]!,
      B64_CODES[n & 63]!,
    );
    if (codes.length >= 8192) {
      out += String.fromCharCode.apply(null, codes);
      codes.length = 0;
    }
  }
  const rest = bytes.length - full;
  if (rest > 0) {
    const n = (bytes[full]! << 16) | (rest === 2 ? bytes[full + 1]! << 8 : 0);
    codes.push(
      B64_CODES[n >>> 18]!,
      B64_CODES[(n >>> 12) & 63]!,
      rest === 2 ? B64_CODES[(n >>> 6) & 63]! : 61,
      61,
    );
  }
  return out + String.fromCharCode.apply(null, codes);
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

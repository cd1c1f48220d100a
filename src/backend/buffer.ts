/**
 * Byte plumbing for hot paths that turn small values into text and back (field
 * encryption): UTF-8 into a caller's buffer, scratch buffers that never leave cachet, and
 * strict base64url. The native side uses Node's Buffer (reached like node:crypto, never
 * imported statically): its pooled allocation and C++ codecs are several times faster than
 * a fresh off-heap Uint8Array and a JS loop for values of a few hundred bytes. Both sides
 * give identical results, and both decoders are strict (RFC 4648 §5 alphabet, no padding,
 * canonical trailing bits), so a ciphertext has exactly one text form.
 */
import { base64urlEncode } from '../bytes.js';
import { nodeCrypto } from './node.js';

interface NodeBufferClass {
  allocUnsafe(size: number): Uint8Array & NodeBufferMethods;
  allocUnsafeSlow(size: number): Uint8Array;
  from(text: string, encoding: 'base64url'): Uint8Array;
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NodeBufferMethods;
  byteLength(text: string, encoding: 'utf8'): number;
}
interface NodeBufferMethods {
  toString(encoding: 'base64url'): string;
  utf8Write(text: string, offset: number, length: number): number;
}

let bufferClass: NodeBufferClass | null | undefined;

/** Node's Buffer when the native backend is in use, otherwise null. */
function nodeBuffer(): NodeBufferClass | null {
  if (!nodeCrypto()) return null;
  if (bufferClass === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    const mod = proc?.getBuiltinModule?.('node:buffer') as { Buffer?: NodeBufferClass } | undefined;
    bufferClass = mod?.Buffer ?? null;
  }
  return bufferClass;
}

const encoder = new TextEncoder();

/**
 * A buffer for bytes that never leave cachet (they are encoded to text or decoded and
 * dropped). Native: a slice of Node's shared pool, so it must never be returned to a
 * caller, whose `.buffer` would then reach unrelated bytes.
 */
export function scratch(length: number): Uint8Array {
  const B = nodeBuffer();
  return B ? B.allocUnsafe(length) : new Uint8Array(length);
}

/**
 * A buffer of its own (safe to return) whose every byte the caller overwrites before
 * anyone reads it. Native: not zero-filled first, which for a large ciphertext saves a
 * whole pass over memory.
 */
export function uninitialized(length: number): Uint8Array {
  const B = nodeBuffer();
  if (!B) return new Uint8Array(length);
  const buf = B.allocUnsafeSlow(length);
  return new Uint8Array(buf.buffer, 0, length);
}

/** UTF-8 length of a well-formed string. */
export function utf8Length(text: string): number {
  const B = nodeBuffer();
  if (B) return B.byteLength(text, 'utf8');
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x800) {
      // A surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes; any other unit ≥ U+0800 is 3.
      if (c >= 0xd800 && c <= 0xdbff) i++;
      n += 2;
    } else if (c >= 0x80) n += 1;
  }
  return n;
}

/** Writes a well-formed string as UTF-8 at `offset` (room checked by the caller). */
export function utf8Write(text: string, out: Uint8Array, offset: number, length: number): void {
  const B = nodeBuffer();
  if (B && typeof (out as Partial<NodeBufferMethods>).utf8Write === 'function') {
    (out as Uint8Array & NodeBufferMethods).utf8Write(text, offset, length);
  } else {
    encoder.encodeInto(text, out.subarray(offset, offset + length));
  }
}

/** base64url without padding. */
export function base64urlFast(bytes: Uint8Array): string {
  const B = nodeBuffer();
  return B
    ? B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')
    : base64urlEncode(bytes);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Strict unpadded base64url of `text` from index `start`, or null when it is not one
 * (character outside the alphabet, impossible length, non-zero trailing bits).
 */
export function base64urlStrict(text: string, start: number): Uint8Array | null {
  const length = text.length - start;
  const rest = length & 3;
  if (rest === 1) return null;
  const body = start === 0 ? text : text.slice(start);
  if (!BASE64URL.test(body)) return null;
  // RFC 4648 §3.5: the bits after the last whole byte must be zero (one text per value).
  if (rest !== 0) {
    const last = VALUES[body.charCodeAt(length - 1)]!;
    if ((last & (rest === 2 ? 0x0f : 0x03)) !== 0) return null;
  }
  const B = nodeBuffer();
  if (B) return B.from(body, 'base64url');
  const out = new Uint8Array((length * 3) >> 2);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < length; i++) {
    acc = (acc << 6) | VALUES[body.charCodeAt(i)]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

/**
 * The payload key, the key commitment and the chunk nonces (docs/formats.md#envelope).
 *
 * Key derivation is NIST SP 800-108r1 §4.1 (counter mode) with HMAC-SHA-512 as the PRF and
 * a single iteration: K ‖ M = HMAC-SHA-512(DEK, [1]_32 ‖ Label ‖ 0x00 ‖ Context ‖ [512]_32),
 * with Context = the fixed header ‖ the encoded encryption context. K encrypts the payload;
 * M keys the header MAC, HMAC-SHA-256(M, header), checked before any decryption: it
 * authenticates every recipient stanza and commits to the data key (AES-GCM alone is not
 * key-committing, so without it two data keys could open one payload). A fresh 256-bit
 * salt in the fixed header gives every envelope its own K, even when a cached data key is
 * reused, so the nonces can be a plain counter.
 *
 * Chunk nonces follow STREAM (Hoang, Reyhanitabar, Rogaway, Vizár 2015):
 * nonce_i = I2OSP(i, 11) ‖ last, with last = 1 only on the final chunk. A one-shot payload is
 * the single chunk 0 with last = 1.
 */
import { aesGcmOpen, aesGcmSealInto, aesGcmSealSplit } from '../backend/aead.js';
import { hmacOnce } from '../backend/hash.js';
import { PAYLOAD_LABEL } from './limits.js';

const PREFIX = Uint8Array.of(0, 0, 0, 1, ...new TextEncoder().encode(PAYLOAD_LABEL), 0);
const SUFFIX = Uint8Array.of(0, 0, 0x02, 0); // [512]_32
let scratch = new Uint8Array(256);

/** The payload key and the header MAC key. */
export interface PayloadKeys {
  readonly key: Uint8Array;
  readonly macKey: Uint8Array;
}

/** Derives K and M from the data key, the fixed header and the encoded context. */
export function derivePayloadKeys(
  dek: Uint8Array,
  fixed: Uint8Array,
  context: Uint8Array,
): PayloadKeys {
  const length = PREFIX.length + fixed.length + context.length + SUFFIX.length;
  // The input holds nothing secret; a reused scratch array saves an allocation per seal.
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, 2 * scratch.length));
  const input = scratch.subarray(0, length);
  input.set(PREFIX);
  input.set(fixed, PREFIX.length);
  input.set(context, PREFIX.length + fixed.length);
  input.set(SUFFIX, length - SUFFIX.length);
  const okm = hmacOnce('SHA-512', dek, input);
  return { key: okm.subarray(0, 32), macKey: okm.subarray(32) };
}

/** The header MAC: HMAC-SHA-256(M, everything in the header before the MAC). */
export function headerMac(macKey: Uint8Array, header: Uint8Array): Uint8Array {
  return hmacOnce('SHA-256', macKey, header);
}

/** nonce_i = I2OSP(i, 11) ‖ last. */
export function chunkNonce(index: number, last: boolean): Uint8Array {
  const nonce = new Uint8Array(12);
  // Indexes stay below 2^53; the top 4 bytes of the 11-byte counter are always zero. Byte
  // writes, not a DataView: a view would move this small array off the V8 heap.
  const high = Math.floor(index / 2 ** 32);
  nonce[5] = (high >>> 8) & 0xff;
  nonce[6] = high & 0xff;
  nonce[7] = index >>> 24;
  nonce[8] = (index >>> 16) & 0xff;
  nonce[9] = (index >>> 8) & 0xff;
  nonce[10] = index & 0xff;
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/**
 * Encrypts chunk `index` with the fixed header as associated data, writing ciphertext ‖ tag
 * into `out` at `offset` (room for the plaintext and the tag left there).
 */
export function sealChunkInto(
  key: Uint8Array,
  fixed: Uint8Array,
  index: number,
  last: boolean,
  plaintext: Uint8Array,
  out: Uint8Array,
  offset: number,
): void {
  aesGcmSealInto(key, chunkNonce(index, last), plaintext, fixed, out, offset);
}

/** Encrypts chunk `index` like {@link sealChunkInto}; ciphertext and tag come back apart. */
export function sealChunkSplit(
  key: Uint8Array,
  fixed: Uint8Array,
  index: number,
  last: boolean,
  plaintext: Uint8Array,
): [ciphertext: Uint8Array, tag: Uint8Array] {
  return aesGcmSealSplit(key, chunkNonce(index, last), plaintext, fixed);
}

/** Decrypts chunk `index`; null when it does not authenticate (altered, moved, or mislabelled last). */
export function openChunk(
  key: Uint8Array,
  fixed: Uint8Array,
  index: number,
  last: boolean,
  sealed: Uint8Array,
): Uint8Array | null {
  return aesGcmOpen(key, chunkNonce(index, last), sealed, fixed);
}

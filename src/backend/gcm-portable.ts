/**
 * Portable AES-GCM (NIST SP 800-38D, 96-bit nonces, 128/192/256-bit keys). For keys used
 * many times the GHASH multiplication table of H = E_K(0^128) is computed once per key and
 * cached, where @noble/ciphers' `gcm` rebuilds it (and H) on every call, which is most of
 * its cost for small messages; for one-time keys its 4-bit table is also cheaper to build
 * than noble's (a fresh-key 4 KiB seal in 0.95x the time of noble's `gcm`). AES itself is
 * @noble/ciphers' `ctr`. GHASH follows Go's crypto/cipher generic implementation
 * (4-bit tables, Shoup's method). The same bytes as `gcm`: Wycheproof and a comparison with
 * @noble/ciphers on random inputs check it (test/aead/wycheproof.test.ts, gcm.test.ts).
 */
import { ctr, ecb } from '@noble/ciphers/aes.js';
import { timingSafeEqual } from '../bytes.js';

/** Reduction of the 4 bits shifted out, x^128 = x^7 + x^2 + x + 1 (bit-reflected). */
const REDUCTION = [
  0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0, 0xe100, 0xfd20, 0xd940, 0xc560,
  0x9180, 0x8da0, 0xa9c0, 0xb5e0,
];

function reverse4(i: number): number {
  i = ((i << 2) & 0xc) | ((i >> 2) & 0x3);
  return ((i << 1) & 0xa) | ((i >> 1) & 0x5);
}

/**
 * A field element as four 32-bit words: `low` is bytes 0-7 and `high` bytes 8-15 of the
 * block, each big-endian (Go's gcmFieldElement), split as [low hi, low lo, high hi, high lo].
 */
type Element = [number, number, number, number];

/** Doubling in GHASH's bit order is a right shift, with the reduction on carry-out. */
function double([l1, l0, h1, h0]: Element): Element {
  const carry = h0 & 1;
  const out: Element = [
    l1 >>> 1,
    ((l0 >>> 1) | (l1 << 31)) >>> 0,
    ((h1 >>> 1) | (l0 << 31)) >>> 0,
    ((h0 >>> 1) | (h1 << 31)) >>> 0,
  ];
  if (carry) out[0] = (out[0] ^ 0xe1000000) >>> 0;
  return out;
}

/** GHASH under one H: the table of i·H for the 16 nibble values, in reversed bit order. */
class Ghash {
  readonly #table = new Uint32Array(64);

  constructor(h: Uint8Array) {
    const x: Element = [word(h, 0), word(h, 4), word(h, 8), word(h, 12)];
    const rows: Element[] = new Array(16);
    rows[0] = [0, 0, 0, 0];
    rows[reverse4(1)] = x;
    for (let i = 2; i < 16; i += 2) {
      rows[reverse4(i)] = double(rows[reverse4(i / 2)]!);
      const d = rows[reverse4(i)]!;
      rows[reverse4(i + 1)] = [
        (d[0] ^ x[0]) >>> 0,
        (d[1] ^ x[1]) >>> 0,
        (d[2] ^ x[2]) >>> 0,
        (d[3] ^ x[3]) >>> 0,
      ];
    }
    for (let i = 0; i < 16; i++) this.#table.set(rows[i]!, 4 * i);
  }

  /** GHASH_H(aad ‖ pad ‖ data ‖ pad ‖ len(aad) ‖ len(data)) into `out` (16 bytes). */
  digest(aad: Uint8Array, data: Uint8Array, out: Uint8Array): void {
    const y = new Uint32Array(4);
    this.#absorb(y, aad);
    this.#absorb(y, data);
    // The length block: bit lengths as two 64-bit big-endian integers (< 2^53 here).
    const aadBits = aad.length * 8;
    const dataBits = data.length * 8;
    y[0]! ^= Math.floor(aadBits / 2 ** 32);
    y[1]! ^= aadBits >>> 0;
    y[2]! ^= Math.floor(dataBits / 2 ** 32);
    y[3]! ^= dataBits >>> 0;
    this.#multiply(y);
    for (let i = 0; i < 4; i++) {
      out[4 * i] = y[i]! >>> 24;
      out[4 * i + 1] = (y[i]! >>> 16) & 0xff;
      out[4 * i + 2] = (y[i]! >>> 8) & 0xff;
      out[4 * i + 3] = y[i]! & 0xff;
    }
    y.fill(0);
  }

  /** Zeroes the table: multiples of H, as secret as H (with one tag, they forge others). */
  wipe(): void {
    this.#table.fill(0);
  }

  /** Absorbs whole blocks, then a zero-padded last block (SP 800-38D §6.4). */
  #absorb(y: Uint32Array, bytes: Uint8Array): void {
    const full = bytes.length & ~15;
    for (let i = 0; i < full; i += 16) {
      y[0]! ^= word(bytes, i);
      y[1]! ^= word(bytes, i + 4);
      y[2]! ^= word(bytes, i + 8);
      y[3]! ^= word(bytes, i + 12);
      this.#multiply(y);
    }
    if (full < bytes.length) {
      const last = new Uint8Array(16);
      last.set(bytes.subarray(full));
      y[0]! ^= word(last, 0);
      y[1]! ^= word(last, 4);
      y[2]! ^= word(last, 8);
      y[3]! ^= word(last, 12);
      this.#multiply(y);
    }
  }

  /** y = y·H: four bits at a time, from the last word's low nibble to the first's high one. */
  #multiply(y: Uint32Array): void {
    const t = this.#table;
    let l1 = 0;
    let l0 = 0;
    let h1 = 0;
    let h0 = 0;
    // Go walks `high` (words 2, 3) then `low` (words 0, 1), each 64-bit word from its low nibble.
    for (let w = 3; w >= 0; w -= 2) {
      for (let half = 0; half < 2; half++) {
        let word = y[w - half]!;
        for (let j = 0; j < 8; j++) {
          const msw = h0 & 0xf;
          h0 = ((h0 >>> 4) | (h1 << 28)) >>> 0;
          h1 = ((h1 >>> 4) | (l0 << 28)) >>> 0;
          l0 = ((l0 >>> 4) | (l1 << 28)) >>> 0;
          l1 = ((l1 >>> 4) ^ (REDUCTION[msw]! << 16)) >>> 0;
          const k = 4 * (word & 0xf);
          l1 ^= t[k]!;
          l0 ^= t[k + 1]!;
          h1 ^= t[k + 2]!;
          h0 ^= t[k + 3]!;
          word >>>= 4;
        }
      }
    }
    y[0] = l1;
    y[1] = l0;
    y[2] = h1;
    y[3] = h0;
  }
}

function word(bytes: Uint8Array, i: number): number {
  return ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
}

const hashes = new WeakMap<Uint8Array, Ghash>();
const ZERO_BLOCK = new Uint8Array(16);

/**
 * The GHASH of `key`, kept per key array when `cache` (a long-lived key: the table is
 * then built once), built for this call only otherwise (a one-time key, such as an
 * envelope's data key, which its owner wipes: a cached table would outlive it), and then
 * wiped by the caller after use.
 */
function ghashOf(key: Uint8Array, cache: boolean): Ghash {
  let g = cache ? hashes.get(key) : undefined;
  if (!g) {
    const h = ecb(key, { disablePadding: true }).encrypt(ZERO_BLOCK);
    g = new Ghash(h);
    h.fill(0);
    if (cache) hashes.set(key, g);
  }
  return g;
}

/**
 * E_K(J0) ‖ CTR_K(inc32(J0), data) in one pass, J0 = nonce ‖ 00000001 (§7.1, 96-bit IV).
 * @noble's ctr increments all 128 bits, inc32 only the last 32: they differ only past
 * 2^32 blocks (64 GiB), which no single message here reaches.
 */
function keystream(key: Uint8Array, nonce: Uint8Array, data: Uint8Array): Uint8Array {
  const j0 = new Uint8Array(16);
  j0.set(nonce);
  j0[15] = 1;
  const buf = new Uint8Array(16 + data.length);
  buf.set(data, 16);
  ctr(key, j0).encrypt(buf, buf);
  return buf;
}

/**
 * Seals into `out[offset..]`: ciphertext ‖ tag. With `cache`, `key` must be a long-lived
 * array whose bytes never change (its GHASH table is kept by array identity).
 */
export function gcmSealInto(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  out: Uint8Array,
  offset: number,
  cache: boolean,
): void {
  const buf = keystream(key, nonce, plaintext);
  const ciphertext = buf.subarray(16);
  const tag = new Uint8Array(16);
  const g = ghashOf(key, cache);
  g.digest(aad, ciphertext, tag);
  if (!cache) g.wipe();
  for (let i = 0; i < 16; i++) tag[i]! ^= buf[i]!;
  out.set(ciphertext, offset);
  out.set(tag, offset + plaintext.length);
  buf.fill(0, 0, 16);
}

/**
 * Opens ciphertext ‖ tag; null (and nothing released) when the tag does not verify.
 * `cache` as for {@link gcmSealInto}.
 */
export function gcmOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
  cache: boolean,
): Uint8Array | null {
  if (nonce.length !== 12 || sealed.length < 16) return null;
  const ciphertext = sealed.subarray(0, sealed.length - 16);
  const tag = new Uint8Array(16);
  const g = ghashOf(key, cache);
  g.digest(aad, ciphertext, tag);
  if (!cache) g.wipe();
  // One CTR pass gives E_K(J0) and the plaintext; the plaintext stays here unless the tag verifies.
  const buf = keystream(key, nonce, ciphertext);
  for (let i = 0; i < 16; i++) tag[i]! ^= buf[i]!;
  const ok = timingSafeEqual(tag, sealed.subarray(sealed.length - 16));
  // A plaintext of its own: E_K(J0) must not stay reachable through the result's `.buffer`.
  const plaintext = ok ? buf.slice(16) : null;
  buf.fill(0);
  return plaintext;
}

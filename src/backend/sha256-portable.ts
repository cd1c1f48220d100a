/**
 * SHA-256 (FIPS 180-4 §6.2) in JavaScript, for the portable backend.
 *
 * Why not @noble/hashes' `sha256`: it is built on noble's generic Merkle–Damgård class and
 * utilities, 5.4 KB minified (2.6 KB gzipped) for SHA-256 alone, while this file is about
 * 1 KB. SHA-256 is in every browser bundle that hashes synchronously (webhook and HTTP
 * MACs, key ids, the AEAD key commitment, blind indexes), so its size is most of the gap
 * to the bundle budgets (bench/notes.md). SHA-384/512 stay @noble/hashes'.
 *
 * The surface is the part of noble's `CHash` that cachet uses (call, `create`, `update`,
 * `digest`, `clone`, `blockLen`, `outputLen`), so hmac-state.ts takes either. Checked
 * against NIST's examples and against node:crypto and @noble/hashes on random inputs split
 * at random points (test/backend/sha256-portable.test.ts, in Node and Chromium).
 */

/** floor(n^(1/k)) for n >= 1, by Newton's method from above (exact, unlike Math.cbrt). */
function integerRoot(n: bigint, k: bigint): bigint {
  let x = 1n << (BigInt(n.toString(2).length) / k + 1n);
  for (;;) {
    const next = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (next >= x) return x;
    x = next;
  }
}

/**
 * The first 32 bits of the fractional parts of the k-th roots of the first `count` primes:
 * floor(p^(1/k) * 2^32) mod 2^32 = floor((p * 2^(32k))^(1/k)) mod 2^32. Computed from the
 * definition rather than written out, which is half the size of the two tables in a bundle
 * and leaves no constant to mistype; the known answers in the tests check every word.
 */
function rootWords(count: number, k: bigint): Uint32Array {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return Uint32Array.from(primes, (p) =>
    Number(integerRoot(BigInt(p) << (32n * k), k) & 0xffff_ffffn),
  );
}

// Computed on first use, not at import: about 0.2 ms that Node, which hashes with
// node:crypto, would pay for nothing.
/** §4.2.2: the round constants, from the cube roots of the first 64 primes. */
let K: Uint32Array | undefined;
/** §5.3.3: the initial hash value, from the square roots of the first 8 primes. */
let IV: Uint32Array | undefined;

/** The message schedule (§6.2.2 step 1), shared by every hash and zeroed after each use. */
const W = /* @__PURE__ */ new Uint32Array(64);

/** §6.2.2: folds the 64-byte blocks of `data[at..end)` into the state `h`. */
function compress(h: Int32Array, data: Uint8Array, at: number, end: number): void {
  K ??= rootWords(64, 3n);
  let h0 = h[0]!;
  let h1 = h[1]!;
  let h2 = h[2]!;
  let h3 = h[3]!;
  let h4 = h[4]!;
  let h5 = h[5]!;
  let h6 = h[6]!;
  let h7 = h[7]!;
  for (; at < end; at += 64) {
    for (let i = 0, j = at; i < 16; i++, j += 4)
      W[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15]!;
      const w2 = W[i - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[i] = (s1 + W[i - 7]! + s0 + W[i - 16]!) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let k = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + k) | 0;
  }
  h[0] = h0;
  h[1] = h1;
  h[2] = h2;
  h[3] = h3;
  h[4] = h4;
  h[5] = h5;
  h[6] = h6;
  h[7] = h7;
  // The schedule holds words of the message (an HMAC key's padded block, say).
  W.fill(0);
}

/** An incremental SHA-256. */
export class Sha256 {
  readonly blockLen = 64;
  readonly outputLen = 32;
  /** The chaining value H (§6.2). */
  private readonly h: Int32Array;
  /** The unprocessed tail of the message, shorter than a block. */
  private readonly tail = new Uint8Array(64);
  private used = 0;
  /** Message length in bytes (below 2^53, which is far beyond any input here). */
  private length = 0;
  /** Set by digest(), which wipes the state: any later use would give wrong bytes. */
  #done = false;

  #check(): void {
    if (this.#done) throw new Error('digest() was called');
  }

  constructor() {
    IV ??= rootWords(8, 2n);
    this.h = Int32Array.from(IV);
  }

  /**
   * Appends `data` to the message.
   *
   * @param data - the next bytes
   * @returns this hash
   */
  update(data: Uint8Array): this {
    this.#check();
    let at = 0;
    const { length } = data;
    this.length += length;
    if (this.used > 0) {
      at = Math.min(64 - this.used, length);
      this.tail.set(data.subarray(0, at), this.used);
      this.used += at;
      if (this.used < 64) return this;
      compress(this.h, this.tail, 0, 64);
      this.used = 0;
    }
    const whole = length - ((length - at) % 64);
    if (whole > at) compress(this.h, data, at, whole);
    if (whole < length) {
      this.tail.set(data.subarray(whole), 0);
      this.used = length - whole;
    }
    return this;
  }

  /**
   * Finishes the hash (§5.1.1 padding) and wipes its state; any later call throws.
   *
   * @returns the 32-byte digest
   */
  digest(): Uint8Array {
    this.#check();
    this.#done = true;
    const { tail, h } = this;
    let used = this.used;
    tail[used++] = 0x80;
    tail.fill(0, used);
    if (used > 56) {
      compress(h, tail, 0, 64);
      tail.fill(0);
    }
    // The length in bits as a 64-bit big-endian integer; the high word is bits 32..52.
    const bits = this.length * 8;
    const high = Math.floor(bits / 0x1_0000_0000);
    const low = bits >>> 0;
    for (let i = 0; i < 4; i++) {
      tail[56 + i] = high >>> (24 - 8 * i);
      tail[60 + i] = low >>> (24 - 8 * i);
    }
    compress(h, tail, 0, 64);
    tail.fill(0);
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) out[i] = h[i >> 2]! >>> (24 - 8 * (i & 3));
    h.fill(0);
    return out;
  }

  /**
   * A copy of this hash in its current state (for HMAC's keyed states).
   *
   * @returns the copy
   */
  clone(): Sha256 {
    this.#check();
    const copy = new Sha256();
    copy.h.set(this.h);
    copy.tail.set(this.tail);
    copy.used = this.used;
    copy.length = this.length;
    return copy;
  }
}

/** SHA-256 of `data`, with noble's `CHash` surface (`create`, `blockLen`, `outputLen`). */
export const sha256: {
  (data: Uint8Array): Uint8Array;
  create(): Sha256;
  readonly blockLen: number;
  readonly outputLen: number;
} = /* @__PURE__ */ Object.assign(
  (data: Uint8Array): Uint8Array => new Sha256().update(data).digest(),
  { create: (): Sha256 => new Sha256(), blockLen: 64, outputLen: 32 },
);

/**
 * AES-SIV (RFC 5297) with a 512-bit key on node:crypto, which has no SIV mode of its own in
 * OpenSSL 3.0 but has the two pieces: AES-CMAC (RFC 4493) is AES-CBC-MAC with a subkey
 * folded into the last block, and the encryption is AES-CTR. Three OpenSSL calls per
 * message instead of @noble/ciphers' pure-JS AES, for deterministic fields. The per-key
 * values (CMAC subkeys and CMAC(0^128), the first S2V step) are computed once per key.
 * Only one associated-data string is supported, which is all cachet uses. Checked against
 * Wycheproof and @noble/ciphers (test/aead/siv.test.ts).
 */
import { timingSafeEqual } from '../bytes.js';
import { u8 } from './native-util.js';
import type { NodeCrypto } from './node.js';

interface SivKey {
  /** K1 (S2V) and K2 (CTR), RFC 5297 §2.6. */
  readonly mac: Uint8Array;
  readonly enc: Uint8Array;
  /** CMAC subkeys, RFC 4493 §2.3. */
  readonly k1: Uint8Array;
  readonly k2: Uint8Array;
  /** CMAC(K1, 0^128): the first value of S2V's accumulator. */
  readonly d0: Uint8Array;
}

const ZERO = new Uint8Array(16);
const keys = new WeakMap<Uint8Array, SivKey>();

/** dbl(S), RFC 5297 §2.3: multiplication by x in GF(2^128), into a new block. */
function dbl(s: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 15; i++) out[i] = ((s[i]! << 1) | (s[i + 1]! >>> 7)) & 0xff;
  out[15] = ((s[15]! << 1) & 0xff) ^ (s[0]! & 0x80 ? 0x87 : 0);
  return out;
}

function aesBlock(c: NodeCrypto, key: Uint8Array, block: Uint8Array): Uint8Array {
  const cipher = c.createCipheriv('aes-256-ecb', key, null);
  cipher.setAutoPadding(false);
  return cipher.update(block).subarray(0, 16);
}

/**
 * AES-CMAC (RFC 4493 §2.4): CBC-MAC of M with the last block masked by K1 or padded and
 * masked by K2. `xorend`, when given, is first xored into M's last 16 bytes (S2V's
 * `Sn xorend D`) in the padded copy made here anyway, so S2V needs no copy of its own.
 */
function cmac(c: NodeCrypto, k: SivKey, message: Uint8Array, xorend?: Uint8Array): Uint8Array {
  const whole = message.length > 0 && message.length % 16 === 0;
  const length = whole ? message.length : (message.length & ~15) + 16;
  const m = new Uint8Array(length);
  m.set(message);
  if (xorend) {
    const at = message.length - 16;
    for (let i = 0; i < 16; i++) m[at + i]! ^= xorend[i]!;
  }
  if (!whole) m[message.length] = 0x80;
  const sub = whole ? k.k1 : k.k2;
  for (let i = 0; i < 16; i++) m[length - 16 + i]! ^= sub[i]!;
  const cipher = c.createCipheriv('aes-256-cbc', k.mac, ZERO);
  cipher.setAutoPadding(false);
  const out = cipher.update(m);
  return out.subarray(out.length - 16);
}

function sivKey(c: NodeCrypto, key: Uint8Array): SivKey {
  let k = keys.get(key);
  if (!k) {
    const mac = key.slice(0, 32);
    const k1 = dbl(aesBlock(c, mac, ZERO));
    const partial = { mac, enc: key.slice(32, 64), k1, k2: dbl(k1), d0: ZERO };
    k = { ...partial, d0: cmac(c, partial, ZERO) };
    keys.set(key, k);
  }
  return k;
}

/** S2V(K1, aad, plaintext), RFC 5297 §2.4, with one associated-data string. */
function s2v(c: NodeCrypto, k: SivKey, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const d = dbl(k.d0);
  const mac = cmac(c, k, aad);
  for (let i = 0; i < 16; i++) d[i]! ^= mac[i]!;
  // T = Sn xorend D: D xored into the last 16 bytes (inside cmac's padded copy).
  if (plaintext.length >= 16) return cmac(c, k, plaintext, d);
  // T = dbl(D) xor pad(Sn).
  const t = dbl(d);
  for (let i = 0; i < plaintext.length; i++) t[i]! ^= plaintext[i]!;
  t[plaintext.length]! ^= 0x80;
  return cmac(c, k, t);
}

/** AES-CTR under K2 from Q = V with bits 31 and 63 cleared (RFC 5297 §2.6). */
function ctr(c: NodeCrypto, k: SivKey, v: Uint8Array, data: Uint8Array): Uint8Array {
  const q = new Uint8Array(v);
  q[8]! &= 0x7f;
  q[12]! &= 0x7f;
  return c.createCipheriv('aes-256-ctr', k.enc, q).update(data);
}

/** SIV ‖ ciphertext into `out[offset..]`. `key` is the 64-byte key (a long-lived array). */
export function nativeAesSivSealInto(
  c: NodeCrypto,
  key: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  out: Uint8Array,
  offset: number,
): void {
  const k = sivKey(c, key);
  const v = s2v(c, k, aad, plaintext);
  out.set(v, offset);
  out.set(ctr(c, k, v, plaintext), offset + 16);
}

/** Opens SIV ‖ ciphertext; null (nothing released) when the SIV does not verify. */
export function nativeAesSivOpen(
  c: NodeCrypto,
  key: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | null {
  if (key.length !== 64 || sealed.length < 16) return null;
  const k = sivKey(c, key);
  const v = sealed.subarray(0, 16);
  const plaintext = u8(ctr(c, k, v, sealed.subarray(16)));
  if (!timingSafeEqual(s2v(c, k, aad, plaintext), v)) {
    plaintext.fill(0);
    return null;
  }
  return plaintext;
}

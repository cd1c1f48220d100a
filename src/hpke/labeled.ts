/**
 * HKDF-SHA256 split into Extract and Expand (RFC 5869 §2.2, §2.3) and HPKE's labelled
 * forms (RFC 9180 §4): every input is prefixed with "HPKE-v1" and a suite id, so secrets
 * derived inside the KEM and in the key schedule live in separate domains (§9.6).
 */
import { hmac } from '../backend/hash.js';

/** Nh of HKDF-SHA256 (RFC 9180 §7.2, Table 3). */
export const NH = 32;

const VERSION = new TextEncoder().encode('HPKE-v1');

/** Concatenates byte strings. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** I2OSP(n, w) for w <= 6 (RFC 8017 §4.1). */
export function i2osp(n: number, w: number): Uint8Array {
  const out = new Uint8Array(w);
  for (let i = w - 1, v = n; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v % 256;
  return out;
}

/** ASCII bytes of a label. */
export function label(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** HKDF-Extract(salt, ikm); an empty salt is HashLen zero bytes (RFC 5869 §2.2). */
export function extract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmac('SHA-256', salt.length === 0 ? new Uint8Array(NH) : salt, ikm);
}

/** HKDF-Expand(prk, info, L) with L <= 255 * Nh (RFC 5869 §2.3). */
export function expand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length > 255 * NH) throw new RangeError('HKDF-Expand: L exceeds 255 * HashLen');
  const out = new Uint8Array(length);
  let t: Uint8Array = new Uint8Array(0);
  for (let i = 1, offset = 0; offset < length; i++) {
    t = hmac('SHA-256', prk, concat(t, info, Uint8Array.of(i)));
    out.set(t.subarray(0, Math.min(NH, length - offset)), offset);
    offset += NH;
  }
  return out;
}

/** LabeledExtract(salt, label, ikm) of RFC 9180 §4. */
export function labeledExtract(
  suiteId: Uint8Array,
  salt: Uint8Array,
  name: string,
  ikm: Uint8Array,
): Uint8Array {
  return extract(salt, concat(VERSION, suiteId, label(name), ikm));
}

/** LabeledExpand(prk, label, info, L) of RFC 9180 §4. */
export function labeledExpand(
  suiteId: Uint8Array,
  prk: Uint8Array,
  name: string,
  info: Uint8Array,
  length: number,
): Uint8Array {
  return expand(prk, concat(i2osp(length, 2), VERSION, suiteId, label(name), info), length);
}

// The portable AES-GCM (src/backend/gcm-portable.ts), with its GHASH table cached per key
// and built per call (one-time keys), against @noble/ciphers' gcm on random inputs, and
// against every Wycheproof AES-GCM case with a 96-bit nonce and 128-bit tag, for 128-,
// 192- and 256-bit keys (valid ones open to their message, invalid ones are refused).
import { gcm } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { gcmOpen, gcmSealInto } from '../../src/backend/gcm-portable.js';
import { hex, loadVectors, toHex } from '../helpers/vectors.js';

interface File {
  testGroups: Array<{
    keySize: number;
    ivSize: number;
    tagSize: number;
    tests: Array<{
      tcId: number;
      key: string;
      iv: string;
      aad: string;
      msg: string;
      ct: string;
      tag: string;
      result: string;
    }>;
  }>;
}
const wycheproof = await loadVectors<File>('wycheproof/aes_gcm_test.json');

it('gives the same bytes as @noble/ciphers gcm, and opens them; any change is refused', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
      fc.uint8Array({ minLength: 12, maxLength: 12 }),
      fc.uint8Array({ maxLength: 700 }),
      fc.uint8Array({ maxLength: 90 }),
      fc.nat(5),
      fc.boolean(),
      (key, nonce, msg, aad, offset, cache) => {
        const expected = gcm(key, nonce, aad).encrypt(msg);
        const out = new Uint8Array(offset + expected.length);
        gcmSealInto(key, nonce, msg, aad, out, offset, cache);
        expect(toHex(out.subarray(offset))).toBe(toHex(expected));
        expect(toHex(gcmOpen(key, nonce, expected, aad, cache)!)).toBe(toHex(msg));
        const bad = expected.slice();
        bad[(msg.length * 7) % bad.length]! ^= 0x40;
        expect(gcmOpen(key, nonce, bad, aad, cache)).toBeNull();
        expect(gcmOpen(key, nonce, expected, new Uint8Array([...aad, 0]), cache)).toBeNull();
      },
    ),
    { numRuns: 300 },
  );
});

it('reuses one key for many messages (the cached table) without mixing them up', () => {
  const key = new Uint8Array(32).fill(5);
  for (let i = 0; i < 50; i++) {
    const nonce = new Uint8Array(12).fill(i);
    const msg = new Uint8Array(i * 3).fill(i);
    const out = new Uint8Array(msg.length + 16);
    gcmSealInto(key, nonce, msg, new Uint8Array([i]), out, 0, true);
    expect(toHex(out)).toBe(toHex(gcm(key, nonce, new Uint8Array([i])).encrypt(msg)));
  }
});

it('keeps no table for a one-time key: its array refilled with a new key seals correctly', () => {
  const key = new Uint8Array(32);
  const nonce = new Uint8Array(12);
  const msg = new Uint8Array(40).fill(9);
  for (let i = 0; i < 20; i++) {
    key.fill(i); // the same array, wiped and reused, as an envelope's data key could be
    const out = new Uint8Array(msg.length + 16);
    gcmSealInto(key, nonce, msg, new Uint8Array(0), out, 0, false);
    expect(toHex(out)).toBe(toHex(gcm(key, nonce).encrypt(msg)));
    expect(toHex(gcmOpen(key, nonce, out, new Uint8Array(0), false)!)).toBe(toHex(msg));
  }
});

it('wipes the GHASH table of a one-time key after sealing or opening with it', () => {
  // The table holds multiples of H = E_K(0^128), which with one valid tag lets anyone forge
  // under that nonce: like H itself, it must not outlive the call (noble's gcm wipes its own).
  // Every Uint32Array(64) made during the calls is recorded; none may still hold anything.
  const Real = globalThis.Uint32Array;
  const tables: Uint32Array[] = [];
  class Recorded extends Real {
    constructor(...args: unknown[]) {
      super(...(args as []));
      if (args[0] === 64) tables.push(this);
    }
  }
  const key = new Uint8Array(32).fill(7);
  const nonce = new Uint8Array(12).fill(1);
  const sealed = new Uint8Array(40 + 16);
  globalThis.Uint32Array = Recorded as unknown as Uint32ArrayConstructor;
  try {
    gcmSealInto(key, nonce, new Uint8Array(40).fill(2), new Uint8Array(3), sealed, 0, false);
    expect(gcmOpen(key, nonce, sealed, new Uint8Array(3), false)).not.toBeNull();
    sealed[0]! ^= 1;
    expect(gcmOpen(key, nonce, sealed, new Uint8Array(3), false)).toBeNull();
  } finally {
    globalThis.Uint32Array = Real;
  }
  expect(tables.length).toBeGreaterThanOrEqual(3);
  expect(tables.filter((t) => t.some((w) => w !== 0))).toHaveLength(0);
});

it.skipIf(!wycheproof)(
  'passes Wycheproof AES-GCM (96-bit nonces, 128-bit tags), both table modes',
  () => {
    let valid = 0;
    let invalid = 0;
    const failures: number[] = [];
    for (const group of wycheproof!.testGroups) {
      if (group.ivSize !== 96 || group.tagSize !== 128) continue;
      for (const t of group.tests) {
        for (const cache of [true, false]) {
          const [key, iv, aad, msg] = [hex(t.key), hex(t.iv), hex(t.aad), hex(t.msg)];
          const sealed = hex(t.ct + t.tag);
          const opened = gcmOpen(key, iv, sealed, aad, cache);
          if (t.result === 'valid') {
            if (cache) valid++;
            const out = new Uint8Array(sealed.length);
            gcmSealInto(key, iv, msg, aad, out, 0, cache);
            if (toHex(out) !== t.ct + t.tag || opened === null || toHex(opened) !== t.msg)
              failures.push(t.tcId);
          } else {
            if (cache) invalid++;
            if (opened !== null) failures.push(t.tcId);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(valid).toBeGreaterThan(20);
    console.info(`aes_gcm_test.json: ${valid} valid and ${invalid} invalid AES-GCM cases`);
  },
);

// The portable AES-256-GCM with a cached GHASH table (src/backend/gcm-portable.ts) against
// @noble/ciphers' gcm on random inputs, and against every Wycheproof AES-256-GCM case with
// a 96-bit nonce and 128-bit tag (valid ones open to their message, invalid ones are refused).
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
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.uint8Array({ minLength: 12, maxLength: 12 }),
      fc.uint8Array({ maxLength: 700 }),
      fc.uint8Array({ maxLength: 90 }),
      fc.nat(5),
      (key, nonce, msg, aad, offset) => {
        const expected = gcm(key, nonce, aad).encrypt(msg);
        const out = new Uint8Array(offset + expected.length);
        gcmSealInto(key, nonce, msg, aad, out, offset);
        expect(toHex(out.subarray(offset))).toBe(toHex(expected));
        expect(toHex(gcmOpen(key, nonce, expected, aad)!)).toBe(toHex(msg));
        const bad = expected.slice();
        bad[(msg.length * 7) % bad.length]! ^= 0x40;
        expect(gcmOpen(key, nonce, bad, aad)).toBeNull();
        expect(gcmOpen(key, nonce, expected, new Uint8Array([...aad, 0]))).toBeNull();
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
    gcmSealInto(key, nonce, msg, new Uint8Array([i]), out, 0);
    expect(toHex(out)).toBe(toHex(gcm(key, nonce, new Uint8Array([i])).encrypt(msg)));
  }
});

it.skipIf(!wycheproof)('passes Wycheproof AES-256-GCM (96-bit nonces, 128-bit tags)', () => {
  let valid = 0;
  let invalid = 0;
  const failures: number[] = [];
  for (const group of wycheproof!.testGroups) {
    if (group.keySize !== 256 || group.ivSize !== 96 || group.tagSize !== 128) continue;
    for (const t of group.tests) {
      const [key, iv, aad, msg] = [hex(t.key), hex(t.iv), hex(t.aad), hex(t.msg)];
      const sealed = hex(t.ct + t.tag);
      const opened = gcmOpen(key, iv, sealed, aad);
      if (t.result === 'valid') {
        valid++;
        const out = new Uint8Array(sealed.length);
        gcmSealInto(key, iv, msg, aad, out, 0);
        if (toHex(out) !== t.ct + t.tag || opened === null || toHex(opened) !== t.msg)
          failures.push(t.tcId);
      } else {
        invalid++;
        if (opened !== null) failures.push(t.tcId);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(valid).toBeGreaterThan(20);
  console.info(`aes_gcm_test.json: ${valid} valid and ${invalid} invalid AES-256-GCM cases`);
});

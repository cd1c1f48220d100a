// AES-SIV on node:crypto (src/backend/aes-siv-native.ts) against @noble/ciphers' aessiv on
// random inputs in both directions, and against every Wycheproof AES-SIV-CMAC case with a
// 512-bit key (valid ones seal and open to their message, invalid ones are refused).
import * as crypto from 'node:crypto';
import { aessiv } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { nativeAesSivOpen, nativeAesSivSealInto } from '../../src/backend/aes-siv-native.js';
import type { NodeCrypto } from '../../src/backend/node.js';
import { hex, loadVectors, toHex } from '../helpers/vectors.js';

const c = crypto as unknown as NodeCrypto;
interface File {
  testGroups: Array<{
    keySize: number;
    tests: Array<{
      tcId: number;
      key: string;
      aad: string;
      msg: string;
      ct: string;
      result: string;
    }>;
  }>;
}
const wycheproof = await loadVectors<File>('wycheproof/aes_siv_cmac_test.json');

it('gives the same bytes as @noble/ciphers aessiv, and each opens the other', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 64, maxLength: 64 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 70 }),
      (key, msg, aad) => {
        const expected = aessiv(key, aad).encrypt(msg);
        const out = new Uint8Array(msg.length + 16 + 3);
        nativeAesSivSealInto(c, key, msg, aad, out, 3);
        expect(toHex(out.subarray(3))).toBe(toHex(expected));
        expect(toHex(nativeAesSivOpen(c, key, expected, aad)!)).toBe(toHex(msg));
        const bad = expected.slice();
        bad[(msg.length * 5) % bad.length]! ^= 1;
        expect(nativeAesSivOpen(c, key, bad, aad)).toBeNull();
        expect(nativeAesSivOpen(c, key, expected, new Uint8Array([...aad, 1]))).toBeNull();
      },
    ),
    { numRuns: 300 },
  );
  // Every length around the block boundary, where S2V switches between xorend and pad.
  const key = new Uint8Array(64).map((_, i) => i);
  for (let n = 0; n <= 48; n++) {
    const msg = new Uint8Array(n).fill(n);
    const out = new Uint8Array(n + 16);
    nativeAesSivSealInto(c, key, msg, new Uint8Array(0), out, 0);
    expect(toHex(out)).toBe(toHex(aessiv(key, new Uint8Array(0)).encrypt(msg)));
  }
});

it.skipIf(!wycheproof)('passes Wycheproof AES-SIV-CMAC with 512-bit keys', () => {
  const failures: number[] = [];
  let valid = 0;
  let invalid = 0;
  for (const group of wycheproof!.testGroups) {
    if (group.keySize !== 512) continue;
    for (const t of group.tests) {
      const [key, aad, msg, ct] = [hex(t.key), hex(t.aad), hex(t.msg), hex(t.ct)];
      const opened = nativeAesSivOpen(c, key, ct, aad);
      if (t.result === 'valid') {
        valid++;
        const out = new Uint8Array(msg.length + 16);
        nativeAesSivSealInto(c, key, msg, aad, out, 0);
        if (toHex(out) !== t.ct || opened === null || toHex(opened) !== t.msg)
          failures.push(t.tcId);
      } else {
        invalid++;
        if (opened !== null) failures.push(t.tcId);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(valid).toBeGreaterThan(20);
  console.info(`aes_siv_cmac_test.json: ${valid} valid and ${invalid} invalid 512-bit cases`);
});

// Wycheproof AES-GCM, AES-GCM-SIV, XChaCha20-Poly1305 and AES-SIV against the seal-into
// functions cachet/aead and cachet/fields encrypt with (src/backend/aead-into.ts), on both
// backends and in Chromium. (Opening uses the functions test/backend/wycheproof.test.ts
// covers.) Only groups with 128-bit tags and the suite's nonce length apply.
import { expect, it } from 'vitest';
import {
  aesGcmSealInto,
  aesGcmSivSealInto,
  aesSivSealInto,
  type SealInto,
  xchachaSealInto,
} from '../../src/backend/aead-into.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, loadVectors, toHex } from '../helpers/vectors.js';

interface Test {
  tcId: number;
  result: 'valid' | 'invalid' | 'acceptable';
  key: string;
  iv?: string;
  aad: string;
  msg: string;
  ct: string;
  tag?: string;
}
interface File {
  testGroups: Array<{ keySize: number; ivSize?: number; tagSize?: number; tests: Test[] }>;
}

const cases: Array<[file: string, seal: SealInto, keyBits: number, nonceBits: number]> = [
  ['aes_gcm_test.json', aesGcmSealInto, 256, 96],
  ['aes_gcm_siv_test.json', aesGcmSivSealInto, 256, 96],
  ['xchacha20_poly1305_test.json', xchachaSealInto, 256, 192],
  ['aes_siv_cmac_test.json', aesSivSealInto, 512, 0],
];
const files = new Map(
  await Promise.all(
    cases.map(async ([name]) => [name, await loadVectors<File>(`wycheproof/${name}`)] as const),
  ),
);

describeEachBackend('seal-into against Wycheproof', () => {
  for (const [name, seal, keyBits, nonceBits] of cases) {
    const data = files.get(name);
    it.skipIf(!data)(name, () => {
      let checked = 0;
      const failures: number[] = [];
      for (const group of data!.testGroups) {
        if (group.keySize !== keyBits) continue;
        if (nonceBits > 0 && (group.ivSize !== nonceBits || group.tagSize !== 128)) continue;
        for (const t of group.tests) {
          if (t.result !== 'valid') continue;
          const msg = hex(t.msg);
          const expected = nonceBits > 0 ? t.ct + t.tag : t.ct;
          // Write at an odd offset between guard bytes: nothing outside the slot may change.
          const out = new Uint8Array(3 + msg.length + 16 + 2).fill(0xee);
          seal(hex(t.key), hex(t.iv ?? ''), msg, hex(t.aad), out, 3);
          const ok =
            toHex(out.subarray(3, out.length - 2)) === expected &&
            out[0] === 0xee &&
            out[1] === 0xee &&
            out[2] === 0xee &&
            out[out.length - 1] === 0xee &&
            out[out.length - 2] === 0xee;
          if (!ok) failures.push(t.tcId);
          checked++;
        }
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(20);
      console.info(`${name}: ${checked} valid cases sealed into place`);
    });
  }
});

// cachet's own SHA-256 (src/backend/sha256-portable.ts, the portable backend's) gives the
// known answers of FIPS 180-2 Appendix B and the digests of WebCrypto and @noble/hashes for
// messages fed in random pieces, across the padding boundaries (55/56/63/64 bytes), with
// clones taken midway.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/backend/sha256-portable.js';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const ascii = (s: string) => new TextEncoder().encode(s);
const webCrypto = async (data: Uint8Array) =>
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));

describe('portable SHA-256', () => {
  it('gives the FIPS 180-2 Appendix B digests and that of the empty message', () => {
    expect(hex(sha256(ascii('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    const million = sha256.create();
    const chunk = ascii('a'.repeat(1000));
    for (let i = 0; i < 1000; i++) million.update(chunk);
    expect(hex(million.digest())).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
    expect(hex(sha256(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('pads at the block boundaries as WebCrypto does', async () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hex(sha256(data)), `length ${length}`).toBe(hex(await webCrypto(data)));
    }
  });

  it('equals WebCrypto and @noble/hashes for messages fed in pieces, and clones midway', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 700 }),
        fc.array(fc.nat({ max: 700 }), { maxLength: 8 }),
        async (data, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
          const hash = sha256.create();
          let at = 0;
          let clone: ReturnType<typeof hash.clone> | undefined;
          for (const point of [...points, data.length]) {
            hash.update(data.subarray(at, point));
            at = point;
            clone ??= hash.clone();
          }
          // The clone was taken after the first piece: feed it the rest separately.
          clone!.update(data.subarray(points[0] ?? data.length));
          const expected = hex(await webCrypto(data));
          expect(hex(hash.digest())).toBe(expected);
          expect(hex(clone!.digest())).toBe(expected);
          expect(hex(sha256(data))).toBe(hex(nobleSha256(data)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to be used after digest() (its state is wiped), as @noble/hashes does', () => {
    const hash = sha256.create().update(ascii('abc'));
    const copy = hash.clone();
    hash.digest();
    expect(() => hash.update(ascii('d'))).toThrow(/digest/);
    expect(() => hash.digest()).toThrow(/digest/);
    expect(() => hash.clone()).toThrow(/digest/);
    // A clone taken before is a hash of its own.
    expect(hex(copy.update(ascii('d')).digest())).toBe(hex(nobleSha256(ascii('abcd'))));
  });

  it('leaves the input untouched and returns a fresh 32-byte array each time', () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    const first = sha256(data);
    const second = sha256(data);
    expect(first).not.toBe(second);
    expect(first).toEqual(second);
    expect(first).toHaveLength(32);
    expect(data).toEqual(Uint8Array.from({ length: 100 }, (_, i) => i));
  });
});

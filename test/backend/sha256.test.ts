// The SHA-256-only primitives (src/backend/sha256.ts) give the bytes of WebCrypto's
// SHA-256, HMAC-SHA-256 and HKDF-SHA-256 on both backends (including the native HKDF's
// fallback for `info` over 1024 bytes), the RFC 4231 / RFC 5869 known answers, and pass
// Wycheproof's HMAC-SHA-256 and HKDF-SHA-256 files.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { hkdfSha256, hmacSha256, sha256Digest } from '../../src/backend/sha256.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex as fromHex, loadVectors, toHex } from '../helpers/vectors.js';

interface Wycheproof {
  testGroups: Array<{ tagSize?: number; tests: Array<Record<string, unknown>> }>;
}
const hmacVectors = await loadVectors<Wycheproof>('wycheproof/hmac_sha256_test.json');
const hkdfVectors = await loadVectors<Wycheproof>('wycheproof/hkdf_sha256_test.json');
const field = (t: Record<string, unknown>, name: string) => fromHex(t[name] as string);

const subtle = globalThis.crypto.subtle;
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => Number.parseInt(x, 16));
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const buf = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;

describeEachBackend('SHA-256 alone', () => {
  it('equals WebCrypto for SHA-256, HMAC-SHA-256 and HKDF-SHA-256', async () => {
    await fc.assert(
      fc.asyncProperty(
        bytes(0, 150),
        bytes(0, 300),
        bytes(0, 100),
        bytes(0, 1100),
        fc.integer({ min: 1, max: 300 }),
        async (key, data, salt, info, length) => {
          expect(sha256Digest(data)).toEqual(
            new Uint8Array(await subtle.digest('SHA-256', buf(data))),
          );
          // WebCrypto refuses an empty HMAC key; HMAC itself (RFC 2104) does not.
          if (key.length > 0) {
            const k = await subtle.importKey(
              'raw',
              buf(key),
              { name: 'HMAC', hash: 'SHA-256' },
              false,
              ['sign'],
            );
            expect(hmacSha256(key, data)).toEqual(
              new Uint8Array(await subtle.sign('HMAC', k, buf(data))),
            );
          }
          const ikm = await subtle.importKey('raw', buf(key), 'HKDF', false, ['deriveBits']);
          const okm = await subtle.deriveBits(
            { name: 'HKDF', hash: 'SHA-256', salt: buf(salt), info: buf(info) },
            ikm,
            length * 8,
          );
          expect(hkdfSha256(key, salt, info, length)).toEqual(new Uint8Array(okm));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('matches RFC 4231 test case 2 and RFC 5869 test case 1', () => {
    const utf8 = (t: string) => new TextEncoder().encode(t);
    expect(hex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(hex(sha256Digest(utf8('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const okm = hkdfSha256(
      unhex('0b'.repeat(22)),
      unhex('000102030405060708090a0b0c'),
      unhex('f0f1f2f3f4f5f6f7f8f9'),
      42,
    );
    expect(hex(okm)).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it.skipIf(!hmacVectors)('passes Wycheproof hmac_sha256_test.json', () => {
    let count = 0;
    for (const g of hmacVectors!.testGroups) {
      for (const t of g.tests) {
        // A truncated tag compares the leading tagSize bits of the full HMAC.
        const tag = hmacSha256(field(t, 'key'), field(t, 'msg')).subarray(0, g.tagSize! / 8);
        expect(toHex(tag) === t['tag'], `tcId ${t['tcId']}`).toBe(t['result'] === 'valid');
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it.skipIf(!hkdfVectors)('passes Wycheproof hkdf_sha256_test.json', () => {
    let count = 0;
    for (const g of hkdfVectors!.testGroups) {
      for (const t of g.tests) {
        const derive = () =>
          hkdfSha256(field(t, 'ikm'), field(t, 'salt'), field(t, 'info'), t['size'] as number);
        // invalid = an output longer than 255 * HashLen
        if (t['result'] === 'valid') expect(toHex(derive()), `tcId ${t['tcId']}`).toBe(t['okm']);
        else expect(derive, `tcId ${t['tcId']}`).toThrow();
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it('refuses more than 255 * 32 bytes of HKDF output (RFC 5869 §2.3)', () => {
    expect(() =>
      hkdfSha256(new Uint8Array(32), new Uint8Array(0), new Uint8Array(0), 8161),
    ).toThrow();
    expect(hkdfSha256(new Uint8Array(32), new Uint8Array(0), new Uint8Array(0), 8160)).toHaveLength(
      8160,
    );
  });
});

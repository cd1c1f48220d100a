// The hot-path variants the envelope uses: hmacOnce (HMAC as two one-shot hashes on the
// native backend), aesGcmSealInto (GCM output written in place) and randomBytesPooled (a
// CSPRNG pool). Each must give exactly what the plain primitive or an independent
// implementation gives, on both backends, including the inputs that take a fallback path.
import { gcm } from '@noble/ciphers/aes.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { aesGcmSeal, aesGcmSealInto } from '../../src/backend/aead.js';
import { hmac, hmacOnce } from '../../src/backend/hash.js';
import { keyedHmac, keyedHmacBase64 } from '../../src/backend/hmac-keyed.js';
import { randomBytesPooled } from '../../src/backend/random.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const NOBLE = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });

describeEachBackend('hmacOnce', () => {
  it('equals @noble/hashes hmac for keys and messages around every fallback boundary', () => {
    // Keys up to and past the block size (64 / 128 bytes), messages on both sides of the
    // 8192-byte one-shot limit (hmac-oneshot.ts's work buffer).
    fc.assert(
      fc.property(
        fc.constantFrom('SHA-256', 'SHA-384', 'SHA-512' as const),
        bytes(0, 200),
        fc.oneof(bytes(0, 1300), bytes(8185, 8200)),
        (hash, key, data) => {
          const expected = nobleHmac(NOBLE[hash], key, data);
          expect(hmacOnce(hash, key, data)).toEqual(expected);
          expect(hmac(hash, key, data)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches RFC 4231 test case 2 (HMAC-SHA-256 and HMAC-SHA-512)', () => {
    const key = new TextEncoder().encode('Jefe');
    const data = new TextEncoder().encode('what do ya want for nothing?');
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    expect(hex(hmacOnce('SHA-256', key, data))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(hex(hmacOnce('SHA-512', key, data))).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
  });

  it('returns arrays of their own: a later call does not change an earlier result', () => {
    const first = hmacOnce('SHA-256', new Uint8Array(32).fill(1), new Uint8Array(10));
    const copy = first.slice();
    hmacOnce('SHA-256', new Uint8Array(32).fill(2), new Uint8Array(100).fill(3));
    expect(first).toEqual(copy);
  });
});

describeEachBackend('keyedHmac (per-key state; native: two one-shot hashes)', () => {
  const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
  const utf8 = (t: string) => new TextEncoder().encode(t);
  // Text that is 1-4 bytes per character in UTF-8 (a lone surrogate is 3, as U+FFFD), so
  // lengths land on both sides of the 8192-byte one-shot limit whichever way they are counted.
  const text = fc.string({
    unit: fc.constantFrom('a', '"', '\n', 'é', '€', '𝄞', '\u0000', '\ud800', '\udfff'),
    minLength: 3200,
    maxLength: 4600,
  });

  it('equals @noble/hashes hmac for keys, bytes and text around every fallback boundary', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('SHA-256', 'SHA-384', 'SHA-512' as const),
        bytes(0, 200),
        fc.oneof(bytes(0, 300), bytes(8185, 8200), text),
        (hash, key, data) => {
          const expected = nobleHmac(
            NOBLE[hash],
            key,
            typeof data === 'string' ? utf8(data) : data,
          );
          expect(keyedHmac(hash, key, data)).toEqual(expected);
          expect(keyedHmacBase64(hash, key, data)).toBe(b64(expected));
          // Again, now from the cached state.
          expect(keyedHmacBase64(hash, key, data)).toBe(b64(expected));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches RFC 4231 test case 2 and uses a key changed in place as it now is', () => {
    const key = utf8('Jefe');
    const data = 'what do ya want for nothing?';
    expect(keyedHmacBase64('SHA-256', key, data)).toBe(
      'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=',
    );
    key[0] = 0x6b; // 'k'
    expect(keyedHmac('SHA-256', key, data)).toEqual(nobleHmac(sha256, utf8('kefe'), utf8(data)));
  });

  it('returns arrays of their own, and a long message in between leaves no trace', () => {
    const key = new Uint8Array(32).fill(7);
    const first = keyedHmac('SHA-256', key, 'a');
    const copy = first.slice();
    keyedHmac('SHA-256', key, 'b'.repeat(5000));
    keyedHmac('SHA-512', new Uint8Array(100).fill(9), new Uint8Array(3000));
    expect(first).toEqual(copy);
    expect(keyedHmac('SHA-256', key, 'a')).toEqual(copy);
  });
});

describeEachBackend('aesGcmSealInto', () => {
  it('writes exactly aesGcmSeal’s bytes at the offset and nothing around them', () => {
    fc.assert(
      fc.property(
        bytes(32, 32),
        bytes(12, 12),
        bytes(0, 600),
        bytes(0, 80),
        fc.nat(40),
        (key, nonce, plaintext, aad, offset) => {
          const out = new Uint8Array(offset + plaintext.length + 16 + 7).fill(0xee);
          aesGcmSealInto(key, nonce, plaintext, aad, out, offset);
          const sealed = gcm(key, nonce, aad).encrypt(plaintext);
          expect(out.subarray(offset, offset + sealed.length)).toEqual(sealed);
          expect(aesGcmSeal(key, nonce, plaintext, aad)).toEqual(sealed);
          expect(out.subarray(0, offset).every((b) => b === 0xee)).toBe(true);
          expect(out.subarray(offset + sealed.length).every((b) => b === 0xee)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses a nonce that is not 12 bytes', () => {
    const out = new Uint8Array(64);
    expect(() =>
      aesGcmSealInto(
        new Uint8Array(32),
        new Uint8Array(16),
        new Uint8Array(8),
        new Uint8Array(0),
        out,
        0,
      ),
    ).toThrow(RangeError);
  });
});

describeEachBackend('randomBytesPooled', () => {
  it('hands out fresh, distinct bytes across pool refills', () => {
    // 200 × 64 bytes crosses the 4 KiB pool three times.
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const r = randomBytesPooled(64);
      expect(r.length).toBe(64);
      // An array of its own, not a window on the pool.
      expect(r.byteOffset).toBe(0);
      expect(r.buffer.byteLength).toBe(64);
      seen.add(Array.from(r).join(','));
    }
    expect(seen.size).toBe(200);
  });

  it('serves odd lengths, zero, and large requests (directly from the CSPRNG)', () => {
    expect(randomBytesPooled(0).length).toBe(0);
    for (const n of [1, 7, 33, 255, 256, 257, 5000, 70000]) {
      const r = randomBytesPooled(n);
      expect(r.length).toBe(n);
      // 7+ random bytes are all zero with probability 2^-56.
      if (n >= 7) expect(r.some((b) => b !== 0)).toBe(true);
    }
  });

  it('gives bytes that look uniform (each byte value about equally often)', () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 512; i++) for (const b of randomBytesPooled(64)) counts[b]++;
    // 32768 bytes: 128 expected per value; a fair source stays within 60..200 (p < 1e-9).
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(Math.max(...counts)).toBeLessThan(200);
  });
});

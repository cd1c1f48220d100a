// The portable HKDF and HMAC (src/backend/hkdf-portable.ts, hmac-state.ts) over any hash:
// the bytes of WebCrypto's HKDF for SHA-384 and SHA-512 (sha256.test.ts and Wycheproof
// cover SHA-256) at output lengths around multiples of HashLen and at 255 * HashLen, and
// no hash state keyed by the PRK, nor the hash of a long HMAC key, left behind.
import { sha256 as nobleSha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { hkdfWith } from '../../src/backend/hkdf-portable.js';
import { type HashFunction, type HashState, hmacState } from '../../src/backend/hmac-state.js';
import { sha256 } from '../../src/backend/sha256-portable.js';

const subtle = globalThis.crypto.subtle;
const buf = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;
const HASHES = { 'SHA-384': sha384, 'SHA-512': sha512 } as const;

async function webHkdf(
  hash: string,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', buf(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'HKDF', hash, salt: buf(salt), info: buf(info) },
    key,
    length * 8,
  );
  return new Uint8Array(bits);
}

it('equals WebCrypto HKDF-SHA-384/512 around multiples of HashLen and at 255 * HashLen', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('SHA-384', 'SHA-512' as const),
      fc.uint8Array({ minLength: 1, maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 1100 }),
      fc.nat({ max: 255 }),
      fc.integer({ min: -1, max: 1 }),
      async (hash, ikm, salt, info, blocks, delta) => {
        const size = HASHES[hash].outputLen;
        const length = Math.min(255 * size, Math.max(1, blocks * size + delta));
        const okm = hkdfWith(HASHES[hash], ikm, salt, info, length);
        expect(okm).toEqual(await webHkdf(hash, ikm, salt, info, length));
      },
    ),
    { numRuns: 60 },
  );
  for (const [hash, fn] of Object.entries(HASHES)) {
    const ikm = new Uint8Array(22).fill(11);
    expect(hkdfWith(fn, ikm, new Uint8Array(0), new Uint8Array(0), 255 * fn.outputLen)).toEqual(
      await webHkdf(hash, ikm, new Uint8Array(0), new Uint8Array(0), 255 * fn.outputLen),
    );
    expect(() =>
      hkdfWith(fn, ikm, new Uint8Array(0), new Uint8Array(0), 255 * fn.outputLen + 1),
    ).toThrow(RangeError);
  }
});

/** SHA-256 that records every state it creates and every digest it returns. */
function recorded(): { hash: HashFunction; states: HashState[]; digests: Uint8Array[] } {
  const states: HashState[] = [];
  const digests: Uint8Array[] = [];
  const hash = Object.assign(
    (data: Uint8Array) => {
      const out = sha256(data);
      digests.push(out);
      return out;
    },
    {
      create: () => {
        const state = sha256.create();
        states.push(state);
        return state;
      },
      blockLen: 64,
      outputLen: 32,
    },
  );
  return { hash, states, digests };
}

it('leaves no hash state keyed by the PRK once HKDF returns', async () => {
  for (const length of [1, 32, 33, 100]) {
    const { hash, states } = recorded();
    const ikm = new Uint8Array(32).fill(3);
    const salt = new Uint8Array(16).fill(4);
    hkdfWith(hash, ikm, salt, new Uint8Array([1, 2]), length);
    // HKDF-Extract, independently: PRK = HMAC(salt, ikm) (RFC 5869 §2.2).
    const k = await subtle.importKey('raw', buf(salt), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    const prk = new Uint8Array(await subtle.sign('HMAC', k, buf(ikm)));
    // A state keyed by the PRK hashes (PRK ⊕ pad) ‖ m: whoever finds it can compute
    // HMAC(PRK, ·) and so every output of the expand step.
    const probe = new Uint8Array([9, 9, 9]);
    const keyed = [0x36, 0x5c].map((pad) => {
      const block = new Uint8Array(64 + probe.length);
      for (let i = 0; i < 64; i++) block[i] = (prk[i] ?? 0) ^ pad;
      block.set(probe, 64);
      return nobleSha256(block).join();
    });
    // A finished state refuses to be used (sha256-portable.ts): it holds nothing.
    const output = (s: HashState) => {
      try {
        return s.clone().update(probe).digest().join();
      } catch {
        return 'finished';
      }
    };
    const found = states.filter((s) => keyed.includes(output(s)));
    expect(found, `length ${length}`).toHaveLength(0);
  }
});

it('wipes the hash of an HMAC key longer than a block once the key is prepared', () => {
  const { hash, digests } = recorded();
  const key = new Uint8Array(100).fill(5);
  hmacState(hash, key);
  expect(digests).toHaveLength(1);
  expect(digests[0]).toEqual(new Uint8Array(32));
});

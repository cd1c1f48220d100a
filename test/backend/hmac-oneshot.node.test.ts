// The one-shot HMAC (src/backend/hmac-oneshot.ts: two crypto.hash calls over padded key
// blocks) gives node:crypto's createHmac bytes for every hash, key length up to a block,
// prefix and message (bytes or text, multi-byte UTF-8 included) and encoding, and declines
// (undefined) exactly when the message does not fit its work buffer. The variant for keys
// used once (no pads kept) gives the same bytes, and declines keys longer than a block.
import { createHmac, hash } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  hmacPads,
  type OneShotHash,
  oneShotHmac,
  oneShotHmacOnce,
} from '../../src/backend/hmac-oneshot.js';

const oneShot = hash as unknown as OneShotHash;
const BLOCK = { sha256: 64, sha384: 128, sha512: 128 } as const;
const OUT = { sha256: 32, sha384: 48, sha512: 64 } as const;
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  // 'binary' has no lone surrogates; node:crypto and TextEncoder both hash one as U+FFFD,
  // also at the end of the prefix before a body that starts with the other half.
  fc.string({
    unit: fc.constantFrom('\ud800', '\udfff', '\ud83d', '\ude00', 'a', '€'),
    maxLength: 40,
  }),
);

it('equals createHmac for random keys, prefixes and messages', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('sha256', 'sha384', 'sha512' as const),
      fc.uint8Array({ maxLength: 128 }),
      text,
      fc.oneof(text, fc.uint8Array({ maxLength: 3000 })),
      fc.constantFrom('base64', 'hex', 'latin1' as const),
      (name, rawKey, prefix, data, encoding) => {
        const key = rawKey.subarray(0, BLOCK[name]);
        const expected = createHmac(name, key)
          .update(prefix)
          .update(data)
          .digest()
          .toString(encoding);
        const pads = hmacPads(key, BLOCK[name]);
        expect(oneShotHmac(oneShot, name, pads, prefix, data, encoding)).toBe(expected);
      },
    ),
    { numRuns: 400 },
  );
});

it('declines messages beyond 8 KiB of UTF-8 and takes those just within', () => {
  const key = new Uint8Array(32).fill(7);
  const pads = hmacPads(key, 64);
  const mac = (prefix: string, data: string | Uint8Array) =>
    oneShotHmac(oneShot, 'sha256', pads, prefix, data, 'hex');
  const reference = (prefix: string, data: string | Uint8Array) =>
    createHmac('sha256', key).update(prefix).update(data).digest('hex');
  const fits = 'a'.repeat(8192 - 6);
  expect(mac('abcdef', fits)).toBe(reference('abcdef', fits));
  expect(mac('abcdef', new Uint8Array(8186))).toBe(reference('abcdef', new Uint8Array(8186)));
  expect(mac('abcdefg', fits)).toBeUndefined();
  expect(mac('', new Uint8Array(8193))).toBeUndefined();
  // 2,000 three-byte characters: 6,000 bytes fit; 3,000 (9,000 bytes) do not.
  expect(mac('', '€'.repeat(2000))).toBe(reference('', '€'.repeat(2000)));
  expect(mac('', '€'.repeat(3000))).toBeUndefined();
  // The prefix alone overflowing, then the body overflowing after a multi-byte prefix.
  expect(mac('€'.repeat(3000), 'x')).toBeUndefined();
  expect(mac('€'.repeat(2000), 'x'.repeat(2200))).toBeUndefined();
  // A long message after one that overflowed still gives the right bytes.
  expect(mac('id.', 'y'.repeat(100))).toBe(reference('id.', 'y'.repeat(100)));
});

it('equals createHmac for keys used once, and declines keys over a block and long messages', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('sha256', 'sha384', 'sha512' as const),
      fc.uint8Array({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 3000 }),
      (name, key, data) => {
        const mac = oneShotHmacOnce(oneShot, name, key, data);
        if (key.length > BLOCK[name]) expect(mac).toBeUndefined();
        else expect(mac).toEqual(new Uint8Array(createHmac(name, key).update(data).digest()));
      },
    ),
    { numRuns: 300 },
  );
  expect(
    oneShotHmacOnce(oneShot, 'sha256', new Uint8Array(32), new Uint8Array(8193)),
  ).toBeUndefined();
  // The work buffer shared with oneShotHmac is left clean for it.
  const pads = hmacPads(new Uint8Array(16).fill(1), 64);
  const key = new Uint8Array(16).fill(1);
  expect(oneShotHmac(oneShot, 'sha256', pads, 'a.', 'b', 'hex')).toBe(
    createHmac('sha256', key).update('a.b').digest('hex'),
  );
});

it('leaves no padded key (nor, for a key used once, the message) in the work buffer', () => {
  // The hash is injected: a recording one sees the views of the work buffer it is given.
  let seen: Uint8Array | undefined;
  const recording: OneShotHash = (name, data, encoding) => {
    seen = new Uint8Array(data.buffer);
    return oneShot(name, data, encoding);
  };
  fc.assert(
    fc.property(
      fc.constantFrom('sha256', 'sha384', 'sha512' as const),
      fc.uint8Array({ minLength: 1, maxLength: 128 }),
      fc.oneof(text, fc.uint8Array({ maxLength: 300 })),
      (name, rawKey, data) => {
        const key = rawKey.subarray(0, BLOCK[name]);
        const block = BLOCK[name];
        const expected = createHmac(name, key).update('p.').update(data).digest('hex');
        expect(oneShotHmac(recording, name, hmacPads(key, block), 'p.', data, 'hex')).toBe(
          expected,
        );
        // Pads and inner digest gone; the message (not secret here) may stay.
        expect(seen!.subarray(0, block + OUT[name]).every((b) => b === 0)).toBe(true);
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        expect(Buffer.from(oneShotHmacOnce(recording, name, key, bytes)!).toString('hex')).toBe(
          createHmac(name, key).update(bytes).digest('hex'),
        );
        const used = block + Math.max(OUT[name], bytes.length);
        expect(seen!.subarray(0, used).every((b) => b === 0)).toBe(true);
      },
    ),
    { numRuns: 200 },
  );
});

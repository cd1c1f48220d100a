// The value encoding inside the ciphertext (docs/formats.md#fields-values): known bytes for
// each type, and malformed plaintexts (which only a key holder could produce) refused with
// ERR_INVALID_FORMAT rather than decoded into something else.
import { expect, it } from 'vitest';
import type { CachetError } from '../../src/errors.js';
import { decodeValue, encodeValue } from '../../src/fields/value.js';
import { hex, toHex } from '../helpers/vectors.js';

const copy = (b: Uint8Array) => toHex(b);

it('encodes each type as the format says', () => {
  const cases: Array<[unknown, string]> = [
    [null, '00'],
    ['hé', '0168c3a9'],
    [1, '023ff0000000000000'],
    [-0, '028000000000000000'],
    [Number.NaN, '027ff8000000000000'],
    [-12345678901234567890n, '032d3132333435363738393031323334353637383930'],
    [false, '04'],
    [true, '05'],
    [new Date(-1), '06ffffffffffffffff'],
    [new Uint8Array([0, 255]), '0700ff'],
    [{ a: [1] }, `08${toHex(new TextEncoder().encode('{"a":[1]}'))}`],
  ];
  for (const [value, expected] of cases) expect(copy(encodeValue(value, 0))).toBe(expected);
  // Padding: tag | 0x80, then 0x80 0x00* up to a multiple of the bucket.
  expect(copy(encodeValue('ab', 8))).toBe('8161628000000000');
  expect(copy(encodeValue('abcdefg', 8))).toBe(
    `81${toHex(new TextEncoder().encode('abcdefg'))}8000000000000000`,
  );
});

it('refuses malformed plaintexts', () => {
  const bad = [
    '',
    '09',
    '7f',
    '0000',
    '02000000',
    '02000000000000000000',
    '03',
    '032d30',
    '032b31',
    '03302e31',
    '0520',
    '0400',
    '06000000',
    '061fffffffffffffff',
    '080a',
    '0831',
    '08226122',
    '08' + '7b',
    '01ff',
    '01c0af',
    '81',
    '8100',
    '816100',
    '80',
  ];
  for (const h of bad) {
    let err: CachetError | undefined;
    try {
      decodeValue(hex(h));
    } catch (e) {
      err = e as CachetError;
    }
    expect(err?.code, h).toBe('ERR_INVALID_FORMAT');
  }
});

it('decodes what it encodes, padded or not', () => {
  for (const value of ['', 'x', 0, 5n, true, new Date(5), null, [1, { b: 'c' }]]) {
    for (const pad of [0, 1, 3, 16]) {
      expect(decodeValue(encodeValue(value, pad).slice())).toEqual(value);
    }
  }
});

it('decodes arbitrary bytes to a value or refuses them with ERR_INVALID_FORMAT, nothing else', async () => {
  const fc = (await import('fast-check')).default;
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      try {
        const value = decodeValue(bytes);
        // Whatever decodes is a field value that encodes again.
        expect(encodeValue(value, 0).length).toBeGreaterThan(0);
      } catch (err) {
        expect((err as CachetError).code).toBe('ERR_INVALID_FORMAT');
      }
    }),
    { numRuns: 3000 },
  );
});

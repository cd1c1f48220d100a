// cachet/fields against the independent Python implementation of docs/formats.md
// (test/aead/independent.py, pyca/cryptography): fresh random values of every type, both
// forms, every suite, with and without row ids and padding, in both directions.
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type FieldValue, fieldCipher } from '../../src/fields/index.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { python } from '../aead/independent.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { toHex } from '../helpers/vectors.js';
import { sameValue } from './helpers.js';

const algs = ['A256GCM', 'A256GCM-SIV', 'XC20P', 'AES-SIV'] as const;
type Written = { type: string; value: string };

// Values whose string form Python reproduces exactly (JSON with integers and ASCII keys).
const value: fc.Arbitrary<FieldValue> = fc.oneof(
  fc
    .string({ unit: 'binary', maxLength: 60 })
    .filter((s) => (s as string & { isWellFormed(): boolean }).isWellFormed()),
  fc.integer(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 0.1, -2.5e-300),
  fc.bigInt({ min: -(2n ** 130n), max: 2n ** 130n }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 60 }),
  fc.constant(null),
  fc.dictionary(
    fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
    fc.oneof(fc.integer(), fc.boolean(), fc.string({ unit: 'grapheme-ascii', maxLength: 6 })),
    { maxKeys: 4 },
  ),
);

function written(v: FieldValue): Written {
  if (v === null) return { type: 'null', value: '' };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'number') return { type: 'number', value: Object.is(v, -0) ? '-0' : String(v) };
  if (typeof v === 'bigint') return { type: 'bigint', value: v.toString() };
  if (typeof v === 'boolean') return { type: 'boolean', value: String(v) };
  if (v instanceof Date) return { type: 'date', value: String(v.getTime()) };
  if (v instanceof Uint8Array) return { type: 'bytes', value: toHex(v) };
  return { type: 'json', value: JSON.stringify(v) };
}

/** Python's string form of a number may differ in spelling (1e-05 vs 0.00001): compare values. */
function sameWritten(a: Written, b: Written): boolean {
  if (a.type === 'number' && b.type === 'number') {
    return Object.is(
      a.value === '-0' ? -0 : Number(a.value),
      b.value === '-0' ? -0 : Number(b.value),
    );
  }
  if (a.type === 'json' && b.type === 'json')
    return JSON.stringify(JSON.parse(a.value)) === JSON.stringify(JSON.parse(b.value));
  return a.type === b.type && a.value === b.value;
}

describeEachBackend('fields interop with Python', () => {
  it('both directions, every suite and form', () => {
    const samples = fc.sample(
      fc.record({
        alg: fc.constantFrom(...algs),
        value,
        rowId: fc.option(
          fc.oneof(
            fc.integer({ min: 0 }),
            fc
              .string({ minLength: 1, maxLength: 12 })
              .filter((s) => (s as string & { isWellFormed(): boolean }).isWellFormed()),
          ),
          { nil: undefined },
        ),
        pad: fc.constantFrom(0, 0, 16, 64),
        keyCommitment: fc.boolean(),
        bytesForm: fc.boolean(),
      }),
      120,
    );
    const cases = samples.map((s) => {
      const raw = crypto.randomBytes(s.alg === 'AES-SIV' ? 64 : 32);
      const cipher = fieldCipher(
        Keyring.fromKeys([importKey(raw, { alg: s.alg, format: 'raw' })]),
        {
          table: 'users',
          column: 'profile',
          deterministic: s.alg === 'AES-SIV',
          pad: s.pad,
          keyCommitment: s.keyCommitment,
        },
      );
      const opts = s.rowId === undefined ? {} : { rowId: s.rowId };
      const request = {
        kind: 'fields',
        alg: s.alg,
        key: toHex(raw),
        table: 'users',
        column: 'profile',
        ...(s.rowId === undefined ? {} : { rowId: String(s.rowId) }),
        pad: s.pad,
        keyCommitment: s.keyCommitment,
        value: written(s.value),
        ...(s.bytesForm
          ? { bytes: toHex(cipher.encryptBytes(s.value, opts)) }
          : { text: cipher.encrypt(s.value, opts) }),
      };
      return { s, cipher, opts, request };
    });
    const decrypted = python<Written[]>(
      'decrypt',
      cases.map((c) => c.request),
    );
    decrypted.forEach((got, i) => {
      expect(sameWritten(got, cases[i]!.request.value), `case ${i}: ${JSON.stringify(got)}`).toBe(
        true,
      );
    });
    const fromPython = python<string[]>(
      'encrypt',
      cases.map((c) => c.request),
    );
    fromPython.forEach((text, i) => {
      const { s, cipher, opts } = cases[i]!;
      expect(sameValue(cipher.decrypt(text, opts), s.value), `case ${i}`).toBe(true);
      // Deterministic AES-SIV: Python writes the very same text as cachet.
      if (s.alg === 'AES-SIV') expect(text).toBe(cipher.encrypt(s.value, opts));
    });
  });
});

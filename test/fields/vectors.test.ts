// The fixed format vectors (test/vectors/fields/fields.json, made once by
// scripts/gen-aead-fields-vectors.ts): every release must still decrypt both forms of each
// value to the same type and value, reproduce deterministic ciphertexts and blind indexes
// byte for byte, on both backends and in the browser. test/aead/independent.node.test.ts
// checks the same file with an independent Python implementation.
import { expect, it } from 'vitest';
import { type FieldValue, fieldCipher } from '../../src/fields/index.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, toHex } from '../helpers/vectors.js';
import file from '../vectors/fields/fields.json' with { type: 'json' };
import { sameValue } from './helpers.js';

type Alg = 'A256GCM' | 'A256GCM-SIV' | 'XC20P' | 'AES-SIV';

/** The vector file's { type, value } string forms (see the generator). */
function readValue(v: { type: string; value: string }): FieldValue {
  switch (v.type) {
    case 'string':
      return v.value;
    case 'number':
      return v.value === '-0' ? -0 : Number(v.value);
    case 'bigint':
      return BigInt(v.value);
    case 'boolean':
      return v.value === 'true';
    case 'date':
      return new Date(Number(v.value));
    case 'bytes':
      return hex(v.value);
    case 'json':
      return JSON.parse(v.value) as FieldValue;
    default:
      return null;
  }
}

const keyringOf = (alg: string, raw: string) =>
  Keyring.fromKeys([importKey(hex(raw), { alg: alg as Alg, format: 'raw' })]);

describeEachBackend('fields format v1 vectors', () => {
  it('covers every value type and suite', () => {
    expect(new Set(file.vectors.map((v) => v.value.type)).size).toBe(8);
    expect(new Set(file.vectors.map((v) => v.alg)).size).toBe(4);
  });

  for (const v of file.vectors) {
    it(v.name, () => {
      const keyring = keyringOf(v.alg, v.key);
      expect(keyring.primary.id).toBe(v.keyId);
      const f = fieldCipher(keyring, {
        table: v.table,
        column: v.column,
        deterministic: v.deterministic,
        pad: v.pad,
        keyCommitment: v.keyCommitment,
      });
      const opts = v.rowId === undefined ? {} : { rowId: v.rowId };
      const expected = readValue(v.value);
      expect(sameValue(f.decrypt(v.text, opts), expected)).toBe(true);
      expect(sameValue(f.decrypt(hex(v.bytes), opts), expected)).toBe(true);
      expect(f.needsReencrypt(v.text)).toBe(false);
      if (v.deterministic) {
        expect(f.encrypt(expected, opts)).toBe(v.text);
        expect(toHex(f.encryptBytes(expected, opts))).toBe(v.bytes);
      }
      expect(() => f.decrypt(v.text, { rowId: 'another row' })).toThrow(
        expect.objectContaining({ code: 'ERR_AUTH_FAILED' }),
      );
    });
  }

  for (const b of file.blindIndexes) {
    it(`blind index ${b.table}.${b.column}, ${b.bits} bits, ${b.normalize ?? 'no normalizer'}`, () => {
      const f = fieldCipher(keyringOf(b.alg, b.key), {
        table: b.table,
        column: b.column,
        deterministic: b.alg === 'AES-SIV',
        blindIndex: { bits: b.bits, ...(b.normalize ? { normalize: b.normalize as 'email' } : {}) },
      });
      expect(f.blindIndex(readValue(b.input))).toBe(b.index);
      expect(f.blindIndex(readValue(b.normalized))).toBe(b.index);
    });
  }
});

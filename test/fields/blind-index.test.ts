// Blind indexes through the public API, on both backends and in Chromium: normalizers,
// truncation, separation between columns, types and keys, and rotation windows.
// test/fields/vectors.test.ts holds known answers (reproduced in Python).
import { expect, it } from 'vitest';
import type { CachetError } from '../../src/errors.js';
import { fieldCipher, type Normalizer } from '../../src/fields/index.js';
import { Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return (err as CachetError).code;
  }
  return undefined;
}

describeEachBackend('blind indexes', () => {
  const keyring = Keyring.generate('A256GCM');
  const indexed = (normalize?: Normalizer | Normalizer[], bits?: number, column = 'email') =>
    fieldCipher(keyring, {
      table: 'users',
      column,
      blindIndex: { ...(normalize ? { normalize } : {}), ...(bits ? { bits } : {}) },
    });

  it('normalizers make the spellings of one value one index', () => {
    const email = indexed('email');
    const base = email.blindIndex('alice@example.com');
    for (const spelling of ['Alice@Example.COM', '  alice@example.com\t', 'ALICE@EXAMPLE.COM']) {
      expect(email.blindIndex(spelling)).toBe(base);
    }
    expect(email.blindIndex('bob@example.com')).not.toBe(base);
    // NFC: é as one code point or as e + combining acute.
    expect(email.blindIndex('jos\u00e9@example.com')).toBe(
      email.blindIndex('jose\u0301@example.com'),
    );
    const phone = indexed('digits', 32, 'phone');
    expect(phone.blindIndex('+1 (555) 010-9999')).toBe(phone.blindIndex('15550109999'));
    const spaces = indexed(['whitespace', 'lowercase'], 32, 'name');
    expect(spaces.blindIndex('  Ada   LOVELACE ')).toBe(spaces.blindIndex('ada lovelace'));
    const nfkc = indexed('nfkc', 32, 'handle');
    expect(nfkc.blindIndex('ﬁle')).toBe(nfkc.blindIndex('file'));
    const custom = indexed((s) => s.replace(/-/g, ''), 32, 'sku');
    expect(custom.blindIndex('AB-12')).toBe(custom.blindIndex('AB12'));
    // Without normalizers the value is taken as it is.
    expect(indexed().blindIndex('Alice')).not.toBe(indexed().blindIndex('alice'));
    // Normalizers touch strings only: numbers and strings never share an index.
    expect(indexed('digits', 32, 'n').blindIndex(42)).not.toBe(
      indexed('digits', 32, 'n').blindIndex('42'),
    );
  });

  it('keeps `bits` bits: hex of whole bytes, the spare bits zero', () => {
    for (const bits of [1, 7, 8, 12, 20, 32, 64, 255, 256]) {
      const f = indexed(undefined, bits, `c${bits}`);
      for (const value of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
        const index = f.blindIndex(value);
        expect(index).toMatch(/^[0-9a-f]+$/);
        expect(index).toHaveLength(2 * Math.ceil(bits / 8));
        const last = Number.parseInt(index.slice(-2), 16);
        expect(last & ((1 << (8 * Math.ceil(bits / 8) - bits)) - 1)).toBe(0);
      }
    }
    // A shorter index is a prefix of a longer one for the same column and key.
    const long = indexed(undefined, 64, 'same').blindIndex('v');
    expect(long.startsWith(indexed(undefined, 32, 'same').blindIndex('v'))).toBe(true);
    // Few bits mean collisions: with 4 bits, 100 values share at most 16 indexes.
    const four = indexed(undefined, 4, 'tiny');
    expect(
      new Set(Array.from({ length: 100 }, (_, i) => four.blindIndex(i))).size,
    ).toBeLessThanOrEqual(16);
  });

  it('differs per column, per table and per keyring', () => {
    const a = fieldCipher(keyring, { table: 'users', column: 'email', blindIndex: true });
    const b = fieldCipher(keyring, { table: 'users', column: 'backup_email', blindIndex: true });
    const c = fieldCipher(keyring, { table: 'admins', column: 'email', blindIndex: true });
    const d = fieldCipher(Keyring.generate('A256GCM'), {
      table: 'users',
      column: 'email',
      blindIndex: true,
    });
    const indexes = [a, b, c, d].map((f) => f.blindIndex('alice@example.com'));
    expect(new Set(indexes).size).toBe(4);
    // Deterministic for one column and key.
    expect(a.blindIndex('alice@example.com')).toBe(indexes[0]);
  });

  it('during a rotation, blindIndexes gives the index under every usable key', () => {
    const ring = Keyring.generate('A256GCM');
    const f = fieldCipher(ring, {
      table: 'users',
      column: 'email',
      blindIndex: { normalize: 'email' },
    });
    const before = f.blindIndex('alice@example.com');
    expect(f.blindIndexes('alice@example.com')).toEqual([before]);
    const oldId = ring.primary.id;
    ring.rotate();
    const after = f.blindIndex('Alice@example.com');
    expect(after).not.toBe(before);
    expect(f.blindIndexes('alice@example.com')).toEqual([after, before]);
    ring.disable(oldId);
    expect(f.blindIndexes('alice@example.com')).toEqual([after]);
  });

  it('works for deterministic columns and every value type', () => {
    const f = fieldCipher(Keyring.generate('AES-SIV'), {
      table: 'users',
      column: 'nid',
      deterministic: true,
      blindIndex: { normalize: 'digits', bits: 16 },
    });
    expect(f.blindIndex('123-45-6789')).toBe(f.blindIndex('123456789'));
    const values = [null, true, false, 0, -0, 1n, new Date(0), new Uint8Array([1]), { a: 1 }, [1]];
    expect(new Set(values.map((v) => f.blindIndex(v))).size).toBeGreaterThan(5);
  });

  it('rejects bad options with typed errors', () => {
    const bad = [
      { bits: 0 },
      { bits: 257 },
      { bits: 1.5 },
      { bits: '32' },
      { normalize: 'upper' },
      { normalize: ['trim', 5] },
      { normalize: 'constructor' },
    ];
    for (const blindIndex of bad) {
      expect(
        code(() =>
          fieldCipher(keyring, { table: 't', column: 'c', blindIndex: blindIndex as never }),
        ),
      ).toBe('ERR_INVALID_ARGUMENT');
    }
    const wrong = fieldCipher(keyring, {
      table: 't',
      column: 'c',
      blindIndex: { normalize: (() => 5) as never },
    });
    expect(code(() => wrong.blindIndex('x'))).toBe('ERR_INVALID_ARGUMENT');
    expect(code(() => indexed('trim').blindIndex(undefined as never))).toBe('ERR_INVALID_ARGUMENT');
  });
});

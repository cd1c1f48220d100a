// cachet/fields through its public API, on both backends and in Chromium: exact round
// trips of every value type, context binding, tampering, arbitrary input, deterministic
// mode, padding, commitment and rotation helpers.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { aead } from '../../src/aead/index.js';
import { AuthenticationError, CachetError, InvalidInputError } from '../../src/errors.js';
import { type FieldCipher, type FieldValue, fieldCipher } from '../../src/fields/index.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { toHex } from '../helpers/vectors.js';
import { fieldValue, sameValue } from './helpers.js';

const algs = ['A256GCM', 'A256GCM-SIV', 'XC20P', 'AES-SIV'] as const;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function cipherFor(keyring: Keyring, extra: Record<string, unknown> = {}): FieldCipher {
  return fieldCipher(keyring, {
    table: 'users',
    column: 'email',
    deterministic: keyring.primary.alg === 'AES-SIV',
    ...extra,
  });
}

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(CachetError);
    return (err as CachetError).code;
  }
  return undefined;
}

function rejected(f: () => unknown): void {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as CachetError).code).toBe('ERR_AUTH_FAILED');
    return;
  }
  throw new Error('expected ERR_AUTH_FAILED');
}

describeEachBackend('fields', () => {
  for (const alg of algs) {
    it(`${alg}: every value type round-trips exactly, in text and bytes form`, () => {
      const keyring = Keyring.generate(alg);
      const plain = cipherFor(keyring);
      const padded = cipherFor(keyring, { pad: 24 });
      fc.assert(
        fc.property(fieldValue, fc.option(fc.integer({ min: 1 })), (value, row) => {
          const opts = row === null ? {} : { rowId: row };
          for (const f of [plain, padded]) {
            const text = f.encrypt(value, opts);
            expect(text.startsWith('cf1.')).toBe(true);
            expect(text).toMatch(/^cf1\.[A-Za-z0-9_-]+$/);
            expect(sameValue(f.decrypt(text, opts), value)).toBe(true);
            const bytes = f.encryptBytes(value, opts);
            expect(bytes[0]).toBe(0xf1);
            expect(sameValue(f.decrypt(bytes, opts), value)).toBe(true);
          }
        }),
        { numRuns: 120 },
      );
    });
  }

  it('edge values keep their exact type and value', () => {
    const f = cipherFor(Keyring.generate('A256GCM'));
    const values: FieldValue[] = [
      '',
      'é',
      '🦊',
      '\u0000',
      -0,
      0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
      2 ** 53 + 2,
      0n,
      -1n,
      2n ** 512n,
      true,
      false,
      null,
      new Date(8.64e15),
      new Date(-8.64e15),
      new Date(0),
      new Uint8Array(0),
      new Uint8Array([0, 255]),
      [],
      {},
      { nested: { deep: [1, 'two', null, true, { x: -1.5e-300 }] } },
      { __proto__: null, a: 1 } as unknown as FieldValue,
      JSON.parse('{"__proto__": {"polluted": true}}') as FieldValue,
      ['\ud800\udc00', 'lone surrogates in JSON strings are escaped: \ud800'],
    ];
    values.forEach((value, i) => {
      const back = f.decrypt(f.encrypt(value));
      expect(sameValue(back, value), `values[${i}]`).toBe(true);
    });
    const proto = f.decrypt(f.encrypt(JSON.parse('{"__proto__": {"polluted": true}}')));
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // A Node Buffer (a Uint8Array) comes back as a plain Uint8Array with its own memory.
    const bytes = f.decrypt(f.encrypt(new Uint8Array([1, 2, 3]))) as Uint8Array;
    expect(bytes.constructor).toBe(Uint8Array);
    expect(bytes.buffer.byteLength).toBe(3);
  });

  it('refuses values that would not round-trip, with ERR_INVALID_ARGUMENT', () => {
    const f = cipherFor(Keyring.generate('A256GCM'));
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    let deep: unknown = 1;
    for (let i = 0; i < 2000; i++) deep = [deep];
    const holes: number[] = [1];
    holes[2] = 2;
    class Point {
      x = 1;
    }
    const bad: unknown[] = [
      undefined,
      Symbol('s'),
      () => 1,
      new Map(),
      new Set([1]),
      new Point(),
      new Date(Number.NaN),
      'lone \ud800 surrogate',
      '\udc00',
      { a: undefined },
      { a: Number.NaN },
      { a: Number.POSITIVE_INFINITY },
      holes,
      { d: new Date() },
      { b: 1n },
      { f: () => 1 },
      { toJSON: () => 'x' },
      new Int16Array(2),
      new ArrayBuffer(2),
      circular,
      deep,
    ];
    for (const value of bad) {
      expect(
        code(() => f.encrypt(value as FieldValue)),
        String(typeof value),
      ).toBe('ERR_INVALID_ARGUMENT');
    }
  });

  it('binds table, column and row: a value moved anywhere else fails with ERR_AUTH_FAILED', () => {
    const keyring = Keyring.generate('A256GCM');
    const email = fieldCipher(keyring, { table: 'users', column: 'email' });
    const text = email.encrypt('alice@example.com', { rowId: 42 });
    expect(email.decrypt(text, { rowId: 42 })).toBe('alice@example.com');
    // 42, 42n and '42' are one row id (node-postgres returns BIGINT as a string).
    expect(email.decrypt(text, { rowId: 42n })).toBe('alice@example.com');
    expect(email.decrypt(text, { rowId: '42' })).toBe('alice@example.com');
    const elsewhere = [
      () => email.decrypt(text),
      () => email.decrypt(text, { rowId: 43 }),
      () => email.decrypt(text, { rowId: '042' }),
      () => fieldCipher(keyring, { table: 'users', column: 'phone' }).decrypt(text, { rowId: 42 }),
      () => fieldCipher(keyring, { table: 'admins', column: 'email' }).decrypt(text, { rowId: 42 }),
      // Lengths are encoded, so shifting characters between names is another context.
      () => fieldCipher(keyring, { table: 'user', column: 'semail' }).decrypt(text, { rowId: 42 }),
    ];
    for (const f of elsewhere) rejected(f);
    const noRow = email.encrypt('x');
    rejected(() => email.decrypt(noRow, { rowId: 1 }));
  });

  it('any single-bit flip, truncation or extension of either form fails with ERR_AUTH_FAILED', () => {
    for (const alg of algs) {
      const f = cipherFor(Keyring.generate(alg));
      const bytes = f.encryptBytes('attack at dawn', { rowId: 1 });
      for (let i = 0; i < bytes.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const bad = bytes.slice();
          bad[i]! ^= 1 << bit;
          rejected(() => f.decrypt(bad, { rowId: 1 }));
        }
      }
      for (let n = 0; n < bytes.length; n++)
        rejected(() => f.decrypt(bytes.subarray(0, n), { rowId: 1 }));
      rejected(() => f.decrypt(new Uint8Array([...bytes, 0]), { rowId: 1 }));
      const text = f.encrypt('attack at dawn', { rowId: 1 });
      for (let i = 0; i < text.length; i++) {
        const other = B64URL[(B64URL.indexOf(text[i]!) + 1) % 64]!;
        rejected(() => f.decrypt(text.slice(0, i) + other + text.slice(i + 1), { rowId: 1 }));
      }
      for (let n = 0; n < text.length; n++)
        rejected(() => f.decrypt(text.slice(0, n), { rowId: 1 }));
      for (const variant of [
        `${text}A`,
        `${text}=`,
        ` ${text}`,
        `${text}\n`,
        `CF1.${text.slice(4)}`,
        `cf2.${text.slice(4)}`,
        text.slice(4),
      ]) {
        rejected(() => f.decrypt(variant, { rowId: 1 }));
      }
    }
  });

  it('arbitrary strings and bytes only ever raise AuthenticationError', () => {
    const f = cipherFor(Keyring.generate('A256GCM'));
    const real = f.encrypt('x');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ maxLength: 200 }).map((s) => `cf1.${s}`),
          fc.stringMatching(/^cf1\.[A-Za-z0-9_-]{0,160}$/),
          fc.string({ maxLength: 100 }).map((s) => real.slice(0, 16) + s),
          fc.uint8Array({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 120 }).map((b) => new Uint8Array([0xf1, 0x81, ...b])),
        ),
        (input) => rejected(() => f.decrypt(input)),
      ),
      { numRuns: 800 },
    );
  });

  it('needsReencrypt answers for ciphertexts and refuses anything else with ERR_INVALID_FORMAT', () => {
    const f = cipherFor(Keyring.generate('A256GCM'));
    const real = f.encrypt('x');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.string({ maxLength: 100 }).map((s) => real.slice(0, 12) + s),
          fc.uint8Array({ maxLength: 100 }),
        ),
        (input) => {
          try {
            expect(typeof f.needsReencrypt(input)).toBe('boolean');
          } catch (err) {
            expect((err as CachetError).code).toBe('ERR_INVALID_FORMAT');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('deterministic mode: equal values give equal text in one context, and only then', () => {
    const keyring = Keyring.generate('AES-SIV');
    const nid = fieldCipher(keyring, {
      table: 'users',
      column: 'national_id',
      deterministic: true,
    });
    const a = nid.encrypt('123-45-6789');
    expect(nid.encrypt('123-45-6789')).toBe(a);
    expect(nid.encrypt('123-45-6788')).not.toBe(a);
    expect(nid.encrypt(123456789)).not.toBe(nid.encrypt('123456789'));
    expect(
      fieldCipher(keyring, { table: 'users', column: 'tax_id', deterministic: true }).encrypt(
        '123-45-6789',
      ),
    ).not.toBe(a);
    expect(nid.encrypt('123-45-6789', { rowId: 1 })).not.toBe(
      nid.encrypt('123-45-6789', { rowId: 2 }),
    );
    expect(nid.decrypt(a)).toBe('123-45-6789');
    // During a rotation both ciphertexts match.
    keyring.rotate();
    const lookup = nid.encryptForLookup('123-45-6789');
    expect(lookup).toHaveLength(2);
    expect(lookup[0]).toBe(nid.encrypt('123-45-6789'));
    expect(lookup[1]).toBe(a);
    expect(
      code(() =>
        fieldCipher(Keyring.generate('A256GCM'), { table: 't', column: 'c' }).encryptForLookup('x'),
      ),
    ).toBe('ERR_INVALID_ARGUMENT');
    // The mode must be asked for, and must match the keys.
    expect(code(() => fieldCipher(keyring, { table: 't', column: 'c' }))).toBe(
      'ERR_WRONG_KEY_TYPE',
    );
    expect(
      code(() =>
        fieldCipher(Keyring.generate('A256GCM'), { table: 't', column: 'c', deterministic: true }),
      ),
    ).toBe('ERR_WRONG_KEY_TYPE');
    // Randomized modes never repeat.
    const email = cipherFor(Keyring.generate('A256GCM'));
    expect(email.encrypt('same')).not.toBe(email.encrypt('same'));
  });

  it('padding: ciphertext lengths reveal only the bucket', () => {
    const f = cipherFor(Keyring.generate('A256GCM'), { pad: 32 });
    const length = (s: string) => f.encryptBytes(s).length;
    // tag + value + 0x80 marker fill up to 32, 64, … bytes of plaintext.
    expect(new Set(['', 'a', 'x'.repeat(20), 'x'.repeat(30)].map(length)).size).toBe(1);
    expect(length('x'.repeat(31))).toBe(length('') + 32);
    expect(f.decrypt(f.encrypt('x'.repeat(31)))).toBe('x'.repeat(31));
    const unpadded = cipherFor(Keyring.generate('A256GCM'));
    expect(unpadded.encryptBytes('ab').length).toBe(unpadded.encryptBytes('a').length + 1);
    for (const pad of [0.5, -1, 65537, '16', Number.NaN]) {
      expect(code(() => cipherFor(Keyring.generate('A256GCM'), { pad }))).toBe(
        'ERR_INVALID_ARGUMENT',
      );
    }
  });

  it('key commitment: on by default, 32 bytes, refusing uncommitted values; off reads both', () => {
    const keyring = Keyring.generate('A256GCM');
    const committed = cipherFor(keyring);
    const loose = cipherFor(keyring, { keyCommitment: false });
    expect(committed.encryptBytes('x').length - loose.encryptBytes('x').length).toBe(32);
    expect(loose.decrypt(committed.encrypt('x'))).toBe('x');
    const err = (() => {
      try {
        committed.decrypt(loose.encrypt('x'));
      } catch (e) {
        return e as CachetError;
      }
    })();
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err!.cause as CachetError).code).toBe('ERR_INVALID_FORMAT');
  });

  it('fields and aead ciphertexts are never mistaken for each other', () => {
    const keyring = Keyring.generate('A256GCM');
    const f = cipherFor(keyring);
    const box = aead(keyring);
    rejected(() => box.decrypt(f.encryptBytes('x')));
    rejected(() => f.decrypt(box.encrypt(new Uint8Array([1, 120]))));
  });

  it('rotation: needsReencrypt, reencrypt in the same form, textPrefix', () => {
    const keyring = Keyring.generate('A256GCM');
    const f = cipherFor(keyring);
    const text = f.encrypt({ plan: 'pro' }, { rowId: 9 });
    const bytes = f.encryptBytes(7n, { rowId: 9 });
    const prefix = f.textPrefix();
    expect(prefix).toHaveLength(12);
    expect(text.startsWith(prefix)).toBe(true);
    expect(f.needsReencrypt(text)).toBe(false);
    expect(f.reencrypt(text, { rowId: 9 })).toBe(text);
    const oldId = keyring.primary.id;
    keyring.rotate();
    expect(f.textPrefix()).not.toBe(prefix);
    expect(f.needsReencrypt(text)).toBe(true);
    expect(f.needsReencrypt(bytes)).toBe(true);
    const newText = f.reencrypt(text, { rowId: 9 });
    const newBytes = f.reencrypt(bytes, { rowId: 9 });
    expect(typeof newText).toBe('string');
    expect(newBytes).toBeInstanceOf(Uint8Array);
    expect(newText.startsWith(f.textPrefix())).toBe(true);
    expect(f.needsReencrypt(newText)).toBe(false);
    expect(f.needsReencrypt(newBytes)).toBe(false);
    // reencrypt checks the context like decrypt.
    rejected(() => f.reencrypt(text, { rowId: 10 }));
    rejected(() => f.reencrypt('plain text'));
    rejected(() => f.reencrypt(new Uint8Array(4)));
    keyring.remove(oldId);
    expect(f.decrypt(newText, { rowId: 9 })).toEqual({ plan: 'pro' });
    expect(f.decrypt(newBytes, { rowId: 9 })).toBe(7n);
    rejected(() => f.decrypt(text, { rowId: 9 }));
    expect(code(() => f.needsReencrypt('plain text'))).toBe('ERR_INVALID_FORMAT');
    expect(code(() => f.needsReencrypt(new Uint8Array(4)))).toBe('ERR_INVALID_FORMAT');
    expect(code(() => f.needsReencrypt(5 as never))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('rejects bad options and arguments with typed errors', () => {
    const keyring = Keyring.generate('A256GCM');
    const f = cipherFor(keyring);
    const cases: Array<[() => unknown, string]> = [
      [() => fieldCipher(keyring, undefined as never), 'ERR_INVALID_ARGUMENT'],
      [() => fieldCipher(keyring, { table: 'users' } as never), 'ERR_INVALID_ARGUMENT'],
      [() => fieldCipher(keyring, { table: '', column: 'c' }), 'ERR_INVALID_ARGUMENT'],
      // Lone surrogates have no UTF-8 form: refused in names and row ids.
      [() => fieldCipher(keyring, { table: 't\ud800', column: 'c' }), 'ERR_INVALID_ARGUMENT'],
      [() => f.encrypt('x', { rowId: '\udc00' }), 'ERR_INVALID_ARGUMENT'],
      [
        () => fieldCipher(keyring, { table: 'x'.repeat(1025), column: 'c' }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () => fieldCipher(keyring, { table: 't', column: 'c', deterministic: 1 as never }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () => fieldCipher(keyring, { table: 't', column: 'c', keyCommitment: 'no' as never }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () => fieldCipher(keyring, { table: 't', column: 'c', blindIndex: 'yes' as never }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () => fieldCipher(Keyring.generate('HS256'), { table: 't', column: 'c' }),
        'ERR_WRONG_KEY_TYPE',
      ],
      [() => fieldCipher('key' as never, { table: 't', column: 'c' }), 'ERR_INVALID_ARGUMENT'],
      [() => f.encrypt('x', null as never), 'ERR_INVALID_ARGUMENT'],
      [() => f.encrypt('x', { rowId: 1.5 }), 'ERR_INVALID_ARGUMENT'],
      [() => f.encrypt('x', { rowId: 2 ** 53 }), 'ERR_INVALID_ARGUMENT'],
      [() => f.encrypt('x', { rowId: '' }), 'ERR_INVALID_ARGUMENT'],
      [() => f.encrypt('x', { rowId: {} as never }), 'ERR_INVALID_ARGUMENT'],
      [() => f.encrypt('x', { rowId: 'r'.repeat(1025) }), 'ERR_INVALID_ARGUMENT'],
      [() => f.decrypt(42 as never), 'ERR_INVALID_ARGUMENT'],
      [() => f.blindIndex('x'), 'ERR_INVALID_ARGUMENT'],
    ];
    for (const [fn, expected] of cases) expect(code(fn)).toBe(expected);
    expect(() => f.decrypt(null as never)).toThrow(InvalidInputError);
  });

  it('a key imported from the same bytes decrypts what the original encrypted', () => {
    const raw = new Uint8Array(32).map((_, i) => i);
    const a = cipherFor(Keyring.fromKeys([importKey(raw, { alg: 'A256GCM' })]));
    const b = cipherFor(Keyring.fromKeys([importKey(raw.slice(), { alg: 'A256GCM' })]));
    expect(b.decrypt(a.encrypt('persisted'))).toBe('persisted');
    expect(toHex(a.encryptBytes('x').subarray(2, 6))).toBe(
      toHex(b.encryptBytes('x').subarray(2, 6)),
    );
  });
});

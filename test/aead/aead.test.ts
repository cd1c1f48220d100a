// cachet/aead through its public API, on both backends and in Chromium: round trips for
// arbitrary data, the header layout, key commitment, rotation, and every altered,
// truncated or extended ciphertext rejected with the one typed error.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { aead } from '../../src/aead/index.js';
import { AuthenticationError, CachetError, InvalidInputError, KeyError } from '../../src/errors.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { toHex } from '../helpers/vectors.js';

const algs = ['A256GCM', 'A256GCM-SIV', 'XC20P', 'AES-SIV'] as const;
const nonceLength = { A256GCM: 12, 'A256GCM-SIV': 12, XC20P: 24, 'AES-SIV': 0 } as const;
const suiteId = { A256GCM: 1, 'A256GCM-SIV': 2, XC20P: 3, 'AES-SIV': 4 } as const;
const enc = (s: string) => new TextEncoder().encode(s);
const boxFor = (keyring: Keyring, options: { keyCommitment?: boolean } = {}) =>
  aead(keyring, { ...options, deterministic: keyring.primary.alg === 'AES-SIV' });

function authError(f: () => unknown): AuthenticationError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as CachetError).code).toBe('ERR_AUTH_FAILED');
    return err as AuthenticationError;
  }
  throw new Error('expected an AuthenticationError');
}

describeEachBackend('aead', () => {
  for (const alg of algs) {
    it(`${alg}: round-trips arbitrary plaintexts and associated data`, () => {
      const keyring = Keyring.generate(alg);
      for (const keyCommitment of [true, false]) {
        const box = boxFor(keyring, { keyCommitment });
        fc.assert(
          fc.property(
            fc.uint8Array({ maxLength: 600 }),
            fc.uint8Array({ maxLength: 80 }),
            (p, a) => {
              const sealed = box.encrypt(p, a);
              expect(box.decrypt(sealed, a)).toEqual(p);
            },
          ),
          { numRuns: 60 },
        );
      }
    });

    it(`${alg}: writes version, suite, key id, nonce, commitment, body`, () => {
      const raw = new Uint8Array(alg === 'AES-SIV' ? 64 : 32).fill(7);
      const key = importKey(raw, { alg, format: 'raw' });
      const keyring = Keyring.fromKeys([key]);
      const plaintext = enc('hello');
      const committed = boxFor(keyring).encrypt(plaintext);
      const plain = boxFor(keyring, { keyCommitment: false }).encrypt(plaintext);
      const n = nonceLength[alg];
      expect(committed.length).toBe(6 + n + 32 + plaintext.length + 16);
      expect(plain.length).toBe(6 + n + plaintext.length + 16);
      expect(committed[0]).toBe(0x01);
      expect(committed[1]).toBe(suiteId[alg] | 0x80);
      expect(plain[1]).toBe(suiteId[alg]);
      expect(toHex(committed.subarray(2, 6))).toBe(key.id);
      // The commitment depends on the key only.
      const again = boxFor(keyring).encrypt(enc('other'));
      expect(toHex(again.subarray(6 + n, 6 + n + 32))).toBe(
        toHex(committed.subarray(6 + n, 6 + n + 32)),
      );
      if (n > 0) {
        expect(toHex(again.subarray(6, 6 + n))).not.toBe(toHex(committed.subarray(6, 6 + n)));
      } else {
        // AES-SIV is deterministic: the same inputs give the same bytes.
        expect(boxFor(keyring).encrypt(plaintext)).toEqual(committed);
      }
    });

    it(`${alg}: any single-bit flip, truncation or extension fails with ERR_AUTH_FAILED`, () => {
      const keyring = Keyring.generate(alg);
      for (const keyCommitment of [true, false]) {
        const box = boxFor(keyring, { keyCommitment });
        const sealed = box.encrypt(enc('attack at dawn'), 'aad');
        for (let i = 0; i < sealed.length; i++) {
          for (let bit = 0; bit < 8; bit++) {
            const bad = sealed.slice();
            bad[i]! ^= 1 << bit;
            authError(() => box.decrypt(bad, 'aad'));
          }
        }
        for (let length = 0; length < sealed.length; length++) {
          authError(() => box.decrypt(sealed.subarray(0, length), 'aad'));
        }
        for (const extra of [[0], [1, 2, 3], new Array(16).fill(0)]) {
          const longer = new Uint8Array([...sealed, ...extra]);
          authError(() => box.decrypt(longer, 'aad'));
        }
        authError(() => box.decrypt(sealed, 'aae'));
        authError(() => box.decrypt(sealed));
      }
    });
  }

  it('never repeats a nonce, across refills of the nonce pool', () => {
    for (const alg of ['A256GCM', 'XC20P'] as const) {
      const box = aead(Keyring.generate(alg));
      const n = nonceLength[alg];
      const seen = new Set<string>();
      for (let i = 0; i < 1200; i++) {
        const sealed = box.encrypt(new Uint8Array(0));
        const nonce = toHex(sealed.subarray(6, 6 + n));
        expect(nonce).not.toBe('00'.repeat(n));
        seen.add(nonce);
      }
      expect(seen.size).toBe(1200);
    }
  });

  it('arbitrary bytes never decrypt and only ever raise AuthenticationError', () => {
    const keyring = Keyring.generate('A256GCM');
    const box = aead(keyring);
    const prefix = box.encrypt('x').subarray(0, 6);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, withPrefix) => {
        const input = withPrefix ? new Uint8Array([...prefix, ...bytes]) : bytes;
        authError(() => box.decrypt(input));
      }),
      { numRuns: 500 },
    );
  });

  it('key commitment: a ciphertext authenticates under its own key only, and uncommitted ones are refused', () => {
    const a = Keyring.generate('A256GCM');
    const b = Keyring.generate('A256GCM');
    const sealed = aead(a).encrypt('secret');
    // Another key given the same id: the commitment check fails before any decryption.
    const raw = new Uint8Array(32).fill(9);
    const impostor = Keyring.fromKeys([importKey(raw, { alg: 'A256GCM', id: a.primary.id })]);
    authError(() => aead(impostor).decrypt(sealed));
    authError(() => aead(b).decrypt(sealed));
    const uncommitted = aead(a, { keyCommitment: false }).encrypt('secret');
    const refused = authError(() => aead(a).decrypt(uncommitted));
    expect((refused.cause as CachetError).code).toBe('ERR_INVALID_FORMAT');
    // keyCommitment: false reads both kinds.
    expect(aead(a, { keyCommitment: false }).decrypt(sealed)).toEqual(enc('secret'));
  });

  it('rotation: old ciphertexts still decrypt; needsReencrypt and reencrypt move them to the primary', () => {
    const keyring = Keyring.generate('A256GCM');
    const box = aead(keyring);
    const old = box.encrypt('v1', 'ctx');
    const oldId = keyring.primary.id;
    expect(box.needsReencrypt(old)).toBe(false);
    expect(box.reencrypt(old, 'ctx')).toBe(old);
    keyring.rotate();
    expect(box.needsReencrypt(old)).toBe(true);
    const moved = box.reencrypt(old, 'ctx');
    expect(toHex(moved.subarray(2, 6))).toBe(keyring.primary.id);
    expect(box.decrypt(moved, 'ctx')).toEqual(enc('v1'));
    expect(box.needsReencrypt(moved)).toBe(false);
    // A change of commitment setting or algorithm also needs re-encryption.
    expect(aead(keyring, { keyCommitment: false }).needsReencrypt(moved)).toBe(true);
    keyring.disable(oldId);
    const disabled = authError(() => box.decrypt(old, 'ctx'));
    expect((disabled.cause as CachetError).code).toBe('ERR_KEY_DISABLED');
    keyring.remove(oldId);
    const missing = authError(() => box.decrypt(old, 'ctx'));
    expect((missing.cause as CachetError).code).toBe('ERR_KEY_NOT_FOUND');
    expect(missing.message).toBe(disabled.message);
    expect(box.decrypt(moved, 'ctx')).toEqual(enc('v1'));
  });

  it('rotation to another algorithm: the new primary writes, the old key reads', () => {
    const keyring = Keyring.generate('A256GCM');
    const box = aead(keyring);
    const old = box.encrypt('m');
    keyring.rotate({ alg: 'XC20P' });
    const fresh = box.encrypt('m');
    expect(fresh[1]).toBe(0x83);
    expect(box.decrypt(old)).toEqual(enc('m'));
    expect(box.decrypt(fresh)).toEqual(enc('m'));
    expect(box.needsReencrypt(old)).toBe(true);
  });

  it('a ciphertext naming a key of another algorithm fails', () => {
    const gcm = importKey(new Uint8Array(32).fill(1), { alg: 'A256GCM', id: '00000001' });
    const siv = importKey(new Uint8Array(32).fill(1), { alg: 'A256GCM-SIV', id: '00000001' });
    const sealed = aead(Keyring.fromKeys([gcm]), { keyCommitment: false }).encrypt('x');
    const err = authError(() =>
      aead(Keyring.fromKeys([siv]), { keyCommitment: false }).decrypt(sealed),
    );
    expect((err.cause as CachetError).code).toBe('ERR_WRONG_KEY_TYPE');
  });

  it('AES-SIV is deterministic and needs { deterministic: true }; other algorithms refuse it', () => {
    const siv = Keyring.generate('AES-SIV');
    expect(() => aead(siv)).toThrow(KeyError);
    const box = aead(siv, { deterministic: true });
    expect(box.encrypt('same', 'a')).toEqual(box.encrypt('same', 'a'));
    expect(box.encrypt('same', 'a')).not.toEqual(box.encrypt('same', 'b'));
    expect(() => aead(Keyring.generate('A256GCM'), { deterministic: true })).toThrow(/AES-SIV/);
    // A keyring rotated to AES-SIV later is refused at encrypt time, not silently used.
    const keyring = Keyring.generate('A256GCM');
    const gcmBox = aead(keyring);
    keyring.rotate({ alg: 'AES-SIV' });
    expect(() => gcmBox.encrypt('x')).toThrow(
      expect.objectContaining({ code: 'ERR_WRONG_KEY_TYPE' }),
    );
  });

  it('accepts a single Key and strings; sees keyring changes made after it was created', () => {
    const key = importKey(new Uint8Array(32).fill(3), { alg: 'XC20P' });
    const box = aead(key);
    expect(box.decrypt(box.encrypt('text', 'aad'), enc('aad'))).toEqual(enc('text'));
    const keyring = Keyring.generate('A256GCM');
    const live = aead(keyring);
    keyring.rotate();
    expect(toHex(live.encrypt('x').subarray(2, 6))).toBe(keyring.primary.id);
  });

  it('rejects bad arguments with typed errors', () => {
    const keyring = Keyring.generate('A256GCM');
    const box = aead(keyring);
    const bad: Array<[() => unknown, string]> = [
      [() => aead({} as never), 'ERR_INVALID_ARGUMENT'],
      [() => aead(Keyring.generate('HS256')), 'ERR_WRONG_KEY_TYPE'],
      [() => aead(Keyring.generate('Ed25519')), 'ERR_WRONG_KEY_TYPE'],
      [() => aead(keyring, { keyCommitment: 'yes' as never }), 'ERR_INVALID_ARGUMENT'],
      [() => aead(keyring, null as never), 'ERR_INVALID_ARGUMENT'],
      [() => box.encrypt(42 as never), 'ERR_INVALID_ARGUMENT'],
      [() => box.encrypt('x', 42 as never), 'ERR_INVALID_ARGUMENT'],
      [() => box.decrypt('x' as never), 'ERR_INVALID_ARGUMENT'],
      [() => box.decrypt(box.encrypt('x'), [] as never), 'ERR_INVALID_ARGUMENT'],
      [() => box.needsReencrypt(new Uint8Array(3)), 'ERR_INVALID_FORMAT'],
      [() => box.needsReencrypt(null as never), 'ERR_INVALID_ARGUMENT'],
    ];
    for (const [f, code] of bad) {
      expect(f).toThrow(CachetError);
      try {
        f();
      } catch (err) {
        expect((err as CachetError).code).toBe(code);
      }
    }
    expect(() => box.needsReencrypt(new Uint8Array(3))).toThrow(InvalidInputError);
  });

  it('the error message is the same for every failure and names nothing secret', () => {
    const keyring = Keyring.generate('A256GCM');
    const box = aead(keyring);
    const sealed = box.encrypt('secret plaintext', 'aad');
    const messages = new Set<string>();
    const tampered = sealed.slice();
    tampered[sealed.length - 1]! ^= 1;
    for (const f of [
      () => box.decrypt(tampered, 'aad'),
      () => box.decrypt(sealed, 'other'),
      () => box.decrypt(sealed.subarray(0, 10), 'aad'),
      () => aead(Keyring.generate('A256GCM')).decrypt(sealed, 'aad'),
    ]) {
      messages.add(authError(f).message);
    }
    expect(messages.size).toBe(1);
    expect([...messages][0]).not.toMatch(/secret|aad|[0-9a-f]{8}/);
  });
});

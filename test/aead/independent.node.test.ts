// cachet/aead against independent implementations of docs/formats.md: Python with
// pyca/cryptography (test/aead/independent.py, all four suites, both directions) and
// node:crypto by hand (A256GCM). Fresh random keys and messages on every run.
import * as crypto from 'node:crypto';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { aead } from '../../src/aead/index.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, toHex } from '../helpers/vectors.js';
import { python } from './independent.js';

const vectorsDir = resolve(import.meta.dirname, '../vectors');
const algs = ['A256GCM', 'A256GCM-SIV', 'XC20P', 'AES-SIV'] as const;
type Alg = (typeof algs)[number];

function randomKey(alg: Alg) {
  const raw = crypto.randomBytes(alg === 'AES-SIV' ? 64 : 32);
  return { raw: toHex(raw), keyring: Keyring.fromKeys([importKey(raw, { alg, format: 'raw' })]) };
}

it('Python (pyca/cryptography) reproduces every fixed aead and fields vector', () => {
  const result = python<{ checked: number; failures: string[] }>('vectors', undefined, [
    resolve(vectorsDir, 'aead/aead.json'),
    resolve(vectorsDir, 'fields/fields.json'),
  ]);
  expect(result.failures).toEqual([]);
  expect(result.checked).toBeGreaterThan(60);
});

describeEachBackend('aead interop', () => {
  it('Python decrypts what cachet encrypts, and cachet decrypts what Python encrypts', () => {
    const samples = fc.sample(
      fc.record({
        alg: fc.constantFrom(...algs),
        keyCommitment: fc.boolean(),
        plaintext: fc.uint8Array({ maxLength: 300 }),
        aad: fc.uint8Array({ maxLength: 40 }),
      }),
      80,
    );
    const requests = samples.map((s) => {
      const key = randomKey(s.alg);
      const box = aead(key.keyring, {
        keyCommitment: s.keyCommitment,
        deterministic: s.alg === 'AES-SIV',
      });
      return {
        kind: 'aead',
        alg: s.alg,
        key: key.raw,
        keyCommitment: s.keyCommitment,
        aad: toHex(s.aad),
        plaintext: toHex(s.plaintext),
        ciphertext: toHex(box.encrypt(s.plaintext, s.aad)),
        box,
      };
    });
    const plain = python<string[]>(
      'decrypt',
      requests.map(({ box: _, ...r }) => r),
    );
    expect(plain).toEqual(requests.map((r) => r.plaintext));
    const fromPython = python<string[]>(
      'encrypt',
      requests.map(({ box: _, ...r }) => r),
    );
    fromPython.forEach((ct, i) => {
      const r = requests[i]!;
      expect(toHex(r.box.decrypt(hex(ct), hex(r.aad)))).toBe(r.plaintext);
    });
  });

  it('node:crypto by hand: HKDF-derived key and commitment, AES-256-GCM with the header as AAD', () => {
    const raw = crypto.randomBytes(32);
    const key = importKey(raw, { alg: 'A256GCM', format: 'raw' });
    const box = aead(Keyring.fromKeys([key]));
    const aad = Buffer.from('invoice 7');
    const sealed = box.encrypt(new TextEncoder().encode('total: 12.00 EUR'), aad);
    const info = (label: string) => Buffer.concat([Buffer.from(label), Buffer.from([0x01])]);
    const kEnc = Buffer.from(
      crypto.hkdfSync('sha256', raw, Buffer.alloc(0), info('cachet aead v1 key'), 32),
    );
    const commit = Buffer.from(
      crypto.hkdfSync('sha256', raw, Buffer.alloc(0), info('cachet aead v1 commitment'), 32),
    );
    const b = Buffer.from(sealed);
    expect(b.subarray(0, 2)).toEqual(Buffer.from([0x01, 0x81]));
    expect(b.subarray(2, 6).toString('hex')).toBe(key.id);
    expect(b.subarray(18, 50)).toEqual(commit);
    const d = crypto.createDecipheriv('aes-256-gcm', kEnc, b.subarray(6, 18));
    d.setAAD(Buffer.concat([b.subarray(0, 6), aad]));
    d.setAuthTag(b.subarray(b.length - 16));
    const plaintext = Buffer.concat([d.update(b.subarray(50, b.length - 16)), d.final()]);
    expect(plaintext.toString()).toBe('total: 12.00 EUR');

    // And the other way: node:crypto writes, cachet reads.
    const nonce = crypto.randomBytes(12);
    const prefix = Buffer.concat([Buffer.from([0x01, 0x81]), Buffer.from(key.id, 'hex')]);
    const c = crypto.createCipheriv('aes-256-gcm', kEnc, nonce);
    c.setAAD(Buffer.concat([prefix, aad]));
    const body = Buffer.concat([c.update('from node'), c.final(), c.getAuthTag()]);
    const theirs = Buffer.concat([prefix, nonce, commit, body]);
    expect(new TextDecoder().decode(box.decrypt(theirs, aad))).toBe('from node');
  });
});

// The fixed format vectors (test/vectors/aead/aead.json, made once by
// scripts/gen-aead-fields-vectors.ts): every release must still decrypt them, on both
// backends and in the browser. test/aead/independent.node.test.ts checks the same file with
// an independent Python implementation of docs/formats.md.
import { expect, it } from 'vitest';
import { aead } from '../../src/aead/index.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, toHex } from '../helpers/vectors.js';
import file from '../vectors/aead/aead.json' with { type: 'json' };

type Alg = 'A256GCM' | 'A256GCM-SIV' | 'XC20P' | 'AES-SIV';

describeEachBackend('aead format v1 vectors', () => {
  it('covers every suite, with and without commitment', () => {
    const seen = new Set(file.vectors.map((v) => `${v.alg}/${v.keyCommitment}`));
    expect(seen.size).toBe(8);
  });

  for (const v of file.vectors) {
    it(v.name, () => {
      const key = importKey(hex(v.key), { alg: v.alg as Alg, format: 'raw' });
      expect(key.id).toBe(v.keyId);
      const keyring = Keyring.fromKeys([key]);
      const deterministic = v.alg === 'AES-SIV';
      const box = aead(keyring, { keyCommitment: v.keyCommitment, deterministic });
      const ciphertext = hex(v.ciphertext);
      expect(toHex(box.decrypt(ciphertext, hex(v.aad)))).toBe(v.plaintext);
      // Readers that do not require commitment read committed ciphertexts too.
      const lenient = aead(keyring, { keyCommitment: false, deterministic });
      expect(toHex(lenient.decrypt(ciphertext, hex(v.aad)))).toBe(v.plaintext);
      if (deterministic) {
        // AES-SIV: these are known answers, reproduced byte for byte.
        expect(toHex(box.encrypt(hex(v.plaintext), hex(v.aad)))).toBe(v.ciphertext);
      }
      expect(() => box.decrypt(ciphertext, new Uint8Array([1, ...hex(v.aad)]))).toThrow(
        expect.objectContaining({ code: 'ERR_AUTH_FAILED' }),
      );
    });
  }
});

// The fixed format vectors (test/vectors/envelope/envelopes.json, made once by
// scripts/gen-envelope-vectors.ts): every release must still open them, on both backends
// and in the browser. test/envelope/independent.node.test.ts opens the same files with
// node:crypto and @hpke/core following docs/formats.md.
import { expect, it } from 'vitest';
import { open } from '../../src/envelope/index.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, toHex } from '../helpers/vectors.js';
import file from '../vectors/envelope/envelopes.json' with { type: 'json' };

type Alg = 'A256KW' | 'A256GCM' | 'X25519' | 'ES256';

function keyringOf(k: { alg: string; raw: string }): Keyring {
  const alg = k.alg as Alg;
  const type = alg === 'X25519' || alg === 'ES256' ? { type: 'private' as const } : {};
  return Keyring.fromKeys([importKey(hex(k.raw), { alg, format: 'raw', ...type })]);
}

describeEachBackend('envelope format v1 vectors', () => {
  for (const v of file.vectors) {
    it(v.name, async () => {
      const envelope = hex(v.envelope);
      for (const k of v.keys) {
        const keyring = keyringOf(k);
        expect(keyring.primary.id).toBe(k.id);
        const plaintext = await open(envelope, { recipient: keyring, context: v.context });
        expect(toHex(plaintext)).toBe(v.plaintext);
      }
      await expect(
        open(envelope, { recipient: keyringOf(v.keys[0]!), context: { other: 'context' } }),
      ).rejects.toMatchObject({ code: 'ERR_AUTH_FAILED' });
    });
  }
});

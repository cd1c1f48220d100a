// Envelope recipients from Wycheproof key pairs (../shared/vectors/wycheproof), on every
// backend and in Chromium: X25519 and ECDH P-256 key pairs Wycheproof marks valid receive
// envelopes that open again, and the public keys it marks low-order or invalid are refused
// when imported as recipients. The AES-KW/KWP stanza cases need the independent
// node:crypto envelope writer and stay in wycheproof.node.test.ts.
import { expect, it } from 'vitest';
import { open, seal } from '../../src/envelope/index.js';
import { CachetError } from '../../src/errors.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, loadVectors } from '../helpers/vectors.js';

interface Test {
  tcId: number;
  result: string;
  flags: string[];
  [k: string]: unknown;
}
interface File {
  testGroups: Array<{ tests: Test[] }>;
}
const te = new TextEncoder();
const files = {
  x25519: await loadVectors<File>('wycheproof/x25519_test.json'),
  p256: await loadVectors<File>('wycheproof/ecdh_secp256r1_ecpoint_test.json'),
};

describeEachBackend('envelope recipients with Wycheproof keys', () => {
  it.skipIf(!files.x25519)(
    'X25519: valid key pairs receive envelopes; low-order public keys are refused',
    async () => {
      let opened = 0;
      let refused = 0;
      for (const group of files.x25519!.testGroups) {
        for (const t of group.tests) {
          const pub = hex(t['public'] as string);
          if (t.flags.includes('LowOrderPublic') || t.flags.includes('ZeroSharedSecret')) {
            const made = (() => {
              try {
                return importKey(pub, { alg: 'X25519', format: 'raw' });
              } catch (e) {
                return e;
              }
            })();
            expect(made, `tcId ${t.tcId}`).toBeInstanceOf(CachetError);
            refused++;
          } else if (t.result === 'valid' && opened < 25) {
            const keyring = Keyring.fromKeys([
              importKey(hex(t['private'] as string), {
                alg: 'X25519',
                format: 'raw',
                type: 'private',
              }),
            ]);
            const env = await seal('x', { recipients: keyring.publicKeyring() });
            expect(await open(env, { recipient: keyring })).toEqual(te.encode('x'));
            opened++;
          }
        }
      }
      expect(opened).toBe(25);
      expect(refused).toBeGreaterThan(5);
    },
  );

  it.skipIf(!files.p256)(
    'P-256: valid points receive envelopes; invalid points are refused as recipients',
    async () => {
      let opened = 0;
      let refused = 0;
      for (const group of files.p256!.testGroups) {
        for (const t of group.tests) {
          const pub = hex(t['public'] as string);
          const made = (() => {
            try {
              return importKey(pub, { alg: 'ES256', format: 'raw' });
            } catch (e) {
              return e;
            }
          })();
          if (t.result === 'invalid' && made instanceof CachetError) refused++;
          if (t.result === 'valid' && !(made instanceof CachetError) && opened < 25) {
            const priv = hex(t['private'] as string);
            const scalar = priv.length > 32 ? priv.subarray(priv.length - 32) : priv;
            if (scalar.length !== 32) continue;
            const keyring = Keyring.fromKeys([
              importKey(scalar, { alg: 'ES256', format: 'raw', type: 'private' }),
            ]);
            const env = await seal('p', { recipients: keyring.publicKeyring() });
            expect(await open(env, { recipient: keyring })).toEqual(te.encode('p'));
            opened++;
          }
        }
      }
      expect(opened).toBe(25);
      expect(refused).toBeGreaterThan(10);
    },
  );
});

// Envelope-level checks driven by Wycheproof (../shared/vectors/wycheproof): AES-KW/KWP
// cases with 256-bit KEKs and 32-byte keys become envelope stanzas (valid ones must open,
// invalid ones must fail with ERR_AUTH_FAILED); X25519 and ECDH P-256 key pairs receive
// envelopes, and the public keys Wycheproof marks as invalid or low-order are refused as
// recipients. The backend's own Wycheproof run is test/backend/wycheproof.test.ts.
import { expect, it } from 'vitest';
import { open, seal } from '../../src/envelope/index.js';
import { AuthenticationError, CachetError } from '../../src/errors.js';
import { importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, loadVectors } from '../helpers/vectors.js';
import { sealWith, te } from './independent.js';

interface Test {
  tcId: number;
  result: string;
  flags: string[];
  [k: string]: unknown;
}
interface File {
  testGroups: Array<{ keySize?: number; tests: Test[] }>;
}
const files = {
  kw: await loadVectors<File>('wycheproof/aes_wrap_test.json'),
  kwp: await loadVectors<File>('wycheproof/aes_kwp_test.json'),
  x25519: await loadVectors<File>('wycheproof/x25519_test.json'),
  p256: await loadVectors<File>('wycheproof/ecdh_secp256r1_ecpoint_test.json'),
};

describeEachBackend('envelopes with Wycheproof keys', () => {
  for (const [name, type] of [
    ['kw', 0x01],
    ['kwp', 0x02],
  ] as const) {
    it.skipIf(!files[name])(
      `AES-${name.toUpperCase()} stanzas from Wycheproof (256-bit KEK, 32-byte key)`,
      async () => {
        let checked = 0;
        for (const group of files[name]!.testGroups) {
          if (group.keySize !== 256) continue;
          for (const t of group.tests) {
            const dek = hex(t['msg'] as string);
            if (dek.length !== 32) continue;
            const kek = Keyring.fromKeys([
              importKey(hex(t['key'] as string), { alg: 'A256KW', format: 'raw' }),
            ]);
            const env = sealWith(
              dek,
              [{ type, keyId: kek.primary.id, body: hex(t['ct'] as string) }],
              te.encode('w'),
              {},
            );
            const result = await open(env, { recipient: kek }).catch((e: unknown) => e);
            if (t.result === 'valid') expect(result, `tcId ${t.tcId}`).toEqual(te.encode('w'));
            else expect(result, `tcId ${t.tcId}`).toBeInstanceOf(AuthenticationError);
            checked++;
          }
        }
        expect(checked).toBeGreaterThanOrEqual(name === 'kw' ? 5 : 3);
      },
    );
  }

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

// Envelope-level checks driven by Wycheproof (../shared/vectors/wycheproof): AES-KW/KWP
// cases with 256-bit KEKs and 32-byte keys become envelope stanzas, built by the
// independent node:crypto writer of ./independent.ts (valid ones must open, invalid ones
// must fail with ERR_AUTH_FAILED). The recipient checks (X25519, P-256) need no Node and
// live in wycheproof-recipients.test.ts, so they also run in Chromium. The backend's own
// Wycheproof run is test/backend/wycheproof.test.ts.
import { expect, it } from 'vitest';
import { open } from '../../src/envelope/index.js';
import { AuthenticationError } from '../../src/errors.js';
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
});

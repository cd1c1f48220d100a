// The PKCS#11 provider against a real token interface: SoftHSM2. CI (.ci/run) initialises a
// token and exports SOFTHSM2_CONF, PKCS11_MODULE, PKCS11_TOKEN_LABEL and PKCS11_PIN; locally
// the tests skip with this reason when PKCS11_MODULE is unset:
//   apt-get install -y softhsm2, init a token (softhsm2-util --init-token --free
//   --label cachet-ci --pin 1234 --so-pin 5678) with your own SOFTHSM2_CONF, export the four.
import { afterAll, describe, expect, it } from 'vitest';
import {
  decryptStream,
  encryptStream,
  open,
  type Pkcs11Provider,
  pkcs11Provider,
  rewrap,
  seal,
} from '../../src/envelope/index.js';
import { AuthenticationError, KeyError } from '../../src/errors.js';
import { Keyring } from '../../src/keys/index.js';

const env = process.env;
const configured = !!(env['PKCS11_MODULE'] && env['PKCS11_TOKEN_LABEL'] && env['PKCS11_PIN']);
const base = () => ({
  module: env['PKCS11_MODULE']!,
  tokenLabel: env['PKCS11_TOKEN_LABEL']!,
  pin: env['PKCS11_PIN']!,
});

// Skipped without a token configured (see the header comment); CI always has one.
describe.skipIf(!configured)('PKCS#11 provider (SoftHSM2)', () => {
  const label = `cachet-envelope-test-${process.pid}-${Date.now()}`;
  const providers: Pkcs11Provider[] = [];
  afterAll(async () => {
    for (const p of providers) await p.close();
  });
  const make = async (extra: object = {}) => {
    const p = await pkcs11Provider({ ...base(), keyLabel: label, ...extra });
    providers.push(p);
    return p;
  };

  it('refuses a missing key unless asked to generate it', async () => {
    await expect(pkcs11Provider({ ...base(), keyLabel: `${label}-absent` })).rejects.toBeInstanceOf(
      KeyError,
    );
    await expect(
      pkcs11Provider({ ...base(), tokenLabel: 'no-such-token', keyLabel: label }),
    ).rejects.toMatchObject({
      code: 'ERR_PROVIDER',
    });
  });

  it('seals and opens with a key generated inside the token, bound to the context', async () => {
    const hsm = await make({ generate: true });
    expect(hsm.keyId).toBe(`pkcs11:${base().tokenLabel}/${label}`);
    const context = { table: 'documents', row: '17' };
    const envelope = await seal('kept in the HSM', { recipients: hsm, context });
    // A second session finds the same token key by its label.
    const again = await make();
    expect(new TextDecoder().decode(await open(envelope, { recipient: again, context }))).toBe(
      'kept in the HSM',
    );
    await expect(
      open(envelope, { recipient: again, context: { table: 'documents', row: '18' } }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    const tampered = envelope.slice();
    tampered[44 + 2 + hsm.keyId.length + 2 + 20]! ^= 1; // inside the wrapped key
    await expect(open(tampered, { recipient: again, context })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it('works with streams and moves an envelope from the HSM to a keyring', async () => {
    const hsm = await make({ generate: true });
    const data = new Uint8Array(5000).map((_, i) => i % 251);
    const encrypted = new Uint8Array(
      await new Response(
        new Blob([data]).stream().pipeThrough(encryptStream({ recipients: hsm, chunkSize: 1024 })),
      ).arrayBuffer(),
    );
    const decrypted = new Uint8Array(
      await new Response(
        new Blob([encrypted]).stream().pipeThrough(decryptStream({ recipient: hsm })),
      ).arrayBuffer(),
    );
    expect(decrypted).toEqual(data);
    const kek = Keyring.generate('A256KW');
    const moved = await rewrap(encrypted, { from: hsm, to: kek, removeFrom: true });
    expect(await open(moved, { recipient: kek })).toEqual(data);
    await hsm.close();
    await expect(seal('x', { recipients: hsm })).rejects.toMatchObject({ code: 'ERR_PROVIDER' });
  });
});

// Independent checks of the envelope format (docs/formats.md#envelope) with node:crypto
// and @hpke/core (+ @hpke/dhkem-x25519): the fixed vectors and fresh cachet envelopes are
// opened without cachet, and envelopes built without cachet (HPKE stanzas sealed by
// @hpke/core, AES-KW/KWP/GCM stanzas by node:crypto) are opened by cachet.
import * as crypto from 'node:crypto';
import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { expect, it } from 'vitest';
import { open, seal } from '../../src/envelope/index.js';
import { exportKey, importKey, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex } from '../helpers/vectors.js';
import file from '../vectors/envelope/envelopes.json' with { type: 'json' };
import {
  encodeContext,
  gcmOpen,
  gcmSeal,
  kwUnwrap,
  openPayload,
  parse,
  sealWith,
  stanzaAad,
  te,
} from './independent.js';

const INFO = te.encode('cachet envelope v1 hpke');
const suites = {
  X25519: new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  }),
  ES256: new CipherSuite({
    kem: new DhkemP256HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  }),
};
const ENC = { X25519: 32, ES256: 65 };
const TYPES = { A256KW: 0x01, A256KWP: 0x02, A256GCMKW: 0x03, X25519: 0x10, ES256: 0x11 } as const;

/** Unwraps a stanza's data key without cachet. */
async function unwrapIndependently(
  alg: string,
  raw: Uint8Array,
  stanza: { type: number; keyId: string; body: Uint8Array },
  context: Record<string, string>,
): Promise<Uint8Array> {
  const aad = stanzaAad(stanza.type, stanza.keyId, encodeContext(context));
  if (stanza.type === TYPES.A256KW) return kwUnwrap(raw, stanza.body);
  if (stanza.type === TYPES.A256KWP) return kwUnwrap(raw, stanza.body, true);
  if (stanza.type === TYPES.A256GCMKW)
    return gcmOpen(raw, stanza.body.subarray(0, 12), stanza.body.subarray(12), aad);
  const suite = suites[alg as 'X25519' | 'ES256'];
  const n = ENC[alg as 'X25519' | 'ES256'];
  const recipientKey = await suite.kem.importKey('raw', raw.slice().buffer, false);
  const dek = await suite.open(
    { recipientKey, enc: stanza.body.slice(0, n).buffer, info: INFO },
    stanza.body.slice(n),
    aad,
  );
  return new Uint8Array(dek);
}

it('every fixed vector opens independently (node:crypto, @hpke/core)', async () => {
  for (const v of file.vectors) {
    const raw = parse(hex(v.envelope));
    for (const k of v.keys) {
      const stanza = raw.stanzas.find((s) => s.keyId === k.id)!;
      const dek = await unwrapIndependently(k.alg, hex(k.raw), stanza, v.context);
      expect(openPayload(raw, dek, v.context).toString('hex'), v.name).toBe(v.plaintext);
    }
  }
});

function rawPrivate(keyring: Keyring): Uint8Array {
  const jwk = exportKey(keyring.primary, 'jwk', { includeSecret: true }) as { d: string };
  return new Uint8Array(Buffer.from(jwk.d, 'base64url'));
}

describeEachBackend('independent interop', () => {
  for (const alg of ['X25519', 'ES256'] as const) {
    it(`HPKE ${alg}: a cachet envelope opens with @hpke/core`, async () => {
      const keyring = Keyring.generate(alg);
      const context = { user: '42', file: 'a.txt' };
      const plaintext = crypto.randomBytes(1000);
      const env = await seal(plaintext, { recipients: keyring.publicKeyring(), context });
      const raw = parse(env);
      const dek = await unwrapIndependently(alg, rawPrivate(keyring), raw.stanzas[0]!, context);
      expect(openPayload(raw, dek, context).equals(plaintext)).toBe(true);
      // A different context changes the stanza's AAD: @hpke/core refuses it too.
      await expect(
        unwrapIndependently(alg, rawPrivate(keyring), raw.stanzas[0]!, {}),
      ).rejects.toThrow();
    });

    it(`HPKE ${alg}: an envelope sealed with @hpke/core opens with cachet`, async () => {
      const keyring = Keyring.generate(alg);
      const suite = suites[alg];
      const pub = exportKey(keyring.primary.publicKey!, 'jwk') as { x: string; y?: string };
      const pk =
        alg === 'X25519'
          ? Buffer.from(pub.x, 'base64url')
          : Buffer.concat([
              Buffer.from([4]),
              Buffer.from(pub.x, 'base64url'),
              Buffer.from(pub.y!, 'base64url'),
            ]);
      const recipientPublicKey = await suite.kem.deserializePublicKey(new Uint8Array(pk).buffer);
      const context = { purpose: 'interop' };
      const dek = crypto.randomBytes(32);
      const type = TYPES[alg];
      const sealed = await suite.seal(
        { recipientPublicKey, info: INFO },
        dek,
        stanzaAad(type, keyring.primary.id, encodeContext(context)),
      );
      const body = new Uint8Array(Buffer.concat([Buffer.from(sealed.enc), Buffer.from(sealed.ct)]));
      const env = sealWith(
        dek,
        [{ type, keyId: keyring.primary.id, body }],
        te.encode('from hpke-js'),
        context,
      );
      expect(new TextDecoder().decode(await open(env, { recipient: keyring, context }))).toBe(
        'from hpke-js',
      );
    });
  }

  it('AES-KW, AES-KWP and AES-GCM stanzas built with node:crypto open with cachet', async () => {
    const context = { a: '1' };
    const dek = crypto.randomBytes(32);
    const kek = crypto.randomBytes(32);
    const kw = Keyring.fromKeys([importKey(kek, { alg: 'A256KW', format: 'raw' })]);
    const gcmKey = crypto.randomBytes(32);
    const gcm = Keyring.fromKeys([importKey(gcmKey, { alg: 'A256GCM', format: 'raw' })]);
    const wrap = (name: string, iv: string) => {
      const c = crypto.createCipheriv(name, kek, Buffer.from(iv, 'hex'));
      return new Uint8Array(Buffer.concat([c.update(dek), c.final()]));
    };
    const nonce = crypto.randomBytes(12);
    const aad = stanzaAad(TYPES.A256GCMKW, gcm.primary.id, encodeContext(context));
    for (const stanza of [
      {
        type: TYPES.A256KW,
        keyId: kw.primary.id,
        body: wrap('id-aes256-wrap', 'a6a6a6a6a6a6a6a6'),
      },
      { type: TYPES.A256KWP, keyId: kw.primary.id, body: wrap('id-aes256-wrap-pad', 'a65959a6') },
      {
        type: TYPES.A256GCMKW,
        keyId: gcm.primary.id,
        body: new Uint8Array(Buffer.concat([nonce, gcmSeal(gcmKey, nonce, dek, aad)])),
      },
    ]) {
      const env = sealWith(dek, [stanza], te.encode('hi'), context);
      const recipient = stanza.type === TYPES.A256GCMKW ? gcm : kw;
      expect(new TextDecoder().decode(await open(env, { recipient, context }))).toBe('hi');
    }
  });
});

// Secret and private material never shows: String(), template literals, JSON.stringify,
// property walks, spreads and structured clones of keys and keyrings, the safe keyring
// JSON, and the messages of errors raised while handling secret input. (util.inspect and
// console formatting are checked in redaction.node.test.ts.)
import { expect, it } from 'vitest';
import { base64urlEncode, CachetError, randomBytes } from '../../src/index.js';
import {
  exportKey,
  generateKey,
  importKey,
  type Jwk,
  type Key,
  Keyring,
} from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { ALL_GENERABLE } from './algs.js';
import { expectNoSecret } from './secrets.js';

function secretOf(key: Key): Uint8Array {
  return exportKey(key, 'raw', { includeSecret: true });
}

/** Every way a key can be turned into text without cachet's help. */
function renderings(value: object): Record<string, string> {
  const props: Record<string, unknown> = {};
  for (const name of Reflect.ownKeys(value)) props[String(name)] = (value as never)[name];
  let proto = Object.getPrototypeOf(value);
  const getters: Record<string, unknown> = {};
  while (proto && proto !== Object.prototype) {
    for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (desc.get && name !== '__proto__') getters[name] = (value as never)[name];
    }
    proto = Object.getPrototypeOf(proto);
  }
  return {
    String: String(value),
    template: `${value}`,
    toString: value.toString(),
    'JSON.stringify': JSON.stringify(value),
    'JSON.stringify nested': JSON.stringify({ nested: [value] }, null, 2),
    'own properties': JSON.stringify(props, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
    getters: JSON.stringify(getters),
    spread: JSON.stringify({ ...value }),
    structuredClone: JSON.stringify(structuredClone({ ...value })),
    'Object.entries': JSON.stringify(Object.entries(value)),
  };
}

describeEachBackend('nothing prints secret material', () => {
  for (const alg of ALL_GENERABLE) {
    it(`${alg} key: every rendering is redacted`, () => {
      const key = generateKey(alg);
      const secret = secretOf(key);
      for (const [how, text] of Object.entries(renderings(key))) {
        expectNoSecret(text, [secret], `${alg} ${how}`);
      }
      expect(String(key)).toBe(`Key(${alg}, ${key.id}, ${key.type}, [redacted])`);
      const json = JSON.parse(JSON.stringify(key));
      expect(json).toEqual({
        id: key.id,
        alg,
        type: key.type,
        created: key.created.toISOString(),
        material: '[redacted]',
      });
      if (key.publicKey) {
        expect(String(key.publicKey)).toBe(`Key(${alg}, ${key.id}, public)`);
        expect(JSON.parse(JSON.stringify(key.publicKey)).material).toBeUndefined();
        for (const [how, text] of Object.entries(renderings(key.publicKey))) {
          expectNoSecret(text, [secret], `${alg} public half ${how}`);
        }
      }
    });
  }

  it('a keyring of every algorithm: String, JSON.stringify, toJSON, entries', () => {
    const keyring = Keyring.generate('A256GCM');
    for (const alg of ALL_GENERABLE) keyring.rotate({ alg });
    keyring.disable(keyring.entries()[1]!.key.id);
    const secrets = keyring.entries().map((e) => secretOf(e.key));
    const texts = {
      ...renderings(keyring),
      toJSON: JSON.stringify(keyring.toJSON()),
      entries: JSON.stringify(keyring.entries()),
      publicKeyring: JSON.stringify(Keyring.generate('Ed25519').publicKeyring()),
    };
    for (const [how, text] of Object.entries(texts))
      expectNoSecret(text, secrets, `keyring ${how}`);
    expect(String(keyring)).toBe(
      `Keyring(${keyring.size} keys, primary ${keyring.primary.id} ${keyring.primary.alg})`,
    );
    // ...while the secret form, asked for by name, does hold them.
    const secretJson = JSON.stringify(keyring.toSecretJSON());
    for (const secret of secrets) expect(secretJson).toContain(base64urlEncode(secret));
  });

  it('error messages about secret input do not quote it', () => {
    const secret = randomBytes(32);
    const k = base64urlEncode(secret);
    const ed = exportKey(importKey(secret, { alg: 'Ed25519', type: 'private' }), 'jwk', {
      includeSecret: true,
    }) as Jwk;
    const other = exportKey(generateKey('Ed25519').publicKey!, 'jwk') as Jwk;
    const failing: Array<() => unknown> = [
      () => importKey({ kty: 'oct', k, alg: 'HS512' }), // too short for HS512
      () => importKey({ kty: 'oct', k: `${k}!` }, { alg: 'HS256' }),
      () => importKey(`{"kty":"oct","k":"${k}"`, { alg: 'HS256' }), // truncated JSON
      () => importKey(`{"kty":"oct","k":${k}}`, { alg: 'HS256' }), // unquoted
      () => importKey({ ...ed, x: other.x } as Jwk), // public half mismatch
      () => importKey({ ...ed, crv: 'Ed448' }),
      () => importKey(secret.subarray(0, 31), { alg: 'A256GCM' }),
      () => importKey(secret, { alg: 'ES384', type: 'private' }),
      () => Keyring.fromJSON(`{"format":"cachet.keyring","keys":[{"secret":"${k}"`),
      () =>
        Keyring.fromJSON({
          format: 'cachet.keyring',
          version: 1,
          secrets: true,
          keys: [{ id: '01234567', alg: 'A256KW', status: 'primary', created: 'x', secret: k }],
        } as never),
      () => exportKey(importKey(secret, { alg: 'A256GCM' }), 'jwk'),
    ];
    for (const [i, fn] of failing.entries()) {
      let caught: unknown;
      try {
        fn();
      } catch (err) {
        caught = err;
      }
      expect(caught, `case ${i}`).toBeInstanceOf(CachetError);
      const err = caught as CachetError;
      const text = [
        err.message,
        String(err),
        JSON.stringify(err),
        err.stack ?? '',
        err.cause instanceof Error ? `${err.cause.message}${err.cause.stack}` : String(err.cause),
      ].join('\n');
      expectNoSecret(text, [secret], `error ${i} (${err.code})`);
    }
  });
});

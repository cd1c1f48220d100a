// The Keyring life cycle (generate, rotate, add, promote, disable, enable, remove,
// publicKeyring), its JSON forms (the safe one holds no secret in any encoding; fromJSON
// reads both and validates every field) and sealing under a master key (wrong key and
// tampering are typed errors; the format version is bound as associated data, which is
// checked independently with WebCrypto).
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  base64urlDecode,
  base64urlEncode,
  CachetError,
  InvalidInputError,
  KeyError,
} from '../../src/index.js';
import {
  exportKey,
  generateKey,
  importKey,
  type Key,
  Keyring,
  type KeyringJSON,
} from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { ALL_GENERABLE, buf } from './algs.js';
import { expectNoSecret } from './secrets.js';

const code = (c: string) => expect.objectContaining({ code: c });
const ids = (k: Keyring) => k.entries().map((e) => [e.key.id, e.status]);

function secretOf(key: Key): Uint8Array {
  return exportKey(key, 'raw', { includeSecret: true });
}

describeEachBackend('Keyring life cycle', () => {
  it('rotate: a new primary of the same algorithm; old keys stay active', () => {
    const keyring = Keyring.generate('A256GCM');
    const first = keyring.primary;
    expect(keyring.rotate()).toBe(keyring);
    const second = keyring.primary;
    expect(second.id).not.toBe(first.id);
    expect(second.alg).toBe('A256GCM');
    expect(keyring.status(first.id)).toBe('active');
    expect(keyring.status(second.id)).toBe('primary');
    keyring.rotate({ alg: 'XC20P' });
    expect(keyring.primary.alg).toBe('XC20P');
    expect(keyring.size).toBe(3);
    expect(keyring.entries().filter((e) => e.status === 'primary')).toHaveLength(1);
    expect(keyring.entries().map((e) => e.key.id)[0]).toBe(first.id); // insertion order
  });

  it('get, has and status find keys by id, and only by a string id', () => {
    const keyring = Keyring.generate('Ed25519');
    const id = keyring.primary.id;
    expect(keyring.has(id)).toBe(true);
    expect(keyring.has('00000000')).toBe(false);
    expect(keyring.get(id)).toBe(keyring.primary);
    expect(() => keyring.get('00000000')).toThrow(code('ERR_KEY_NOT_FOUND'));
    expect(() => keyring.status('00000000')).toThrow(KeyError);
    for (const bad of [undefined, null, 5, {}, ['x']]) {
      for (const call of [
        () => keyring.get(bad as string),
        () => keyring.has(bad as string),
        () => keyring.status(bad as string),
        () => keyring.disable(bad as string),
        () => keyring.enable(bad as string),
        () => keyring.remove(bad as string),
        () => keyring.promote(bad as string),
      ]) {
        expect(call).toThrow(InvalidInputError);
        expect(call).toThrow(/"id"/);
      }
    }
  });

  it('disable and enable; the primary can be neither disabled nor removed', () => {
    const keyring = Keyring.generate('HS256');
    const old = keyring.primary.id;
    keyring.rotate();
    expect(keyring.disable(old)).toBe(keyring);
    expect(keyring.status(old)).toBe('disabled');
    expect(keyring.get(old).id).toBe(old); // still there
    expect(() => keyring.promote(old)).toThrow(code('ERR_KEYRING_STATE'));
    keyring.enable(old);
    expect(keyring.status(old)).toBe('active');
    expect(() => keyring.disable(keyring.primary.id)).toThrow(code('ERR_KEYRING_STATE'));
    expect(keyring.enable(keyring.primary.id).status(keyring.primary.id)).toBe('primary');
    expect(() => keyring.remove(keyring.primary.id)).toThrow(code('ERR_KEYRING_STATE'));
    expect(() => keyring.disable('00000000')).toThrow(code('ERR_KEY_NOT_FOUND'));
  });

  it('remove deletes a key for good', () => {
    const keyring = Keyring.generate('A256KW');
    const old = keyring.primary.id;
    keyring.rotate().rotate();
    keyring.disable(old);
    expect(keyring.remove(old)).toBe(keyring);
    expect(keyring.has(old)).toBe(false);
    expect(keyring.size).toBe(2);
    expect(() => keyring.remove(old)).toThrow(code('ERR_KEY_NOT_FOUND'));
  });

  it('promote makes another key primary and demotes the old one to active', () => {
    const keyring = Keyring.generate('ES256');
    const a = keyring.primary.id;
    const staged = generateKey('ES256');
    keyring.add(staged); // staged rotation: deploy first, promote later
    expect(keyring.status(staged.id)).toBe('active');
    expect(keyring.primary.id).toBe(a);
    keyring.promote(staged.id);
    expect(ids(keyring)).toEqual([
      [a, 'active'],
      [staged.id, 'primary'],
    ]);
    keyring.promote(staged.id); // idempotent
    expect(keyring.primary.id).toBe(staged.id);
  });

  it('add: statuses, duplicates and non-keys', () => {
    const keyring = Keyring.generate('A256GCM');
    const k1 = generateKey('A256GCM');
    const k2 = generateKey('A256GCM');
    keyring.add(k1, { status: 'disabled' }).add(k2, { status: 'primary' });
    expect(keyring.status(k1.id)).toBe('disabled');
    expect(keyring.primary).toBe(k2);
    expect(() => keyring.add(k1)).toThrow(code('ERR_KEYRING_STATE'));
    expect(() => keyring.add({ id: 'abcdef01', alg: 'A256GCM', type: 'secret' } as Key)).toThrow(
      /"key"/,
    );
    expect(() => keyring.add(generateKey('A256GCM'), { status: 'main' as 'active' })).toThrow(
      /"options.status"/,
    );
  });

  it('fromKeys: the first key is primary; ids must be distinct', () => {
    const keys = [generateKey('HS512'), generateKey('HS512'), generateKey('Ed25519')];
    const keyring = Keyring.fromKeys(keys);
    expect(ids(keyring)).toEqual([
      [keys[0]!.id, 'primary'],
      [keys[1]!.id, 'active'],
      [keys[2]!.id, 'active'],
    ]);
    expect(() => Keyring.fromKeys([keys[0]!, keys[0]!])).toThrow(code('ERR_KEYRING_STATE'));
    expect(() => Keyring.fromKeys([keys[2]!, keys[2]!.publicKey!])).toThrow(KeyError);
    expect(() => Keyring.fromKeys([])).toThrow(/"keys"/);
  });

  it('publicKeyring: public halves, same ids and statuses; secret keys left out', () => {
    const keyring = Keyring.generate('Ed25519');
    keyring.rotate({ alg: 'ES384' }).rotate({ alg: 'HS256' }).rotate({ alg: 'X25519' });
    const hs = keyring.entries()[2]!.key.id;
    keyring.disable(keyring.entries()[0]!.key.id);
    const pub = keyring.publicKeyring();
    expect(ids(pub)).toEqual(ids(keyring).filter(([id]) => id !== hs));
    for (const { key } of pub.entries()) {
      expect(key.type).toBe('public');
      expect(exportKey(key, 'raw')).toEqual(exportKey(keyring.get(key.id).publicKey!, 'raw'));
    }
    expect(pub.toSecretJSON().keys.every((k) => k.private === undefined)).toBe(true);
    expect(() => Keyring.generate('A256GCM').publicKeyring()).toThrow(code('ERR_WRONG_KEY_TYPE'));
  });
});

describeEachBackend('Keyring JSON', () => {
  function everyAlg(): Keyring {
    const keyring = Keyring.generate('A256GCM');
    for (const alg of ALL_GENERABLE) keyring.rotate({ alg });
    keyring.disable(keyring.entries()[2]!.key.id);
    return keyring;
  }

  it('toJSON (and JSON.stringify) hold no secret material in any encoding', () => {
    const keyring = everyAlg();
    const json = keyring.toJSON();
    const text = JSON.stringify(keyring);
    expect(JSON.parse(text)).toEqual(json);
    expect(json.secrets).toBe(false);
    expectNoSecret(
      text,
      keyring.entries().map((e) => secretOf(e.key)),
      'keyring.toJSON()',
    );
    for (const entry of json.keys) {
      const key = keyring.get(entry.id);
      expect(entry).toEqual({
        id: key.id,
        alg: key.alg,
        status: keyring.status(key.id),
        created: key.created.toISOString(),
        ...(key.publicKey ? { public: base64urlEncode(exportKey(key.publicKey, 'raw')) } : {}),
      });
    }
  });

  it('toSecretJSON round-trips through fromJSON (text or object)', () => {
    const keyring = everyAlg();
    const doc = keyring.toSecretJSON();
    expect(doc.secrets).toBe(true);
    for (const input of [doc, JSON.stringify(doc), JSON.parse(JSON.stringify(doc))]) {
      const copy = Keyring.fromJSON(input);
      expect(ids(copy)).toEqual(ids(keyring));
      for (const { key } of copy.entries()) {
        const original = keyring.get(key.id);
        expect([key.alg, key.type, key.created.getTime()]).toEqual([
          original.alg,
          original.type,
          original.created.getTime(),
        ]);
        expect(secretOf(key)).toEqual(secretOf(original));
      }
    }
  });

  it('fromJSON of the safe form gives the public keyring, or explains why it cannot', () => {
    const asym = Keyring.generate('ES256').rotate({ alg: 'Ed25519' }).rotate({ alg: 'HS256' });
    asym.promote(asym.entries()[1]!.key.id);
    const fromSafe = Keyring.fromJSON(JSON.stringify(asym));
    expect(ids(fromSafe)).toEqual(ids(asym.publicKeyring()));
    expect(() => Keyring.fromJSON(JSON.stringify(Keyring.generate('A256GCM')))).toThrow(
      /toSecretJSON\(\) or seal\(\)/,
    );
    const mixed = everyAlg(); // primary ES384: the safe form restores its public keys
    expect(Keyring.fromJSON(JSON.stringify(mixed)).size).toBe(4);
    mixed.rotate({ alg: 'A256GCM' }); // a secret primary has nothing to restore
    expect(() => Keyring.fromJSON(JSON.stringify(mixed))).toThrow(code('ERR_INVALID_FORMAT'));
  });

  describe('fromJSON refuses malformed documents with typed errors', () => {
    const base = (): KeyringJSON => Keyring.generate('Ed25519').rotate().toSecretJSON();
    const cases: Array<[string, (d: KeyringJSON & Record<string, unknown>) => unknown, string]> = [
      ['wrong format', (d) => (d.format = 'cachet.keys' as never), 'ERR_INVALID_FORMAT'],
      ['version 2', (d) => (d.version = 2 as never), 'ERR_UNSUPPORTED_VERSION'],
      ['version "1"', (d) => (d.version = '1' as never), 'ERR_UNSUPPORTED_VERSION'],
      ['secrets not boolean', (d) => (d.secrets = 'yes' as never), 'ERR_INVALID_FORMAT'],
      ['keys missing', (d) => delete (d as Partial<KeyringJSON>).keys, 'ERR_INVALID_FORMAT'],
      ['keys empty', (d) => (d.keys = []), 'ERR_INVALID_FORMAT'],
      ['keys not array', (d) => (d.keys = {} as never), 'ERR_INVALID_FORMAT'],
      ['entry not object', (d) => (d.keys[0] = 'x' as never), 'ERR_INVALID_ARGUMENT'],
      ['no primary', (d) => (d.keys[1]!.status = 'active'), 'ERR_INVALID_FORMAT'],
      ['two primaries', (d) => (d.keys[0]!.status = 'primary'), 'ERR_INVALID_FORMAT'],
      ['bad status', (d) => (d.keys[0]!.status = 'on' as never), 'ERR_INVALID_FORMAT'],
      ['duplicate id', (d) => (d.keys[0]!.id = d.keys[1]!.id), 'ERR_INVALID_FORMAT'],
      ['bad id', (d) => (d.keys[0]!.id = 'ABCDEF01'), 'ERR_INVALID_ARGUMENT'],
      ['unknown alg', (d) => (d.keys[0]!.alg = 'EdDSA' as never), 'ERR_UNSUPPORTED_ALGORITHM'],
      ['bad date', (d) => (d.keys[0]!.created = 'yesterday'), 'ERR_INVALID_FORMAT'],
      ['date not string', (d) => (d.keys[0]!.created = 5 as never), 'ERR_INVALID_FORMAT'],
      [
        'secret on Ed25519',
        (d) => (d.keys[0]!.secret = d.keys[0]!.private as string),
        'ERR_INVALID_FORMAT',
      ],
      [
        'bad base64url',
        (d) => (d.keys[0]!.private = `${d.keys[0]!.private}=`),
        'ERR_INVALID_FORMAT',
      ],
      ['material not string', (d) => (d.keys[0]!.public = 7 as never), 'ERR_INVALID_FORMAT'],
      ['short key', (d) => (d.keys[0]!.private = 'AAAA'), 'ERR_INVALID_KEY'],
      [
        'public half of another key',
        (d) => (d.keys[0]!.public = d.keys[1]!.public as string),
        'ERR_INVALID_KEY',
      ],
      ['alg changed', (d) => (d.keys[1]!.alg = 'X25519'), 'ERR_INVALID_KEY'],
    ];
    for (const [name, mutate, want] of cases) {
      it(name, () => {
        const doc = base() as KeyringJSON & Record<string, unknown>;
        mutate(doc);
        for (const input of [doc, JSON.stringify(doc)]) {
          expect(() => Keyring.fromJSON(input)).toThrow(CachetError);
          expect(() => Keyring.fromJSON(input)).toThrow(code(want));
        }
      });
    }

    it('not JSON, not an object, too many keys', () => {
      expect(() => Keyring.fromJSON('{"format":')).toThrow(code('ERR_INVALID_FORMAT'));
      expect(() => Keyring.fromJSON('[]')).toThrow(code('ERR_INVALID_ARGUMENT'));
      expect(() => Keyring.fromJSON(null as never)).toThrow(/"json"/);
      const doc = base();
      const entry = { ...doc.keys[1]!, status: 'active' as const };
      doc.keys = [doc.keys[0]!, ...Array.from({ length: 10_000 }, () => entry)];
      expect(() => Keyring.fromJSON(doc)).toThrow(/more than 10000 keys/);
    });
  });
});

describeEachBackend('Keyring seal / unseal', () => {
  it('round-trips under an A256GCM key, raw bytes, or a master keyring', async () => {
    const keyring = Keyring.generate('X25519').rotate({ alg: 'A256GCM-SIV' });
    const masterKey = generateKey('A256GCM');
    const masterRaw = crypto.getRandomValues(new Uint8Array(32));
    const masterRing = Keyring.generate('A256GCM');
    for (const master of [masterKey, masterRaw, masterRing]) {
      const sealed = await keyring.seal(master);
      expectNoSecret(
        sealed,
        keyring.entries().map((e) => secretOf(e.key)),
        'sealed keyring',
      );
      const back = await Keyring.unseal(sealed, master);
      expect(back.toSecretJSON()).toEqual(keyring.toSecretJSON());
      expect((await Keyring.unseal(JSON.parse(sealed), master)).size).toBe(2);
    }
    // Two seals of the same keyring differ (fresh nonce).
    expect(await keyring.seal(masterKey)).not.toBe(await keyring.seal(masterKey));
  });

  it('a master keyring still opens what older master keys sealed, unless they are disabled', async () => {
    const keyring = Keyring.generate('HS256');
    const master = Keyring.generate('A256GCM');
    const sealed = await keyring.seal(master);
    const oldMaster = master.primary.id;
    master.rotate();
    expect((await Keyring.unseal(sealed, master)).primary.id).toBe(keyring.primary.id);
    expect(JSON.parse(await keyring.seal(master)).kid).toBe(master.primary.id);
    master.disable(oldMaster);
    await expect(Keyring.unseal(sealed, master)).rejects.toMatchObject({
      code: 'ERR_KEY_DISABLED',
    });
    master.remove(oldMaster);
    await expect(Keyring.unseal(sealed, master)).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    });
  });

  it('a wrong master key fails authentication', async () => {
    const sealed = await Keyring.generate('Ed25519').seal(generateKey('A256GCM'));
    for (const wrong of [generateKey('A256GCM'), crypto.getRandomValues(new Uint8Array(32))]) {
      const attempt = Keyring.unseal(sealed, wrong);
      await expect(attempt).rejects.toBeInstanceOf(AuthenticationError);
      await expect(Keyring.unseal(sealed, wrong)).rejects.toMatchObject({
        code: 'ERR_AUTH_FAILED',
      });
    }
    // A key of another algorithm is not a master key at all.
    await expect(Keyring.unseal(sealed, generateKey('A256KW'))).rejects.toMatchObject({
      code: 'ERR_WRONG_KEY_TYPE',
    });
    await expect(Keyring.generate('HS256').seal(generateKey('XC20P'))).rejects.toMatchObject({
      code: 'ERR_WRONG_KEY_TYPE',
    });
    await expect(Keyring.generate('HS256').seal(new Uint8Array(16))).rejects.toMatchObject({
      code: 'ERR_INVALID_KEY',
    });
  });

  it('any change to the sealed document is a typed error', async () => {
    const master = generateKey('A256GCM');
    const doc = JSON.parse(await Keyring.generate('ES256').seal(master));
    const ct = base64urlDecode(doc.ciphertext);
    const nonce = base64urlDecode(doc.nonce);
    const flip = (b: Uint8Array, i: number) => {
      const c = b.slice();
      c[i]! ^= 1;
      return base64urlEncode(c);
    };
    const tampered: Array<[Record<string, unknown>, string]> = [
      [{ ciphertext: flip(ct, 0) }, 'ERR_AUTH_FAILED'],
      [{ ciphertext: flip(ct, ct.length - 1) }, 'ERR_AUTH_FAILED'], // the tag
      [{ ciphertext: base64urlEncode(ct.subarray(0, ct.length - 1)) }, 'ERR_AUTH_FAILED'],
      [{ ciphertext: base64urlEncode(ct.subarray(0, 15)) }, 'ERR_AUTH_FAILED'],
      [{ ciphertext: '' }, 'ERR_AUTH_FAILED'],
      [{ nonce: flip(nonce, 5) }, 'ERR_AUTH_FAILED'],
      [{ nonce: base64urlEncode(nonce.subarray(0, 11)) }, 'ERR_AUTH_FAILED'],
      [{ kid: '00000000' }, 'ERR_AUTH_FAILED'],
      [{ kid: 'not-an-id' }, 'ERR_INVALID_ARGUMENT'],
      [{ version: 2 }, 'ERR_UNSUPPORTED_VERSION'],
      [{ version: undefined }, 'ERR_UNSUPPORTED_VERSION'],
      [{ format: 'cachet.keyring' }, 'ERR_INVALID_FORMAT'],
      [{ nonce: 5 }, 'ERR_INVALID_FORMAT'],
      [{ ciphertext: `${doc.ciphertext}=` }, 'ERR_INVALID_FORMAT'],
    ];
    for (const [change, want] of tampered) {
      const sealed = JSON.stringify({ ...doc, ...change });
      const result = Keyring.unseal(sealed, master);
      await expect(result, JSON.stringify(change)).rejects.toBeInstanceOf(CachetError);
      await expect(Keyring.unseal(sealed, master)).rejects.toMatchObject({ code: want });
    }
    await expect(Keyring.unseal('{"format"', master)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(Keyring.unseal('[1]', master)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });

  it('binds format, version and master key id as associated data (checked with WebCrypto)', async () => {
    const keyring = Keyring.generate('AES-SIV');
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const master = importKey(raw, { alg: 'A256GCM' });
    const doc = JSON.parse(await keyring.seal(master));
    expect(Object.keys(doc).sort()).toEqual(['ciphertext', 'format', 'kid', 'nonce', 'version']);
    expect([doc.format, doc.version, doc.kid]).toEqual(['cachet.keyring.sealed', 1, master.id]);
    const key = await crypto.subtle.importKey('raw', buf(raw), 'AES-GCM', false, ['decrypt']);
    const open = (aad: string) =>
      crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: buf(base64urlDecode(doc.nonce)),
          additionalData: new TextEncoder().encode(aad),
        },
        key,
        buf(base64urlDecode(doc.ciphertext)),
      );
    const plaintext = new TextDecoder().decode(await open(`cachet.keyring.sealed/v1/${master.id}`));
    expect(JSON.parse(plaintext)).toEqual(keyring.toSecretJSON());
    for (const aad of [
      `cachet.keyring.sealed/v2/${master.id}`,
      `cachet.keyring.sealed/v1/00000000`,
      `cachet.keyring/v1/${master.id}`,
      '',
    ]) {
      await expect(open(aad)).rejects.toThrow();
    }
  });

  it('unseal validates its arguments', async () => {
    const sealed = await Keyring.generate('HS256').seal(generateKey('A256GCM'));
    await expect(Keyring.unseal(sealed, null as never)).rejects.toThrow(/"masterKey"/);
    await expect(Keyring.unseal(sealed, 'secret' as never)).rejects.toThrow(InvalidInputError);
    await expect(Keyring.unseal(5 as never, generateKey('A256GCM'))).rejects.toThrow(/"sealed"/);
    await expect(Keyring.generate('HS256').seal({} as never)).rejects.toThrow(/"masterKey"/);
    await expect(Keyring.unseal(sealed, generateKey('Ed25519'))).rejects.toBeInstanceOf(KeyError);
    await expect(Keyring.unseal(sealed, new Uint8Array(31))).rejects.toBeInstanceOf(KeyError);
  });
});

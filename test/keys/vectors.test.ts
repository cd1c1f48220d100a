// The frozen keyring format vectors (test/vectors/keys/keyring.json, made once by
// scripts/gen-keys-vectors.ts from docs/formats.md with node:crypto): this release still
// reads both JSON forms, unseals both sealed documents and derives the same key ids.
import { expect, it } from 'vitest';
import { type Alg, exportKey, importKey, type Key, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, toHex } from '../helpers/vectors.js';
import file from '../vectors/keys/keyring.json' with { type: 'json' };

function materialOf(key: Key): Record<string, string> {
  const out: Record<string, string> = {};
  if (key.type === 'secret') out['secret'] = toHex(exportKey(key, 'raw', { includeSecret: true }));
  if (key.type === 'private')
    out['private'] = toHex(exportKey(key, 'raw', { includeSecret: true }));
  const pub = key.publicKey;
  if (pub)
    out['public'] = toHex(key.alg.startsWith('RS') ? exportKey(pub, 'der') : exportKey(pub, 'raw'));
  return out;
}

function expectKeyring(keyring: Keyring, secrets: boolean): void {
  const expected = file.keys.filter((k) => secrets || k.material.public);
  expect(keyring.size).toBe(expected.length);
  expect(keyring.primary.id).toBe(file.keys.find((k) => k.status === 'primary')!.id);
  for (const want of expected) {
    const key = keyring.get(want.id);
    expect([key.alg, keyring.status(want.id), key.created.toISOString()]).toEqual([
      want.alg,
      want.status,
      want.created,
    ]);
    const material = secrets ? want.material : { public: want.material.public! };
    expect(materialOf(key)).toEqual(material);
    expect(key.type).toBe(
      material.secret ? 'secret' : 'private' in material && material.private ? 'private' : 'public',
    );
  }
}

describeEachBackend('keyring format v1 vectors', () => {
  it('reads the secret JSON form, as text and as an object', () => {
    expectKeyring(Keyring.fromJSON(JSON.stringify(file.secretJSON)), true);
    expectKeyring(Keyring.fromJSON(file.secretJSON as never), true);
  });

  it('reads the safe JSON form as the public keyring', () => {
    // The safe form's primary (A256GCM) has no material, so it cannot be a keyring on its
    // own; with an asymmetric primary it is the publicKeyring().
    expect(() => Keyring.fromJSON(file.safeJSON as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_FORMAT' }),
    );
    const promoted = structuredClone(file.safeJSON);
    for (const k of promoted.keys) {
      if (k.status === 'primary') k.status = 'active';
      if (k.alg === 'Ed25519') k.status = 'primary';
    }
    const keyring = Keyring.fromJSON(promoted as never);
    expect(keyring.primary.alg).toBe('Ed25519');
    expect(keyring.size).toBe(file.keys.filter((k) => k.material.public).length);
    for (const { key } of keyring.entries()) expect(key.type).toBe('public');
  });

  it('writes what it reads: toSecretJSON and toJSON reproduce the documents', () => {
    const keyring = Keyring.fromJSON(file.secretJSON as never);
    expect(keyring.toSecretJSON()).toEqual(file.secretJSON);
    expect(keyring.toJSON()).toEqual(file.safeJSON);
  });

  it('unseals the independently sealed document and the one sealed by Keyring.seal', async () => {
    const master = importKey(hex(file.master.raw), { alg: 'A256GCM' });
    expect(master.id).toBe(file.master.id);
    for (const sealed of [file.sealedIndependently, file.sealedByCachet]) {
      expectKeyring(await Keyring.unseal(sealed, master), true);
      expectKeyring(await Keyring.unseal(sealed, hex(file.master.raw)), true);
      expectKeyring(await Keyring.unseal(JSON.parse(sealed), Keyring.fromKeys([master])), true);
      await expect(Keyring.unseal(sealed, new Uint8Array(32))).rejects.toMatchObject({
        code: 'ERR_AUTH_FAILED',
      });
    }
  });

  it('derives the same ids for imported keys (ids are stored in every ciphertext)', () => {
    for (const k of file.keys) {
      const alg = k.alg as Alg;
      const m = k.material as { secret?: string; private?: string; public?: string };
      const imported = m.secret
        ? importKey(hex(m.secret), { alg })
        : alg.startsWith('RS')
          ? importKey(hex(m.public!), { alg, format: 'der' })
          : importKey(hex(m.private ?? m.public!), { alg, type: m.private ? 'private' : 'public' });
      expect(imported.id, k.alg).toBe(k.derivedId);
      if (m.public && !alg.startsWith('RS')) {
        expect(importKey(hex(m.public), { alg }).id).toBe(k.derivedId);
      }
    }
  });
});

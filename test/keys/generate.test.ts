// generateKey / Keyring.generate for every generable algorithm, on both backends: the
// key's shape, 8-hex ids, fresh material each time, EC scalars in range, and public halves
// that an independent implementation (WebCrypto) derives identically from the private key.
import { expect, it } from 'vitest';
import { base64urlEncode, InvalidInputError } from '../../src/index.js';
import { exportKey, generateKey, type Jwk, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { toHex } from '../helpers/vectors.js';
import {
  ALL_GENERABLE,
  ASYMMETRIC_ALGS,
  type AsymAlg,
  buf,
  SECRET_ALGS,
  type SecretAlg,
  WEBCRYPTO_ASYM,
} from './algs.js';

const ID = /^[0-9a-f]{8}$/;
const ORDER = {
  ES256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  ES384:
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

describeEachBackend('generateKey', () => {
  for (const alg of Object.keys(SECRET_ALGS) as SecretAlg[]) {
    it(`${alg}: a secret key of ${SECRET_ALGS[alg]} bytes with a random 8-hex id`, () => {
      const before = Date.now();
      const key = generateKey(alg);
      const after = Date.now();
      expect(key.alg).toBe(alg);
      expect(key.type).toBe('secret');
      expect(key.id).toMatch(ID);
      expect(key.publicKey).toBeUndefined();
      expect(key.created.getTime()).toBeGreaterThanOrEqual(before);
      expect(key.created.getTime()).toBeLessThanOrEqual(after);
      expect(Object.isFrozen(key)).toBe(true);
      expect(exportKey(key, 'raw', { includeSecret: true })).toHaveLength(SECRET_ALGS[alg]);
    });
  }

  for (const alg of Object.keys(ASYMMETRIC_ALGS) as AsymAlg[]) {
    const spec = ASYMMETRIC_ALGS[alg];
    it(`${alg}: a private key with its public half under the same id`, () => {
      const key = generateKey(alg);
      expect(key.alg).toBe(alg);
      expect(key.type).toBe('private');
      expect(key.id).toMatch(ID);
      const pub = key.publicKey!;
      expect(pub.type).toBe('public');
      expect(pub.alg).toBe(alg);
      expect(pub.id).toBe(key.id);
      expect(pub.publicKey).toBe(pub);
      expect(key.publicKey).toBe(pub); // the same object every time
      expect(exportKey(key, 'raw', { includeSecret: true })).toHaveLength(spec.privateLength);
      expect(exportKey(pub, 'raw')).toHaveLength(spec.publicLength);
    });

    it(`${alg}: WebCrypto derives the same public key from the exported private key`, async () => {
      const { params, priv } = WEBCRYPTO_ASYM[alg];
      for (let i = 0; i < 5; i++) {
        const key = generateKey(alg);
        const pkcs8 = exportKey(key, 'der', { includeSecret: true });
        const imported = await crypto.subtle.importKey('pkcs8', buf(pkcs8), params, true, priv);
        const jwk = (await crypto.subtle.exportKey('jwk', imported)) as JsonWebKey;
        const ours = exportKey(key.publicKey!, 'jwk') as Jwk;
        expect(jwk.x).toBe(ours.x);
        expect(jwk.y).toBe(ours.y);
        expect(jwk.d).toBe(base64urlEncode(exportKey(key, 'raw', { includeSecret: true })));
      }
    });
  }

  it('EC private scalars are in [1, n-1]', () => {
    for (const alg of ['ES256', 'ES384'] as const) {
      for (let i = 0; i < 20; i++) {
        const d = BigInt(`0x${toHex(exportKey(generateKey(alg), 'raw', { includeSecret: true }))}`);
        expect(d > 0n && d < ORDER[alg]).toBe(true);
      }
    }
  });

  it('every call gives fresh material and a fresh id', () => {
    for (const alg of ALL_GENERABLE) {
      const keys = Array.from({ length: 24 }, () => generateKey(alg));
      const material = keys.map((k) => toHex(exportKey(k, 'raw', { includeSecret: true })));
      expect(new Set(material).size).toBe(keys.length);
      expect(new Set(keys.map((k) => k.id)).size).toBe(keys.length);
    }
  });

  it('takes an explicit id and refuses malformed ones', () => {
    expect(generateKey('HS256', { id: '0123abcd' }).id).toBe('0123abcd');
    for (const id of ['0123ABCD', '0123abc', '0123abcde', 'g123abcd', '', 12345678]) {
      expect(() => generateKey('HS256', { id: id as string })).toThrow(InvalidInputError);
    }
  });

  it('refuses RSA (import-only) and unknown algorithms with a message naming "alg"', () => {
    for (const alg of ['RS256', 'PS256', 'A128GCM', 'ES512', 'EdDSA', '', undefined, 7]) {
      expect(() => generateKey(alg as 'A256GCM')).toThrow(/"alg"/);
      expect(() => Keyring.generate(alg as 'A256GCM')).toThrow(/"alg"/);
    }
  });
});

describeEachBackend('Keyring.generate', () => {
  for (const alg of ALL_GENERABLE) {
    it(`${alg}: one primary key`, () => {
      const keyring = Keyring.generate(alg);
      expect(keyring.size).toBe(1);
      expect(keyring.primary.alg).toBe(alg);
      expect(keyring.primary.id).toMatch(ID);
      expect(keyring.status(keyring.primary.id)).toBe('primary');
      expect(keyring.get(keyring.primary.id)).toBe(keyring.primary);
      expect(keyring.entries()).toEqual([{ key: keyring.primary, status: 'primary' }]);
    });
  }
});

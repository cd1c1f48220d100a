// Keys published in RFCs, imported in every form the RFC gives and checked against the
// values printed there: RFC 8037 Appendix A (OKP JWKs), RFC 7517 Appendix A (EC, RSA and
// symmetric JWKs), RFC 8410 §10 (Ed25519 SPKI and PKCS #8 v1/v2 PEM), RFC 6979 A.2.5/A.2.6
// (P-256/P-384 key pairs) and RFC 7748 §6.1 (X25519).
import { describe, expect, it } from 'vitest';
import { KeyError, UnsupportedError } from '../../src/index.js';
import { exportKey, importKey, type Jwk } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { refBase64 } from '../helpers/reference-codecs.js';
import { hex, toHex } from '../helpers/vectors.js';

/** base64(url) → bytes with the platform's atob, independent of cachet's decoder. */
function unb64(text: string): Uint8Array {
  const std = text.replaceAll('-', '+').replaceAll('_', '/');
  const padded = std + '='.repeat((4 - (std.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

const pem = (label: string, b64: string) =>
  `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;

// RFC 8037 A.1/A.2 (the key of RFC 8032 §7.1 TEST 1).
const RFC8037_ED = {
  jwk: {
    kty: 'OKP',
    crv: 'Ed25519',
    d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
    x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  },
  d: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  x: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
};

// RFC 8037 A.6 / RFC 7748 §6.1: the X25519 keys of the ECDH-ES example.
const X25519 = {
  alicePrivate: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  alicePublic: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
  aliceJwkX: 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo',
  bobPrivate: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  bobPublic: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
  bobJwkX: '3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08',
};

// RFC 7517 Appendix A.
const RFC7517_EC = {
  kty: 'EC',
  crv: 'P-256',
  x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4',
  y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM',
  use: 'enc',
  kid: '1',
};
const RFC7517_EC_D = '870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE';
const RFC7517_RSA = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};
const RFC7517_HMAC = {
  kty: 'oct',
  k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
  kid: 'HMAC key used in JWS spec Appendix A.1 example',
};
const RFC7517_HMAC_HEX =
  '0323354b2b0fa5bc837e0665777ba68f5ab328e6f054c928a90f84b2d2502ebfd3fb5a92d20647ef968ab4c377623d223d2e2172052e4f08c0cd9af567d080a3';

// RFC 8410 §10.1 and §10.3.
const RFC8410 = {
  spki: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=',
  pkcs8v1: 'MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC',
  pkcs8v2:
    'MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhCoB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=',
  seed: 'd4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842',
  public: '19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1',
};

// RFC 6979 A.2.5 (P-256) and A.2.6 (P-384): private x and public (Ux, Uy).
const RFC6979 = {
  ES256: {
    d: 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721',
    point:
      '0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299',
  },
  ES384: {
    d: '6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5',
    point:
      '04ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc138015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720',
  },
} as const;

const raw = (key: Parameters<typeof exportKey>[0]) =>
  toHex(exportKey(key, 'raw', { includeSecret: true }));

describeEachBackend('RFC 8037 Appendix A (OKP JWKs)', () => {
  it('A.1: the Ed25519 private key', () => {
    for (const jwk of [
      RFC8037_ED.jwk,
      { ...RFC8037_ED.jwk, alg: 'EdDSA' },
      JSON.stringify(RFC8037_ED.jwk),
    ]) {
      const key = importKey(jwk);
      expect([key.alg, key.type, raw(key), raw(key.publicKey!)]).toEqual([
        'Ed25519',
        'private',
        RFC8037_ED.d,
        RFC8037_ED.x,
      ]);
    }
    // The raw seed derives the published public key.
    const fromSeed = importKey(hex(RFC8037_ED.d), { alg: 'Ed25519', type: 'private' });
    expect(exportKey(fromSeed, 'jwk', { includeSecret: true })).toMatchObject(RFC8037_ED.jwk);
  });

  it('A.2: the Ed25519 public key', () => {
    const { d: _d, ...pub } = RFC8037_ED.jwk;
    const key = importKey(pub);
    expect([key.alg, key.type, raw(key)]).toEqual(['Ed25519', 'public', RFC8037_ED.x]);
    expect(exportKey(key, 'jwk')).toMatchObject(pub);
  });

  it('A.6: the X25519 keys of the ECDH-ES example (RFC 7748 §6.1)', () => {
    const alice = importKey(hex(X25519.alicePrivate), { alg: 'X25519', type: 'private' });
    expect(raw(alice.publicKey!)).toBe(X25519.alicePublic);
    expect((exportKey(alice.publicKey!, 'jwk') as Jwk).x).toBe(X25519.aliceJwkX);
    const bob = importKey(hex(X25519.bobPrivate), { alg: 'X25519', type: 'private' });
    expect(raw(bob.publicKey!)).toBe(X25519.bobPublic);
    const bobPub = importKey({ kty: 'OKP', crv: 'X25519', x: X25519.bobJwkX });
    expect([bobPub.alg, raw(bobPub), bobPub.id]).toEqual(['X25519', X25519.bobPublic, bob.id]);
  });
});

describeEachBackend('RFC 7517 Appendix A (JWK examples)', () => {
  it('A.1: the P-256 public key (its "kid" is not an 8-hex id, so the id is derived)', () => {
    const key = importKey(RFC7517_EC);
    expect([key.alg, key.type]).toEqual(['ES256', 'public']);
    expect(key.id).toMatch(/^[0-9a-f]{8}$/);
    expect(raw(key)).toBe(
      toHex(new Uint8Array([4, ...unb64(RFC7517_EC.x), ...unb64(RFC7517_EC.y)])),
    );
    expect(exportKey(key, 'jwk')).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      x: RFC7517_EC.x,
      y: RFC7517_EC.y,
    });
  });

  it('A.2: the P-256 private key matches its published public key', () => {
    const key = importKey({ ...RFC7517_EC, d: RFC7517_EC_D });
    expect(raw(key)).toBe(toHex(unb64(RFC7517_EC_D)));
    const fromScalar = importKey(unb64(RFC7517_EC_D), { alg: 'ES256', type: 'private' });
    expect(exportKey(fromScalar.publicKey!, 'jwk')).toMatchObject({
      x: RFC7517_EC.x,
      y: RFC7517_EC.y,
    });
    expect(fromScalar.id).toBe(key.id);
  });

  it('A.1: the RSA public key (RS256, 2048 bits), import-only for verification', () => {
    const key = importKey(RFC7517_RSA);
    expect([key.alg, key.type]).toEqual(['RS256', 'public']);
    expect(unb64(RFC7517_RSA.n)).toHaveLength(256);
    expect(exportKey(key, 'jwk')).toMatchObject({
      kty: 'RSA',
      n: RFC7517_RSA.n,
      e: 'AQAB',
      alg: 'RS256',
    });
    const spki = exportKey(key, 'der');
    const again = importKey(spki, { alg: 'RS256', format: 'der' });
    expect([again.id, toHex(exportKey(again, 'der'))]).toEqual([key.id, toHex(spki)]);
    expect(importKey(exportKey(key, 'pem'), { alg: 'PS256' }).alg).toBe('PS256');
  });

  it('A.2: RSA private keys are refused (cachet verifies RSA, it never signs with it)', () => {
    const priv = { ...RFC7517_RSA, d: 'X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJo' };
    expect(() => importKey(priv)).toThrow(UnsupportedError);
    expect(() => importKey(priv)).toThrow(/public key/);
  });

  it('A.3: the HMAC key imports once its algorithm is named; A128KW is not supported', () => {
    expect(() => importKey(RFC7517_HMAC)).toThrow(/"options\.alg" is required/);
    for (const alg of ['HS256', 'HS512'] as const) {
      const key = importKey(RFC7517_HMAC, { alg });
      expect([key.alg, key.type, raw(key)]).toEqual([alg, 'secret', RFC7517_HMAC_HEX]);
    }
    expect(() => importKey({ kty: 'oct', alg: 'A128KW', k: 'GawgguFyGrWKav7AX4VKUg' })).toThrow(
      expect.objectContaining({ code: 'ERR_UNSUPPORTED_ALGORITHM' }),
    );
  });
});

describeEachBackend('RFC 8410 §10 (Ed25519 in SPKI and PKCS #8)', () => {
  it('§10.1 public key', () => {
    const key = importKey(pem('PUBLIC KEY', RFC8410.spki));
    expect([key.alg, key.type, raw(key)]).toEqual(['Ed25519', 'public', RFC8410.public]);
    expect(exportKey(key, 'pem')).toBe(pem('PUBLIC KEY', RFC8410.spki));
  });

  it('§10.3 private key, v1 and v2 (attributes and the public key)', () => {
    for (const b64 of [RFC8410.pkcs8v1, RFC8410.pkcs8v2]) {
      const key = importKey(pem('PRIVATE KEY', b64));
      expect([key.alg, key.type, raw(key), raw(key.publicKey!)]).toEqual([
        'Ed25519',
        'private',
        RFC8410.seed,
        RFC8410.public,
      ]);
      expect(importKey(unb64(b64), { format: 'der' }).id).toBe(key.id);
    }
    // cachet writes v1 (RFC 5208), the form every reader accepts.
    const key = importKey(pem('PRIVATE KEY', RFC8410.pkcs8v2));
    expect(exportKey(key, 'pem', { includeSecret: true })).toBe(
      pem('PRIVATE KEY', RFC8410.pkcs8v1),
    );
  });

  it('a v2 key whose embedded public key is not its own is refused', () => {
    const der = unb64(RFC8410.pkcs8v2);
    der[der.length - 1]! ^= 1;
    expect(() => importKey(pem('PRIVATE KEY', refBase64(der)))).toThrow(KeyError);
  });
});

describe('RFC 6979 A.2.5/A.2.6 key pairs', () => {
  for (const alg of ['ES256', 'ES384'] as const) {
    it(`${alg}: the private scalar derives the published public point`, () => {
      const key = importKey(hex(RFC6979[alg].d), { alg, type: 'private' });
      expect(raw(key.publicKey!)).toBe(RFC6979[alg].point);
      expect(importKey(hex(RFC6979[alg].point), { alg }).id).toBe(key.id);
    });
  }
});

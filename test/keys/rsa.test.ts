// RSA public keys (import-only, for verifying signatures made elsewhere): keys generated
// by WebCrypto import from SPKI DER, PEM and JWK and export identically; the size and
// exponent policy (2048..16384 bits, odd e > 1, odd n); private keys and raw RSA refused.
import { expect, it } from 'vitest';
import { CachetError, KeyError, UnsupportedError } from '../../src/index.js';
import { exportKey, importKey, type Jwk, Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { refBase64 } from '../helpers/reference-codecs.js';
import { toHex } from '../helpers/vectors.js';

const b64url = (bytes: Uint8Array) => refBase64(bytes, true);
const pemOf = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${refBase64(der)
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${label}-----\n`;

async function webCryptoRsa(bits: number) {
  const pair = (await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: bits,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  return {
    spki: new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)),
    pkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    jwk: (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Jwk,
  };
}

/** A modulus of exactly `bits` bits, odd (not a real RSA modulus: only its size matters). */
function modulus(bits: number, odd = true): Uint8Array {
  const n = new Uint8Array(Math.ceil(bits / 8)).fill(0x5a);
  n[0] = 1 << ((bits - 1) % 8);
  n[n.length - 1] = odd ? 0x5b : 0x5a;
  return n;
}

describeEachBackend('RSA public keys', () => {
  it('a WebCrypto key imports from SPKI DER, PEM and JWK and exports identically', async () => {
    const { spki, jwk } = await webCryptoRsa(2048);
    const fromDer = importKey(spki, { format: 'der', alg: 'RS256' });
    expect([fromDer.alg, fromDer.type]).toEqual(['RS256', 'public']);
    expect(toHex(exportKey(fromDer, 'der'))).toBe(toHex(spki));
    expect(exportKey(fromDer, 'pem')).toBe(pemOf('PUBLIC KEY', spki));
    expect(exportKey(fromDer, 'jwk')).toEqual({
      kty: 'RSA',
      n: jwk.n,
      e: jwk.e,
      alg: 'RS256',
      kid: fromDer.id,
    });
    const fromPem = importKey(pemOf('PUBLIC KEY', spki), { alg: 'RS256' });
    const fromJwk = importKey(jwk); // WebCrypto writes alg RS256
    expect(fromJwk.alg).toBe('RS256');
    expect(new Set([fromDer.id, fromPem.id, fromJwk.id]).size).toBe(1);
    // Some writers put a zero byte before n (RFC 7518 §6.3.1.1 says not to): same key.
    const n = Uint8Array.from(atob(jwk.n!.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
      c.charCodeAt(0),
    );
    const padded = importKey({ ...jwk, n: b64url(new Uint8Array([0, ...n])) });
    expect(toHex(exportKey(padded, 'der'))).toBe(toHex(spki));
    // The same key under another RSA algorithm is a different key (ids bind the algorithm).
    const pss = importKey(spki, { format: 'der', alg: 'PS512' });
    expect(pss.alg).toBe('PS512');
    expect(pss.id).not.toBe(fromDer.id);
    expect(() => importKey(jwk, { alg: 'PS256' })).toThrow(
      expect.objectContaining({ code: 'ERR_WRONG_KEY_TYPE' }),
    );
  });

  it('the PKCS #1 "RSA PUBLIC KEY" PEM form is read too', async () => {
    const { spki } = await webCryptoRsa(2048);
    // SPKI = SEQUENCE { AlgorithmIdentifier (15 bytes), BIT STRING { 00, RSAPublicKey } }
    const rsaPublicKey = spki.subarray(4 + 15 + 5);
    expect(rsaPublicKey[0]).toBe(0x30);
    const key = importKey(pemOf('RSA PUBLIC KEY', rsaPublicKey), { alg: 'RS384' });
    expect(toHex(exportKey(key, 'der'))).toBe(toHex(spki));
  });

  it('refuses moduli outside 2048..16384 bits, even moduli and bad exponents', () => {
    const jwk = (n: Uint8Array, e = 'AQAB') => ({ kty: 'RSA', n: b64url(n), e, alg: 'RS256' });
    for (const bits of [2048, 3072, 4096, 16384]) {
      expect(importKey(jwk(modulus(bits))).type).toBe('public');
    }
    expect(importKey(jwk(modulus(2048), 'Aw')).type).toBe('public'); // e = 3
    const refused = [
      jwk(modulus(1024)),
      jwk(modulus(2047)),
      jwk(modulus(16385)),
      jwk(modulus(2048, false)),
      jwk(modulus(2048), 'AQ'), // e = 1
      jwk(modulus(2048), 'AQAA'), // e even
      jwk(modulus(2048), 'AQAAAAAAAAAB'), // e of 9 bytes
    ];
    for (const input of refused) {
      expect(() => importKey(input)).toThrow(KeyError);
      expect(() => importKey(input)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_KEY' }));
    }
    // A leading zero byte does not count towards the size.
    expect(() => importKey(jwk(new Uint8Array([0, ...modulus(2040)])))).toThrow(/2040 bits/);
  });

  it('needs the algorithm named, refuses raw RSA and private keys', async () => {
    const { spki, pkcs8, jwk } = await webCryptoRsa(2048);
    expect(() => importKey(spki, { format: 'der' })).toThrow(/"options\.alg" is required/);
    expect(() => importKey({ ...jwk, alg: undefined } as never)).toThrow(
      /"options\.alg" is required/,
    );
    expect(() => importKey(spki, { format: 'raw', alg: 'RS256' })).toThrow(UnsupportedError);
    expect(() => importKey(pkcs8, { format: 'der', alg: 'RS256' })).toThrow(UnsupportedError);
    expect(() => importKey(pemOf('PRIVATE KEY', pkcs8), { alg: 'RS256' })).toThrow(
      /RSA private keys are not supported/,
    );
    const key = importKey(spki, { format: 'der', alg: 'RS256' });
    expect(() => exportKey(key, 'raw')).toThrow(UnsupportedError);
  });

  it('an RSA keyring verifies but cannot rotate (cachet never makes RSA keys)', async () => {
    const { spki } = await webCryptoRsa(2048);
    const keyring = Keyring.fromKeys([importKey(spki, { format: 'der', alg: 'RS256' })]);
    expect(keyring.primary.alg).toBe('RS256');
    expect(() => keyring.rotate()).toThrow(/import-only/);
    keyring.rotate({ alg: 'ES256' });
    expect(keyring.primary.alg).toBe('ES256');
    const copy = Keyring.fromJSON(JSON.stringify(keyring.toJSON()));
    expect(copy.entries().map((e) => [e.key.id, e.key.alg, e.status])).toEqual(
      keyring.entries().map((e) => [e.key.id, e.key.alg, e.status]),
    );
    expect(() => Keyring.generate('RS256' as 'ES256')).toThrow(CachetError);
  });
});

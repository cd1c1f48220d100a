// Interop with independent implementations, both ways: keys exported by cachet load in
// node:crypto, jose, the openssl CLI and pyca/cryptography (python3) and are the same key
// there; keys those make import into cachet and are the same key here.
import { execFileSync } from 'node:child_process';
import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { CachetError } from '../../src/index.js';
import { exportKey, generateKey, importKey, type Jwk, type Key } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { toHex } from '../helpers/vectors.js';
import { ASYMMETRIC_ALGS, type AsymAlg, SECRET_ALGS, type SecretAlg } from './algs.js';

const dir = mkdtempSync(join(tmpdir(), 'cachet-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `f${fileNo++}`);
  writeFileSync(path, content);
  return path;
}
const openssl = (...args: string[]) => execFileSync('openssl', args);
const python = (code: string) => execFileSync('python3', ['-c', code], { encoding: 'utf8' });

const NODE_TYPE: Record<AsymAlg, string> = {
  Ed25519: 'ed25519',
  X25519: 'x25519',
  ES256: 'ec',
  ES384: 'ec',
};
const JOSE_ALG: Record<AsymAlg, string> = {
  Ed25519: 'Ed25519',
  X25519: 'ECDH-ES',
  ES256: 'ES256',
  ES384: 'ES384',
};
const OPENSSL_GEN: Record<AsymAlg, string[]> = {
  Ed25519: ['-algorithm', 'ed25519'],
  X25519: ['-algorithm', 'x25519'],
  ES256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  ES384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
};

/** The JWK members that identify a key, as node:crypto writes them. */
function nodeJwk(key: KeyObject): Record<string, string | undefined> {
  const { x, y, d, crv } = key.export({ format: 'jwk' });
  return { crv, x, y, d };
}

function cachetJwk(key: Key, secret = false): Record<string, string | undefined> {
  const { x, y, d, crv } = exportKey(key, 'jwk', { includeSecret: secret }) as Jwk;
  return { crv, x, y, d };
}

function rawHex(key: Key): string {
  return toHex(exportKey(key, 'raw', { includeSecret: key.type !== 'public' }));
}

describeEachBackend('cachet keys in other implementations', () => {
  for (const alg of Object.keys(ASYMMETRIC_ALGS) as AsymAlg[]) {
    describe(alg, () => {
      const key = generateKey(alg);
      const pub = key.publicKey!;
      const privPem = exportKey(key, 'pem', { includeSecret: true });
      const pubPem = exportKey(pub, 'pem');

      it('node:crypto createPrivateKey/createPublicKey read PEM, DER and JWK alike', () => {
        const privates = [
          createPrivateKey(privPem),
          createPrivateKey({
            key: Buffer.from(exportKey(key, 'der', { includeSecret: true })),
            format: 'der',
            type: 'pkcs8',
          }),
          createPrivateKey({
            key: exportKey(key, 'jwk', { includeSecret: true }) as never,
            format: 'jwk',
          }),
        ];
        for (const k of privates) expect(nodeJwk(k)).toEqual(cachetJwk(key, true));
        const publics = [
          createPublicKey(pubPem),
          createPublicKey({ key: Buffer.from(exportKey(pub, 'der')), format: 'der', type: 'spki' }),
          createPublicKey({ key: exportKey(pub, 'jwk') as never, format: 'jwk' }),
          createPublicKey(privPem),
        ];
        for (const k of publics) expect(nodeJwk(k)).toEqual(cachetJwk(pub));
      });

      it('jose importJWK, importSPKI and importPKCS8 read the same key', async () => {
        const joseAlg = JOSE_ALG[alg];
        const imported = [
          await jose.importJWK(
            exportKey(key, 'jwk', { includeSecret: true }) as jose.JWK,
            joseAlg,
            {
              extractable: true,
            },
          ),
          await jose.importPKCS8(privPem, joseAlg, { extractable: true }),
        ];
        for (const k of imported) {
          const { x, y, d, crv } = await jose.exportJWK(k as jose.CryptoKey);
          expect({ x, y, d, crv }).toEqual(cachetJwk(key, true));
        }
        for (const k of [
          await jose.importSPKI(pubPem, joseAlg, { extractable: true }),
          await jose.importJWK(exportKey(pub, 'jwk') as jose.JWK, joseAlg, { extractable: true }),
        ]) {
          const { x, y, crv } = await jose.exportJWK(k as jose.CryptoKey);
          expect({ x, y, crv, d: undefined }).toEqual(cachetJwk(pub));
        }
      });

      it('openssl pkey derives the same public key, byte for byte', () => {
        const priv = file(privPem);
        expect(openssl('pkey', '-in', priv, '-pubout').toString()).toBe(pubPem);
        expect(toHex(openssl('pkey', '-in', priv, '-pubout', '-outform', 'DER'))).toBe(
          toHex(exportKey(pub, 'der')),
        );
        expect(openssl('pkey', '-pubin', '-in', file(pubPem)).toString()).toBe(pubPem);
        // openssl also checks the key itself (range of the scalar, point on the curve).
        if (alg === 'ES256' || alg === 'ES384') {
          expect(openssl('pkey', '-in', priv, '-check', '-noout').toString()).toMatch(/valid/i);
        }
      });

      it('python cryptography loads the PEM and DER and sees the same raw key', () => {
        const out = python(`
import sys
from cryptography.hazmat.primitives import serialization as s
priv = s.load_pem_private_key(open(${JSON.stringify(file(privPem))}, 'rb').read(), None)
pub = s.load_der_public_key(open(${JSON.stringify(file(exportKey(pub, 'der')))}, 'rb').read())
raw = getattr(s.Encoding, 'Raw') if '${alg}' in ('Ed25519', 'X25519') else s.Encoding.X962
fmt = s.PublicFormat.Raw if '${alg}' in ('Ed25519', 'X25519') else s.PublicFormat.UncompressedPoint
print(priv.public_key().public_bytes(raw, fmt).hex())
print(pub.public_bytes(raw, fmt).hex())
`);
        expect(out.trim().split('\n')).toEqual([rawHex(pub), rawHex(pub)]);
      });
    });
  }

  it('secret keys: node createSecretKey and jose importJWK hold the same bytes', async () => {
    for (const alg of Object.keys(SECRET_ALGS) as SecretAlg[]) {
      const key = generateKey(alg);
      const raw = exportKey(key, 'raw', { includeSecret: true });
      const jwk = exportKey(key, 'jwk', { includeSecret: true }) as Jwk;
      expect(createSecretKey(Buffer.from(raw)).export().toString('hex')).toBe(toHex(raw));
      expect(Buffer.from(jwk.k!, 'base64url').toString('hex')).toBe(toHex(raw));
      // jose knows the JOSE names among cachet's algorithms.
      if (alg === 'HS256' || alg === 'HS512' || alg === 'A256GCM' || alg === 'A256KW') {
        const k = await jose.importJWK(jwk as jose.JWK, alg, { extractable: true });
        expect((await jose.exportJWK(k as jose.CryptoKey)).k).toBe(jwk.k);
      }
    }
  });
});

describeEachBackend('keys made elsewhere in cachet', () => {
  for (const alg of Object.keys(ASYMMETRIC_ALGS) as AsymAlg[]) {
    const spec = ASYMMETRIC_ALGS[alg];
    describe(alg, () => {
      it('node:crypto keys in PEM, DER, JWK (and SEC1 for EC)', () => {
        const { privateKey, publicKey } = generateKeyPairSync(NODE_TYPE[alg] as 'ec', {
          namedCurve: spec.curve,
        });
        const want = nodeJwk(privateKey);
        const privates = [
          importKey(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
          importKey(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })), {
            format: 'der',
          }),
          importKey(privateKey.export({ format: 'jwk' }) as Jwk),
          ...(spec.kty === 'EC'
            ? [importKey(privateKey.export({ format: 'pem', type: 'sec1' }) as string)]
            : []),
        ];
        for (const k of privates) {
          expect([k.alg, k.type]).toEqual([alg, 'private']);
          expect(cachetJwk(k, true)).toEqual(want);
        }
        const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
        const publics = [
          importKey(publicKey.export({ format: 'pem', type: 'spki' }) as string),
          importKey(spki, { format: 'der' }),
          importKey(publicKey.export({ format: 'jwk' }) as Jwk),
        ];
        for (const k of publics) {
          expect(toHex(exportKey(k, 'der'))).toBe(toHex(spki));
          expect(k.id).toBe(privates[0]!.id);
        }
      });

      it('jose generateKeyPair keys as JWK, SPKI and PKCS #8', async () => {
        const options =
          alg === 'X25519' ? { crv: 'X25519', extractable: true } : { extractable: true };
        const pair = await jose.generateKeyPair(
          alg === 'X25519' ? 'ECDH-ES' : JOSE_ALG[alg],
          options,
        );
        const jwk = await jose.exportJWK(pair.privateKey);
        const fromJwk = importKey(jwk as Jwk, alg === 'X25519' ? {} : { alg });
        const fromPkcs8 = importKey(await jose.exportPKCS8(pair.privateKey));
        const fromSpki = importKey(await jose.exportSPKI(pair.publicKey));
        expect(cachetJwk(fromJwk, true)).toEqual({ crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d });
        expect(cachetJwk(fromPkcs8, true)).toEqual(cachetJwk(fromJwk, true));
        expect(fromSpki.id).toBe(fromJwk.id);
      });

      it('openssl genpkey keys (PKCS #8 PEM and DER)', () => {
        const pem = openssl('genpkey', ...OPENSSL_GEN[alg]).toString();
        const key = importKey(pem);
        expect([key.alg, key.type]).toEqual([alg, 'private']);
        const pubDer = openssl('pkey', '-in', file(pem), '-pubout', '-outform', 'DER');
        expect(toHex(exportKey(key.publicKey!, 'der'))).toBe(toHex(pubDer));
        const der = openssl('pkey', '-in', file(pem), '-outform', 'DER');
        expect(importKey(new Uint8Array(der), { format: 'der' }).id).toBe(key.id);
      });

      it('python cryptography keys (PKCS #8 and SPKI)', () => {
        const gen = {
          Ed25519: 'ed25519.Ed25519PrivateKey.generate()',
          X25519: 'x25519.X25519PrivateKey.generate()',
          ES256: 'ec.generate_private_key(ec.SECP256R1())',
          ES384: 'ec.generate_private_key(ec.SECP384R1())',
        }[alg];
        const out = python(`
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, x25519
k = ${gen}
print(k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode(), end='')
print(k.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode(), end='')
print(k.public_key().public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo).hex())
`);
        const [privPem, pubPem] = out.split(/(?<=-----END PRIVATE KEY-----\n)/);
        const spkiHex = pubPem!.trim().split('\n').at(-1)!;
        const key = importKey(privPem!);
        const pub = importKey(pubPem!.slice(0, pubPem!.indexOf('-----END PUBLIC KEY-----') + 24));
        expect(key.alg).toBe(alg);
        expect(toHex(exportKey(key.publicKey!, 'der'))).toBe(spkiHex);
        expect(toHex(exportKey(pub, 'der'))).toBe(spkiHex);
      });
    });
  }

  it('openssl SEC1 keys, compressed points, and explicit curve parameters (refused)', () => {
    const sec1 = openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout').toString();
    expect(sec1).toContain('BEGIN EC PRIVATE KEY');
    const key = importKey(sec1);
    expect(key.alg).toBe('ES256');
    const compressed = openssl('ec', '-in', file(sec1), '-pubout', '-conv_form', 'compressed');
    const fromCompressed = importKey(compressed.toString());
    expect(fromCompressed.id).toBe(key.id);
    expect(toHex(exportKey(fromCompressed, 'raw'))).toBe(toHex(exportKey(key.publicKey!, 'raw')));
    const explicit = openssl('ec', '-in', file(sec1), '-param_enc', 'explicit').toString();
    expect(() => importKey(explicit)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_FORMAT',
        message: expect.stringMatching(/named curve/),
      }),
    );
  });

  it('openssl RSA keys: 2048-bit public keys (rsaEncryption and RSASSA-PSS), 1024 refused', () => {
    const rsa = openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048');
    const spki = openssl('pkey', '-in', file(rsa), '-pubout', '-outform', 'DER');
    const key = importKey(new Uint8Array(spki), { format: 'der', alg: 'RS256' });
    expect(toHex(exportKey(key, 'der'))).toBe(toHex(spki));
    expect(nodeJwk(createPublicKey(exportKey(key, 'pem')))).toEqual(
      nodeJwk(createPublicKey({ key: spki, format: 'der', type: 'spki' })),
    );
    expect(() => importKey(rsa.toString(), { alg: 'RS256' })).toThrow(CachetError);

    const pss = openssl('genpkey', '-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048');
    const pssSpki = openssl('pkey', '-in', file(pss), '-pubout').toString();
    const pssKey = importKey(pssSpki, { alg: 'PS256' });
    // Stored (and exported) as an rsaEncryption SPKI, which every platform imports.
    const n = python(`
from cryptography.hazmat.primitives import serialization as s
k = s.load_pem_public_key(open(${JSON.stringify(file(pssSpki))}, 'rb').read())
print(format(k.public_numbers().n, 'x'))
`).trim();
    expect(toHex(Buffer.from((exportKey(pssKey, 'jwk') as Jwk).n!, 'base64url'))).toBe(
      n.padStart(512, '0'),
    );
    expect(createPublicKey(exportKey(pssKey, 'pem')).asymmetricKeyType).toBe('rsa');

    const small = openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024');
    const smallPub = openssl('pkey', '-in', file(small), '-pubout').toString();
    expect(() => importKey(smallPub, { alg: 'RS256' })).toThrow(/1024 bits/);
  });

  it('openssl encrypted PKCS #8 is refused with advice, not misread', () => {
    const pem = openssl('genpkey', '-algorithm', 'ed25519', '-aes-256-cbc', '-pass', 'pass:x');
    expect(pem.toString()).toContain('ENCRYPTED PRIVATE KEY');
    expect(() => importKey(pem.toString())).toThrow(
      expect.objectContaining({ code: 'ERR_UNSUPPORTED_ALGORITHM' }),
    );
  });
});

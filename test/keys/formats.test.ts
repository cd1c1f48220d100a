// importKey/exportKey round trips for every algorithm in every format it has (raw, JWK
// per RFC 7517/7518/8037, PEM and DER SPKI/PKCS #8), on both backends, over random key
// material; the exact shapes of the encodings (checked against the RFC layouts written
// out here, not against cachet's own encoder); stable ids; and the formats a key type
// has no form in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyError, UnsupportedError } from '../../src/index.js';
import { exportKey, importKey, type Jwk, type Key } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { refBase64 } from '../helpers/reference-codecs.js';
import { hex, toHex } from '../helpers/vectors.js';
import { ASYMMETRIC_ALGS, type AsymAlg, SECRET_ALGS, type SecretAlg } from './algs.js';

const b64url = (bytes: Uint8Array) => refBase64(bytes, true);

// RFC 8410 §4/§7 and RFC 5480/5915 fixed DER headers, followed by the raw key.
const SPKI_PREFIX: Record<AsymAlg, string> = {
  Ed25519: '302a300506032b6570032100',
  X25519: '302a300506032b656e032100',
  ES256: '3059301306072a8648ce3d020106082a8648ce3d030107034200',
  ES384: '3076301006072a8648ce3d020106052b81040022036200',
};
const PKCS8_PREFIX: Record<AsymAlg, string> = {
  Ed25519: '302e020100300506032b657004220420',
  X25519: '302e020100300506032b656e04220420',
  ES256: '3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420',
  ES384: '304e020100301006072a8648ce3d020106052b81040022043730350201010430',
};
const ORDER: Record<'ES256' | 'ES384', bigint> = {
  ES256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  ES384:
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

/** Random valid private key bytes for an algorithm. */
function privateBytes(alg: AsymAlg): fc.Arbitrary<Uint8Array> {
  const { privateLength } = ASYMMETRIC_ALGS[alg];
  const raw = fc.uint8Array({ minLength: privateLength, maxLength: privateLength });
  if (alg !== 'ES256' && alg !== 'ES384') return raw;
  return raw.filter((d) => {
    const n = BigInt(`0x${toHex(d)}`);
    return n > 0n && n < ORDER[alg];
  });
}

/** Splits a PEM into its label and base64 lines, checking the RFC 7468 §2 layout. */
function pemParts(pem: string): { label: string; der: string } {
  const lines = pem.split('\n');
  expect(lines.at(-1)).toBe(''); // ends with a newline
  const label = /^-----BEGIN (.+)-----$/.exec(lines[0]!)![1]!;
  expect(lines.at(-2)).toBe(`-----END ${label}-----`);
  const body = lines.slice(1, -2);
  for (const line of body.slice(0, -1)) expect(line).toHaveLength(64);
  expect(body.at(-1)!.length).toBeLessThanOrEqual(64);
  return { label, der: body.join('') };
}

function material(key: Key): string {
  return toHex(exportKey(key, 'raw', { includeSecret: true }));
}

describeEachBackend('secret keys: raw and JWK (kty "oct")', () => {
  for (const alg of Object.keys(SECRET_ALGS) as SecretAlg[]) {
    const length = SECRET_ALGS[alg];
    it(`${alg}: round-trips raw and JWK; no PEM or DER form`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: length, maxLength: length }), (secret) => {
          const key = importKey(secret, { alg, format: 'raw' });
          expect(key.type).toBe('secret');
          expect(key.alg).toBe(alg);
          expect(toHex(exportKey(key, 'raw', { includeSecret: true }))).toBe(toHex(secret));

          const jwk = exportKey(key, 'jwk', { includeSecret: true });
          expect(jwk).toEqual({ kty: 'oct', k: b64url(secret), alg, kid: key.id });
          for (const input of [jwk, JSON.stringify(jwk)]) {
            const back = importKey(input);
            expect([back.id, back.alg, back.type, material(back)]).toEqual([
              key.id,
              alg,
              'secret',
              toHex(secret),
            ]);
          }
          // The same bytes give the same id every time (ids of imported keys are derived).
          expect(importKey(secret, { alg }).id).toBe(key.id);

          for (const format of ['pem', 'der'] as const) {
            expect(() => exportKey(key, format, { includeSecret: true })).toThrow(UnsupportedError);
          }
          for (const format of ['raw', 'jwk', 'pem', 'der'] as const) {
            expect(() => exportKey(key, format)).toThrow(KeyError);
          }
        }),
        { numRuns: 30 },
      );
    });
  }

  it('HMAC keys may be longer than the hash, never shorter (RFC 7518 §3.2)', () => {
    for (const [alg, min] of [
      ['HS256', 32],
      ['HS512', 64],
    ] as const) {
      for (const length of [min, min + 1, 100, 200]) {
        const key = importKey(new Uint8Array(length).fill(1), { alg });
        expect(exportKey(key, 'raw', { includeSecret: true })).toHaveLength(length);
      }
      for (const length of [0, 16, min - 1]) {
        expect(() => importKey(new Uint8Array(length), { alg })).toThrow(
          expect.objectContaining({ code: 'ERR_INVALID_KEY' }),
        );
      }
    }
  });

  it('fixed-length secrets must have exactly their length', () => {
    for (const alg of ['A256GCM', 'A256GCM-SIV', 'XC20P', 'AES-SIV', 'A256KW'] as const) {
      for (const delta of [-1, 1, -16]) {
        expect(() => importKey(new Uint8Array(SECRET_ALGS[alg] + delta), { alg })).toThrow(
          expect.objectContaining({ code: 'ERR_INVALID_KEY' }),
        );
      }
    }
  });
});

describeEachBackend('asymmetric keys: raw, JWK, PEM and DER', () => {
  for (const alg of Object.keys(ASYMMETRIC_ALGS) as AsymAlg[]) {
    const spec = ASYMMETRIC_ALGS[alg];
    it(`${alg}: every format round-trips, private and public, with the RFC layouts`, () => {
      fc.assert(
        fc.property(privateBytes(alg), (d) => {
          const key = importKey(d, { alg, format: 'raw', type: 'private' });
          const pub = key.publicKey!;
          expect(key.type).toBe('private');
          const pubRaw = exportKey(pub, 'raw');
          expect(pubRaw).toHaveLength(spec.publicLength);
          if (spec.kty === 'EC') expect(pubRaw[0]).toBe(4);

          // DER: the fixed RFC headers followed by the raw key.
          const pkcs8 = exportKey(key, 'der', { includeSecret: true });
          expect(toHex(pkcs8)).toBe(PKCS8_PREFIX[alg] + toHex(d));
          const spki = exportKey(pub, 'der');
          expect(toHex(spki)).toBe(SPKI_PREFIX[alg] + toHex(pubRaw));

          // PEM: RFC 7468 armour of the same DER.
          const privPem = pemParts(exportKey(key, 'pem', { includeSecret: true }));
          expect(privPem).toEqual({ label: 'PRIVATE KEY', der: refBase64(pkcs8) });
          const pubPem = pemParts(exportKey(pub, 'pem'));
          expect(pubPem).toEqual({ label: 'PUBLIC KEY', der: refBase64(spki) });

          // JWK: RFC 8037 §2 for OKP, RFC 7518 §6.2 for EC (fixed-length coordinates).
          const jwk = exportKey(key, 'jwk', { includeSecret: true }) as Jwk;
          const pubJwk = exportKey(pub, 'jwk') as Jwk;
          const algMember = alg === 'X25519' ? {} : { alg };
          if (spec.kty === 'OKP') {
            expect(pubJwk).toEqual({
              kty: 'OKP',
              crv: alg,
              x: b64url(pubRaw),
              ...algMember,
              kid: key.id,
            });
          } else {
            const size = (spec.publicLength - 1) / 2;
            expect(pubJwk).toEqual({
              kty: 'EC',
              crv: spec.curve,
              x: b64url(pubRaw.subarray(1, 1 + size)),
              y: b64url(pubRaw.subarray(1 + size)),
              ...algMember,
              kid: key.id,
            });
          }
          expect(jwk).toEqual({ ...pubJwk, d: b64url(d) });

          // Every encoding imports back to the same key, with the same derived id.
          const privates = [
            importKey(d, { alg, type: 'private' }),
            importKey(pkcs8, { format: 'der' }),
            importKey(exportKey(key, 'pem', { includeSecret: true })),
            importKey(jwk),
            importKey(JSON.stringify(jwk)),
            importKey({ ...jwk, kid: undefined }),
          ];
          for (const back of privates) {
            expect([back.alg, back.type, back.id, material(back)]).toEqual([
              alg,
              'private',
              key.id,
              toHex(d),
            ]);
            expect(toHex(exportKey(back.publicKey!, 'raw'))).toBe(toHex(pubRaw));
          }
          const publics = [
            importKey(pubRaw, { alg }),
            importKey(spki, { format: 'der' }),
            importKey(exportKey(pub, 'pem')),
            importKey(pubJwk),
            importKey({ ...pubJwk, kid: undefined }),
          ];
          for (const back of publics) {
            expect([back.alg, back.type, back.id, toHex(exportKey(back, 'raw'))]).toEqual([
              alg,
              'public',
              key.id,
              toHex(pubRaw),
            ]);
          }
        }),
        { numRuns: 12 },
      );
    });

    it(`${alg}: private material only leaves with includeSecret`, () => {
      const key = importKey(new Uint8Array(spec.privateLength).fill(3), {
        alg,
        type: 'private',
      });
      for (const format of ['raw', 'jwk', 'pem', 'der'] as const) {
        expect(() => exportKey(key, format)).toThrow(/includeSecret/);
        expect(() => exportKey(key, format, { includeSecret: false })).toThrow(KeyError);
      }
    });
  }

  it('a JWK kid of the 8-hex form becomes the id; other kids are ignored', () => {
    const pub = exportKey(
      importKey(new Uint8Array(32).fill(9), { alg: 'Ed25519', type: 'private' }).publicKey!,
      'jwk',
    ) as Jwk;
    expect(importKey({ ...pub, kid: 'abcdef01' }).id).toBe('abcdef01');
    const derived = importKey({ ...pub, kid: undefined }).id;
    expect(importKey({ ...pub, kid: 'my key' }).id).toBe(derived);
    expect(importKey({ ...pub, kid: 'abcdef01' }, { id: '12345678' }).id).toBe('12345678');
  });

  it('EC public keys also export as compressed points, which import back (SEC1 §2.3.3)', () => {
    for (const alg of ['ES256', 'ES384'] as const) {
      fc.assert(
        fc.property(privateBytes(alg), (d) => {
          const pub = importKey(d, { alg, type: 'private' }).publicKey!;
          const full = exportKey(pub, 'raw');
          const short = exportKey(pub, 'raw', { compressed: true });
          const size = (full.length - 1) / 2;
          expect(short).toHaveLength(1 + size);
          expect(short[0]).toBe(full[full.length - 1]! & 1 ? 3 : 2);
          expect(toHex(short.subarray(1))).toBe(toHex(full.subarray(1, 1 + size)));
          expect(toHex(exportKey(importKey(short, { alg }), 'raw'))).toBe(toHex(full));
        }),
        { numRuns: 10 },
      );
    }
  });

  it('a private key whose stated public half does not match is refused', () => {
    const a = exportKey(
      importKey(new Uint8Array(32).fill(1), { alg: 'ES256', type: 'private' }),
      'jwk',
      { includeSecret: true },
    ) as Jwk;
    const b = exportKey(
      importKey(new Uint8Array(32).fill(2), { alg: 'ES256', type: 'private' }),
      'jwk',
      { includeSecret: true },
    ) as Jwk;
    expect(() => importKey({ ...a, x: b.x, y: b.y } as Jwk)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_KEY' }),
    );
  });
});

describe('PEM input tolerance (RFC 7468 §3) with strict base64', () => {
  const key = importKey(new Uint8Array(32).fill(5), { alg: 'Ed25519', type: 'private' });
  const pem = exportKey(key.publicKey!, 'pem');
  const body = pem.split('\n').slice(1, -2).join('');

  it('accepts CRLF, surrounding text and re-wrapped lines', () => {
    const variants = [
      pem.replaceAll('\n', '\r\n'),
      `Subject: test\n\n${pem}\ntrailing text`,
      `-----BEGIN PUBLIC KEY-----\n${body.match(/.{1,16}/g)!.join('\n')}\n-----END PUBLIC KEY-----`,
      `-----BEGIN PUBLIC KEY-----${body}-----END PUBLIC KEY-----`,
    ];
    for (const text of variants) expect(importKey(text).id).toBe(key.id);
  });

  it('refuses mismatched labels, bad base64, two blocks and no block', () => {
    const bad = [
      pem.replace('END PUBLIC', 'END PRIVATE'),
      pem.replace(body.slice(0, 4), body.slice(0, 3) + '!'),
      pem.replace(body.slice(-4), '===='),
      pem + pem,
      body,
      '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----',
      '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----',
    ];
    for (const text of bad) {
      expect(() => importKey(text, { format: 'pem' })).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_FORMAT' }),
      );
    }
  });

  it('refuses encrypted PKCS #8 with advice', () => {
    const text = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body}\n-----END ENCRYPTED PRIVATE KEY-----`;
    expect(() => importKey(text)).toThrow(/openssl pkcs8/);
  });

  it('reads SEC1 (RFC 5915) keys, PEM and DER, with and without the public key', () => {
    const d = hex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
    const ec = importKey(d, { alg: 'ES256', type: 'private' });
    const point = exportKey(ec.publicKey!, 'raw');
    // RFC 5915 §3: SEQUENCE { 1, OCTET STRING d, [0] namedCurve, [1] BIT STRING point }
    const withPub = `30770201010420${toHex(d)}a00a06082a8648ce3d030107a144034200${toHex(point)}`;
    const withoutPub = `30310201010420${toHex(d)}a00a06082a8648ce3d030107`;
    for (const der of [withPub, withoutPub]) {
      const text = `-----BEGIN EC PRIVATE KEY-----\n${refBase64(hex(der))}\n-----END EC PRIVATE KEY-----\n`;
      const back = importKey(text);
      expect(importKey(hex(der), { format: 'der' }).id).toBe(ec.id); // SEC1 as bare DER
      expect([back.alg, back.type, back.id, material(back)]).toEqual([
        'ES256',
        'private',
        ec.id,
        toHex(d),
      ]);
    }
  });
});

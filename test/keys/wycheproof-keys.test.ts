// Public-key import driven by Wycheproof (../shared/vectors/wycheproof): the keys of the
// ECDH files (SPKI DER, raw SEC1 points, JWK), the X25519 file and the Ed25519/ECDSA
// verification files. Every key of a `valid` case imports to the same point in every form
// given; every `invalid` public key is refused with a CachetError. `acceptable` cases are
// decided on purpose:
// - compressed P-256 points: accepted (SEC1 §2.3.4 decompression);
// - "InvalidAsn" (BER leniencies) and "UnnamedCurve" (explicit curve parameters): refused,
//   cachet reads strict DER and named curves only (RFC 5480 §2.1.1);
// - X25519 low-order public keys (all-zero shared secret): refused (RFC 7748 §6.1 says a
//   party MAY check; cachet does, once, at import); twist and non-canonical u: accepted,
//   as RFC 7748 §5 requires.
import { expect, it } from 'vitest';
import { CachetError } from '../../src/index.js';
import { exportKey, importKey, type Jwk } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, loadVectors, toHex } from '../helpers/vectors.js';

interface Case {
  tcId: number;
  comment: string;
  flags: string[];
  result: 'valid' | 'invalid' | 'acceptable';
  public: string & Jwk;
  private: string & Jwk;
}
interface File<G> {
  testGroups: Array<G & { tests: Case[] }>;
}

function outcome(fn: () => unknown): 'ok' | string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(CachetError);
    return (err as CachetError).code;
  }
}

function decideP256(c: Case): 'accept' | 'refuse' {
  if (c.result === 'valid') return 'accept';
  if (c.result === 'invalid') return 'refuse';
  return c.flags.includes('CompressedPublic') ? 'accept' : 'refuse';
}

describeEachBackend('Wycheproof public keys', () => {
  it('ECDH P-256, keys as SubjectPublicKeyInfo DER', async () => {
    const file = await loadVectors<File<object>>('wycheproof/ecdh_secp256r1_test.json');
    if (!file) return;
    let checked = 0;
    for (const group of file.testGroups) {
      for (const c of group.tests) {
        const der = hex(c.public);
        const got = outcome(() => {
          const key = importKey(der, { format: 'der', alg: 'ES256' });
          // Uncompressed keys come back byte for byte.
          if (der.length === 91) expect(toHex(exportKey(key, 'der'))).toBe(c.public);
        });
        const want = decideP256(c);
        expect(got === 'ok' ? 'accept' : 'refuse', `tcId ${c.tcId} ${c.comment}`).toBe(want);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('ECDH P-256, keys as raw SEC1 points', async () => {
    const file = await loadVectors<File<object>>('wycheproof/ecdh_secp256r1_ecpoint_test.json');
    if (!file) return;
    for (const group of file.testGroups) {
      for (const c of group.tests) {
        const point = hex(c.public);
        const got = outcome(() => {
          const key = importKey(point, { alg: 'ES256' });
          if (point[0] === 4) expect(toHex(exportKey(key, 'raw'))).toBe(c.public);
        });
        expect(got === 'ok' ? 'accept' : 'refuse', `tcId ${c.tcId} ${c.comment}`).toBe(
          decideP256(c),
        );
      }
    }
  });

  it('ECDH P-256, keys as JWK (public and private)', async () => {
    const file = await loadVectors<File<object>>('wycheproof/ecdh_secp256r1_webcrypto_test.json');
    if (!file) return;
    for (const group of file.testGroups) {
      for (const c of group.tests) {
        const pub = outcome(() => importKey(c.public, { alg: 'ES256' }));
        expect(pub === 'ok' ? 'accept' : 'refuse', `tcId ${c.tcId} ${c.comment}`).toBe(
          decideP256(c),
        );
        // The private JWKs are all well-formed P-256 keys with a matching public half.
        const priv = importKey(c.private, { alg: 'ES256' });
        expect(exportKey(priv.publicKey!, 'jwk')).toMatchObject({ x: c.private.x, y: c.private.y });
      }
    }
  });

  it('X25519: valid keys and non-canonical/twist keys import; low-order keys are refused', async () => {
    const file = await loadVectors<File<object>>('wycheproof/x25519_test.json');
    if (!file) return;
    const tally = { accepted: 0, refused: 0 };
    for (const group of file.testGroups) {
      for (const c of group.tests) {
        const got = outcome(() => {
          const key = importKey(hex(c.public), { alg: 'X25519' });
          expect(toHex(exportKey(key, 'raw'))).toBe(c.public);
        });
        const lowOrder = c.flags.includes('LowOrderPublic');
        expect(got, `tcId ${c.tcId} ${c.comment}`).toBe(lowOrder ? 'ERR_INVALID_KEY' : 'ok');
        if (lowOrder) expect(c.result).toBe('acceptable');
        tally[got === 'ok' ? 'accepted' : 'refused']++;
        // Any 32 bytes are a private key (RFC 7748 §5 clamps them).
        expect(outcome(() => importKey(hex(c.private), { alg: 'X25519', type: 'private' }))).toBe(
          'ok',
        );
      }
    }
    expect(tally.accepted).toBeGreaterThan(400);
    expect(tally.refused).toBeGreaterThan(20);
  });

  it('Ed25519: the raw, DER, PEM and JWK forms of each key agree', async () => {
    const file = await loadVectors<
      File<{
        publicKey: { pk: string };
        publicKeyDer: string;
        publicKeyPem: string;
        publicKeyJwk: Jwk;
      }>
    >('wycheproof/ed25519_test.json');
    if (!file) return;
    for (const g of file.testGroups) {
      const forms = [
        importKey(hex(g.publicKey.pk), { alg: 'Ed25519' }),
        importKey(hex(g.publicKeyDer), { format: 'der' }),
        importKey(g.publicKeyPem),
        importKey(g.publicKeyJwk),
      ];
      for (const key of forms) {
        expect([key.alg, toHex(exportKey(key, 'raw'))]).toEqual(['Ed25519', g.publicKey.pk]);
      }
    }
  });

  it('ECDSA: the raw, DER, PEM and JWK forms of each key agree; other curves are refused', async () => {
    const names = [
      'ecdsa_secp256r1_sha256_p1363_test.json',
      'ecdsa_secp384r1_sha384_p1363_test.json',
      'ecdsa_webcrypto_test.json',
    ];
    const algOf: Record<string, 'ES256' | 'ES384'> = { secp256r1: 'ES256', secp384r1: 'ES384' };
    for (const name of names) {
      type Group = {
        publicKey?: { curve: string; uncompressed: string };
        key?: { curve: string; uncompressed: string };
        publicKeyDer?: string;
        keyDer?: string;
        publicKeyPem?: string;
        keyPem?: string;
        publicKeyJwk?: Jwk;
        jwk?: Jwk;
      };
      const file = await loadVectors<File<Group>>(`wycheproof/${name}`);
      if (!file) return;
      for (const g of file.testGroups) {
        const pk = (g.publicKey ?? g.key)!;
        const inputs = [
          () => importKey(hex((g.publicKeyDer ?? g.keyDer)!), { format: 'der' }),
          () => importKey((g.publicKeyPem ?? g.keyPem)!),
          ...((g.publicKeyJwk ?? g.jwk) ? [() => importKey((g.publicKeyJwk ?? g.jwk)!)] : []),
        ];
        const alg = algOf[pk.curve];
        if (alg) inputs.push(() => importKey(hex(pk.uncompressed), { alg }));
        for (const input of inputs) {
          if (alg) {
            const key = input();
            expect([key.alg, toHex(exportKey(key, 'raw'))]).toEqual([alg, pk.uncompressed]);
          } else {
            expect(outcome(input), `${name} ${pk.curve}`).toBe('ERR_UNSUPPORTED_ALGORITHM');
          }
        }
      }
    }
  });
});

// Interop with WebCrypto (`crypto.subtle`), both directions, in Node and in Chromium:
// WebCrypto keys (SPKI, JWK, raw; PKCS #8 and JWK private) import into cachet, WebCrypto
// signatures verify here (high S included: WebCrypto does not normalise), and cachet's
// keys and signatures import and verify there.
import { expect, it } from 'vitest';
import { exportKey, importKey } from '../../src/keys/index.js';
import { generateKeyPair, type SignAlg, sign, verify } from '../../src/sign/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const subtle = globalThis.crypto.subtle;
const te = new TextEncoder();
const PARAMS = {
  Ed25519: { gen: { name: 'Ed25519' }, sig: { name: 'Ed25519' } },
  ES256: {
    gen: { name: 'ECDSA', namedCurve: 'P-256' },
    sig: { name: 'ECDSA', hash: 'SHA-256' },
  },
  ES384: {
    gen: { name: 'ECDSA', namedCurve: 'P-384' },
    sig: { name: 'ECDSA', hash: 'SHA-384' },
  },
} as const;
const HALF = {
  ES256: 0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8n,
  ES384:
    0x7fffffffffffffffffffffffffffffffffffffffffffffffe3b1a6c0fa1b96efac0d06d9245853bd76760cb5666294b9n,
} as const;

const ab = (u: Uint8Array) => u.slice().buffer;
const hexOf = (u: Uint8Array) => Array.from(u, (x) => x.toString(16).padStart(2, '0')).join('');

async function supported(alg: SignAlg): Promise<boolean> {
  try {
    await subtle.generateKey(PARAMS[alg].gen, false, ['sign', 'verify']);
    return true;
  } catch {
    console.warn(`skipping WebCrypto ${alg}: this runtime's WebCrypto does not support it`);
    return false;
  }
}
const support = Object.fromEntries(
  await Promise.all(
    (['Ed25519', 'ES256', 'ES384'] as const).map(async (a) => [a, await supported(a)]),
  ),
) as Record<SignAlg, boolean>;

describeEachBackend('WebCrypto interop', () => {
  for (const alg of ['Ed25519', 'ES256', 'ES384'] as const) {
    const { gen, sig } = PARAMS[alg];

    it.skipIf(!support[alg])(`${alg}: cachet verifies WebCrypto signatures and keys`, async () => {
      const pair = (await subtle.generateKey(gen, true, ['sign', 'verify'])) as CryptoKeyPair;
      const keys = [
        importKey(new Uint8Array(await subtle.exportKey('spki', pair.publicKey)), {
          format: 'der',
        }),
        importKey((await subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey),
        importKey(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)), { alg }),
      ];
      let high = 0;
      for (let i = 0; i < 24; i++) {
        const m = te.encode(`webcrypto ${i}`);
        const s = new Uint8Array(await subtle.sign(sig, pair.privateKey, m));
        for (const k of keys) expect(verify(k, m, s)).toBe(true);
        expect(verify(keys[0]!, te.encode('other'), s)).toBe(false);
        if (alg !== 'Ed25519' && BigInt(`0x${hexOf(s.subarray(s.length / 2))}`) > HALF[alg]) {
          high++;
          expect(verify(keys[0]!, m, s, { lowS: true })).toBe(false);
        }
      }
      if (alg !== 'Ed25519') expect(high, 'no high-S signature in 24').toBeGreaterThan(0);
      // WebCrypto's private key, exported as PKCS #8 and JWK, signs in cachet.
      const privs = [
        importKey(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)), {
          format: 'der',
        }),
        importKey((await subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey),
      ];
      for (const p of privs) {
        const m = te.encode('cachet with a WebCrypto key');
        expect(await subtle.verify(sig, pair.publicKey, ab(sign(p, m)), m)).toBe(true);
      }
    });

    it.skipIf(!support[alg])(`${alg}: WebCrypto verifies cachet signatures and keys`, async () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      const usages: KeyUsage[] = ['verify'];
      const pubs = [
        await subtle.importKey('spki', ab(exportKey(publicKey, 'der')), gen, false, usages),
        await subtle.importKey(
          'jwk',
          exportKey(publicKey, 'jwk') as JsonWebKey,
          gen,
          false,
          usages,
        ),
        await subtle.importKey('raw', ab(exportKey(publicKey, 'raw')), gen, false, usages),
      ];
      for (const m of [
        new Uint8Array(0),
        te.encode('to WebCrypto'),
        new Uint8Array(5000).fill(3),
      ]) {
        const s = sign(privateKey, m, { lowS: false });
        for (const k of pubs) expect(await subtle.verify(sig, k, ab(s), ab(m))).toBe(true);
        const bad = s.slice();
        bad[0]! ^= 0x80;
        expect(await subtle.verify(sig, pubs[0]!, ab(bad), ab(m))).toBe(false);
      }
      // cachet's private key, exported as PKCS #8 and JWK, signs in WebCrypto.
      const jwk = exportKey(privateKey, 'jwk', { includeSecret: true }) as JsonWebKey;
      const der = exportKey(privateKey, 'der', { includeSecret: true });
      for (const p of [
        await subtle.importKey('pkcs8', ab(der), gen, false, ['sign']),
        await subtle.importKey('jwk', jwk, gen, false, ['sign']),
      ]) {
        const m = te.encode('WebCrypto with a cachet key');
        expect(verify(publicKey, m, new Uint8Array(await subtle.sign(sig, p, m)))).toBe(true);
      }
    });
  }
});

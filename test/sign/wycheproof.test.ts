// Wycheproof signature vectors through cachet's PUBLIC API, on both backends (and in
// Chromium): each group's key is imported from every encoding the vector gives (raw,
// compressed point, DER SPKI, PEM, JWK), the imports must agree, and every test is
// verified with `verify`. `valid` must return true; `invalid` must return false or throw
// a typed CachetError. Groups outside cachet/sign (secp256k1, P-521, a hash that does
// not match the curve) are counted and skipped with the reason printed.
import { expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import { exportKey, importKey, type Key } from '../../src/keys/index.js';
import { type SignatureFormat, verify } from '../../src/sign/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, loadVectors, toHex } from '../helpers/vectors.js';

interface Test {
  tcId: number;
  comment: string;
  flags: string[];
  msg: string;
  sig: string;
  result: 'valid' | 'invalid' | 'acceptable';
}
interface Group {
  tests: Test[];
  [param: string]: unknown;
}
interface VectorFile {
  testGroups: Group[];
}
type EcKey = { curve: string; uncompressed: string; wx: string; wy: string };

const FILES = {
  'ed25519_test.json': 'p1363',
  'ecdsa_secp256r1_sha256_test.json': 'der',
  'ecdsa_secp256r1_sha256_p1363_test.json': 'p1363',
  'ecdsa_secp384r1_sha384_test.json': 'der',
  'ecdsa_secp384r1_sha384_p1363_test.json': 'p1363',
  'ecdsa_webcrypto_test.json': 'p1363',
} as const satisfies Record<string, SignatureFormat>;
type File = keyof typeof FILES;

const loaded = Object.fromEntries(
  await Promise.all(
    Object.keys(FILES).map(async (f) => [f, await loadVectors<VectorFile>(`wycheproof/${f}`)]),
  ),
) as Record<File, VectorFile | undefined>;

const SUPPORTED: Record<string, { alg: 'ES256' | 'ES384'; sha: string }> = {
  secp256r1: { alg: 'ES256', sha: 'SHA-256' },
  secp384r1: { alg: 'ES384', sha: 'SHA-384' },
};

/** SEC1 §2.3.3 compressed point from the vector's coordinates (test-side). */
function compressed(key: EcKey, size: number): Uint8Array {
  const x = key.wx.padStart(2 * size, '0').slice(-2 * size);
  const yLast = Number.parseInt(key.wy.slice(-2), 16);
  return hex(`0${yLast & 1 ? 3 : 2}${x}`);
}

/** Every import of the group's key; they must all be the same key. */
function importsOf(file: File, g: Group): Key[] {
  if (file === 'ed25519_test.json') {
    const pk = hex((g['publicKey'] as { pk: string }).pk);
    return [
      importKey(pk, { alg: 'Ed25519' }),
      importKey(hex(g['publicKeyDer'] as string), { format: 'der' }),
      importKey(g['publicKeyPem'] as string),
      importKey(g['publicKeyJwk'] as JsonWebKey),
    ];
  }
  const webcrypto = file === 'ecdsa_webcrypto_test.json';
  const key = (webcrypto ? g['key'] : g['publicKey']) as EcKey;
  const { alg } = SUPPORTED[key.curve]!;
  const size = alg === 'ES256' ? 32 : 48;
  const keys = [
    importKey(hex(key.uncompressed), { alg }),
    importKey(compressed(key, size), { alg }),
    importKey(hex((webcrypto ? g['keyDer'] : g['publicKeyDer']) as string), { format: 'der' }),
    importKey((webcrypto ? g['keyPem'] : g['publicKeyPem']) as string),
  ];
  const jwk = webcrypto ? g['jwk'] : g['publicKeyJwk'];
  if (jwk) keys.push(importKey(jwk as JsonWebKey));
  return keys;
}

function unsupported(file: File, g: Group): string | undefined {
  if (file === 'ed25519_test.json') return undefined;
  const key = (g['publicKey'] ?? g['key']) as EcKey;
  const supported = SUPPORTED[key.curve];
  if (!supported) return `curve ${key.curve} is not a cachet/sign curve`;
  if (supported.sha !== g['sha']) return `${key.curve} with ${String(g['sha'])} is not ES256/ES384`;
  return undefined;
}

/** The s half of a P1363 signature is above n/2 (test-side, for the lowS policy). */
const HALF = {
  64: 0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8n,
  96: 0x7fffffffffffffffffffffffffffffffffffffffffffffffe3b1a6c0fa1b96efac0d06d9245853bd76760cb5666294b9n,
} as Record<number, bigint>;

describeEachBackend('Wycheproof via importKey + verify', () => {
  for (const file of Object.keys(FILES) as File[]) {
    const format = FILES[file];
    it.skipIf(!loaded[file])(file, () => {
      const failures: string[] = [];
      const skipped = new Map<string, number>();
      let checked = 0;
      let strictChecked = 0;
      for (const [gi, g] of loaded[file]!.testGroups.entries()) {
        const why = unsupported(file, g);
        if (why) {
          skipped.set(why, (skipped.get(why) ?? 0) + g.tests.length);
          continue;
        }
        let keys: Key[];
        try {
          keys = importsOf(file, g);
        } catch (err) {
          // Only acceptable when every test of the group is invalid (a refused key).
          for (const t of g.tests) {
            if (t.result !== 'invalid') failures.push(`tcId ${t.tcId}: key import threw ${err}`);
            else checked++;
          }
          continue;
        }
        const raw = toHex(exportKey(keys[0]!, 'raw'));
        for (const k of keys) {
          if (toHex(exportKey(k, 'raw')) !== raw || k.id !== keys[0]!.id || k.alg !== keys[0]!.alg)
            failures.push(`group ${gi}: imports of the same key disagree`);
        }
        const key = keys[gi % keys.length]!; // spread the verifications over the encodings
        for (const t of g.tests) {
          checked++;
          const sig = hex(t.sig);
          let outcome: boolean | string;
          try {
            outcome = verify(key, hex(t.msg), sig, { format });
          } catch (err) {
            outcome = err instanceof CachetError ? err.code : `untyped ${String(err)}`;
          }
          // `acceptable` here is only the webcrypto file's SigSize: a P1363 signature of
          // the wrong length, which cachet refuses as malformed.
          const want = t.result === 'valid';
          const ok = want ? outcome === true : outcome === false || /^ERR_/.test(String(outcome));
          if (!ok) failures.push(`tcId ${t.tcId} (${t.result}, ${t.comment}): got ${outcome}`);
          // lowS: true must accept exactly the valid signatures whose s is in the lower half.
          if (want && format === 'p1363' && file !== 'ed25519_test.json') {
            strictChecked++;
            const high = BigInt(`0x${t.sig.slice(t.sig.length / 2)}`) > HALF[sig.length]!;
            if (verify(key, hex(t.msg), sig, { format, lowS: true }) === high)
              failures.push(`tcId ${t.tcId}: lowS policy`);
          }
        }
      }
      expect(failures, `${failures.length} failures`).toEqual([]);
      expect(checked).toBeGreaterThan(0);
      const skips = [...skipped].map(([why, n]) => `${n} skipped (${why})`).join('; ');
      console.info(
        `${file}: ${checked} verified through the public API` +
          (strictChecked ? `, ${strictChecked} also with lowS: true` : '') +
          (skips ? `; ${skips}` : ''),
      );
    });
  }
});

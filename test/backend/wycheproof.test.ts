// Wycheproof (C2SP/wycheproof, ../shared/vectors/wycheproof) against both backends' raw
// primitives. Every `valid` case must be accepted with the exact expected output, every
// `invalid` one rejected; `acceptable` cases follow the policy named at each use.
// Groups with parameters outside cachet's interface are counted and reported, never
// silently passed: truncated tags (cachet always uses 128-bit tags) and secp256k1.
import { describe, expect, it } from 'vitest';
import { backends } from '#env';
import type { Backend, Curve, HashName } from '../../src/backend/types.js';
import { hex, loadVectors, toHex } from '../helpers/vectors.js';

interface Test {
  tcId: number;
  comment: string;
  flags: string[];
  result: 'valid' | 'invalid' | 'acceptable';
  [field: string]: unknown;
}
interface Group {
  tests: Test[];
  [param: string]: unknown;
}
interface VectorFile {
  testGroups: Group[];
}

const files = [
  'aes_gcm_test.json',
  'aes_gcm_siv_test.json',
  'chacha20_poly1305_test.json',
  'xchacha20_poly1305_test.json',
  'aes_siv_cmac_test.json',
  'hmac_sha256_test.json',
  'hmac_sha384_test.json',
  'hmac_sha512_test.json',
  'hkdf_sha256_test.json',
  'aes_wrap_test.json',
  'aes_kwp_test.json',
  'ed25519_test.json',
  'ecdsa_secp256r1_sha256_p1363_test.json',
  'ecdsa_secp384r1_sha384_p1363_test.json',
  'ecdsa_webcrypto_test.json',
  'x25519_test.json',
  'ecdh_secp256r1_ecpoint_test.json',
] as const;

const loaded = Object.fromEntries(
  await Promise.all(
    files.map(async (f) => [f, await loadVectors<VectorFile>(`wycheproof/${f}`)] as const),
  ),
) as Record<(typeof files)[number], VectorFile | undefined>;

/** Runs `check` on every test of a file; returns how many were outside the interface. */
function run(
  file: (typeof files)[number],
  check: (g: Group, t: Test) => boolean | 'unsupported',
): void {
  const data = loaded[file];
  it.skipIf(!data)(file, () => {
    const failures: string[] = [];
    let unsupported = 0;
    let total = 0;
    for (const group of data!.testGroups) {
      for (const test of group.tests) {
        total++;
        let outcome: boolean | 'unsupported';
        try {
          outcome = check(group, test);
        } catch (err) {
          outcome = false;
          failures.push(`tcId ${test.tcId} threw ${(err as Error).message}`);
          continue;
        }
        if (outcome === 'unsupported') unsupported++;
        else if (!outcome) failures.push(`tcId ${test.tcId} (${test.result}, ${test.comment})`);
      }
    }
    expect(failures, `${failures.length} of ${total} failed`).toEqual([]);
    expect(unsupported, 'a whole file outside the interface').toBeLessThan(total);
    console.info(
      `${file}: ${total - unsupported} checked, ${unsupported} outside cachet's parameters`,
    );
  });
}

const b = (t: Test, field: string) => hex(t[field] as string);
const same = (x: Uint8Array | null, y: Uint8Array) => x !== null && toHex(x) === toHex(y);
const rejects = (f: () => Uint8Array | null | boolean) => {
  try {
    const r = f();
    return r === null || r === false;
  } catch {
    return true;
  }
};

type Seal = (k: Uint8Array, n: Uint8Array, p: Uint8Array, a: Uint8Array) => Uint8Array;
type Open = (k: Uint8Array, n: Uint8Array, s: Uint8Array, a: Uint8Array) => Uint8Array | null;

// AEAD policy: 128-bit tags only; nonces of exactly the algorithm's length (AES-GCM:
// 96 bits, SP 800-38D §8.2.1's recommended size) — other lengths are refused by both
// backends, so `valid` cases with them are outside the interface and `invalid` ones must
// still be rejected.
function aeadCheck(seal: Seal, open: Open, nonceBytes: number) {
  return (g: Group, t: Test): boolean | 'unsupported' => {
    if (g['tagSize'] !== 128) return 'unsupported';
    if (t.result === 'valid' && g['ivSize'] !== nonceBytes * 8) return 'unsupported';
    const [key, iv, aad, msg] = [b(t, 'key'), b(t, 'iv'), b(t, 'aad'), b(t, 'msg')];
    const sealed = hex((t['ct'] as string) + (t['tag'] as string));
    if (t.result === 'valid') {
      return same(seal(key, iv, msg, aad), sealed) && same(open(key, iv, sealed, aad), msg);
    }
    return rejects(() => open(key, iv, sealed, aad));
  };
}

const hashOf = (sha: string) => sha as HashName;
const curveOf: Record<string, Curve | undefined> = {
  secp256r1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

for (const [name, be] of backends as ReadonlyArray<readonly [string, Backend]>) {
  describe(`Wycheproof on the ${name} backend`, () => {
    run('aes_gcm_test.json', aeadCheck(be.aesGcmSeal, be.aesGcmOpen, 12));
    run('aes_gcm_siv_test.json', aeadCheck(be.aesGcmSivSeal, be.aesGcmSivOpen, 12));
    run(
      'chacha20_poly1305_test.json',
      aeadCheck(be.chacha20Poly1305Seal, be.chacha20Poly1305Open, 12),
    );
    run(
      'xchacha20_poly1305_test.json',
      aeadCheck(be.xchacha20Poly1305Seal, be.xchacha20Poly1305Open, 24),
    );

    run('aes_siv_cmac_test.json', (_g, t) => {
      const [key, aad, msg, ct] = [b(t, 'key'), b(t, 'aad'), b(t, 'msg'), b(t, 'ct')];
      if (t.result === 'valid')
        return same(be.aesSivSeal(key, msg, [aad]), ct) && same(be.aesSivOpen(key, ct, [aad]), msg);
      return rejects(() => be.aesSivOpen(key, ct, [aad]));
    });

    for (const [file, hash] of [
      ['hmac_sha256_test.json', 'SHA-256'],
      ['hmac_sha384_test.json', 'SHA-384'],
      ['hmac_sha512_test.json', 'SHA-512'],
    ] as const) {
      run(file, (g, t) => {
        // A truncated tag compares the leading tagSize bits of the full HMAC.
        const full = be.hmac(hash, b(t, 'key'), b(t, 'msg'));
        const tag = full.subarray(0, (g['tagSize'] as number) / 8);
        return (toHex(tag) === t['tag']) === (t.result === 'valid');
      });
    }

    run('hkdf_sha256_test.json', (_g, t) => {
      const derive = () =>
        be.hkdf('SHA-256', b(t, 'ikm'), b(t, 'salt'), b(t, 'info'), t['size'] as number);
      if (t.result === 'valid') return same(derive(), b(t, 'okm'));
      return rejects(derive); // invalid = output longer than 255 * HashLen
    });

    // Policy: an 8-byte key is not wrapped (NIST SP 800-38F needs n >= 2 blocks), so the
    // `acceptable` ShortKey cases are rejected.
    for (const [file, wrap, unwrap] of [
      ['aes_wrap_test.json', be.aesKwWrap, be.aesKwUnwrap],
      ['aes_kwp_test.json', be.aesKwpWrap, be.aesKwpUnwrap],
    ] as const) {
      run(file, (_g, t) => {
        const [kek, msg, ct] = [b(t, 'key'), b(t, 'msg'), b(t, 'ct')];
        if (t.result === 'valid') return same(wrap(kek, msg), ct) && same(unwrap(kek, ct), msg);
        // Inputs of a size that cannot be wrapped are refused on the way in too.
        const badInput = t.flags.some((f) => ['EmptyKey', 'ShortKey', 'WrongDataSize'].includes(f));
        return rejects(() => unwrap(kek, ct)) && (!badInput || rejects(() => wrap(kek, msg)));
      });
    }

    run('ed25519_test.json', (g, t) => {
      const pk = hex((g['publicKey'] as { pk: string }).pk);
      const ok = be.ed25519Verify(pk, b(t, 'msg'), b(t, 'sig'));
      return ok === (t.result === 'valid');
    });

    const ecdsaCheck = (g: Group, t: Test): boolean | 'unsupported' => {
      const key = (g['publicKey'] ?? g['key']) as { curve: string; uncompressed: string };
      const curve = curveOf[key.curve];
      if (!curve) return 'unsupported'; // secp256k1: not a cachet curve
      const ok = be.ecdsaVerify(
        curve,
        hashOf(g['sha'] as string),
        hex(key.uncompressed),
        b(t, 'msg'),
        b(t, 'sig'),
      );
      // `acceptable` in the webcrypto file: SigSize (a P1363 signature of the wrong
      // length) is rejected — P1363 has exactly one length per curve; WeakHash (a hash
      // shorter than the group) verifies as the math says, since x509 must check such
      // certificates; cachet never signs that way (ES256/ES384 pair hash and curve).
      if (t.result === 'acceptable') return t.flags.includes('SigSize') ? !ok : ok;
      return t.result === 'invalid' ? !ok : ok;
    };
    run('ecdsa_secp256r1_sha256_p1363_test.json', ecdsaCheck);
    run('ecdsa_secp384r1_sha384_p1363_test.json', ecdsaCheck);
    run('ecdsa_webcrypto_test.json', ecdsaCheck);

    // Policy: X25519 refuses low-order public keys, i.e. exactly the cases whose shared
    // secret is all zero (RFC 7748 §6.1); every other `acceptable` case (twist points,
    // non-canonical u) is computed as RFC 7748 §5 defines.
    run('x25519_test.json', (_g, t) => {
      const shared = be.x25519(b(t, 'private'), b(t, 'public'));
      const expected = b(t, 'shared');
      if (expected.every((x) => x === 0)) return shared === null;
      return t.result !== 'invalid' && same(shared, expected);
    });

    // Raw SEC1 points: the backend takes uncompressed points only (cachet/keys
    // decompresses on import), so compressed inputs count as outside the interface here.
    run('ecdh_secp256r1_ecpoint_test.json', (_g, t) => {
      const pub = b(t, 'public');
      if (pub.length === 33) return 'unsupported';
      const shared = be.ecdh(
        'P-256',
        hex((t['private'] as string).padStart(64, '0').slice(-64)),
        pub,
      );
      return t.result === 'valid' ? same(shared, b(t, 'shared')) : shared === null;
    });
  });
}

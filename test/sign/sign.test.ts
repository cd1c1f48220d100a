// cachet/sign through its public API on both backends: round trips, known answers
// (RFC 8032 §7.1, RFC 6979 §A.2.5/§A.2.6), formats, nonces, low S, keyrings, and the
// typed errors every misuse gets.
import { describe, expect, it } from 'vitest';
import { CachetError, InvalidInputError, KeyError } from '../../src/errors.js';
import { exportKey, generateKey, importKey, Keyring } from '../../src/keys/index.js';
import {
  generateKeyPair,
  p1363ToDer,
  type SignAlg,
  sign,
  verify,
  verifyAsync,
} from '../../src/sign/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, toHex } from '../helpers/vectors.js';

const ALGS: SignAlg[] = ['Ed25519', 'ES256', 'ES384'];
const SIG_LENGTH = { Ed25519: 64, ES256: 64, ES384: 96 } as const;
const ORDER = {
  ES256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  ES384:
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
} as const;
const te = new TextEncoder();

function big(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}
function fixed(n: bigint, size: number): string {
  return n.toString(16).padStart(2 * size, '0');
}
function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(CachetError);
    return (err as CachetError).code;
  }
  throw new Error('expected a CachetError');
}

// RFC 8032 §7.1 TEST 1, TEST 2 and TEST 3.
const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pub: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

// RFC 6979 §A.2.5 (P-256, SHA-256) and §A.2.6 (P-384, SHA-384), messages "sample" and "test".
const RFC6979 = {
  ES256: {
    d: 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721',
    sigs: {
      sample:
        'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8',
      test: 'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083',
    },
  },
  ES384: {
    d: '6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5',
    sigs: {
      sample:
        '94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe4699ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8',
      test: '8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb0542a7f0812998da8f1dd3ca3cf023dbddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e06a739f040649a667bf3b828246baa5a5',
    },
  },
} as const;

describeEachBackend('sign/verify', () => {
  for (const alg of ALGS) {
    it(`${alg}: sign then verify; other messages, keys and signatures fail`, () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      expect(privateKey.type).toBe('private');
      expect(publicKey.type).toBe('public');
      expect(publicKey.id).toBe(privateKey.id);
      const message = te.encode(`message for ${alg}`);
      const signature = sign(privateKey, message);
      expect(signature).toBeInstanceOf(Uint8Array);
      expect(signature.length).toBe(SIG_LENGTH[alg]);
      expect(verify(publicKey, message, signature)).toBe(true);
      expect(verify(privateKey, message, signature)).toBe(true); // a private key verifies too
      expect(verify(publicKey, te.encode(`message for ${alg}!`), signature)).toBe(false);
      expect(verify(generateKeyPair(alg).publicKey, message, signature)).toBe(false);
      const flipped = signature.slice();
      flipped[5]! ^= 1;
      expect(verify(publicKey, message, flipped)).toBe(false);
    });

    it(`${alg}: a string message is signed as UTF-8`, () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      const signature = sign(privateKey, 'héllo ✓');
      expect(verify(publicKey, te.encode('héllo ✓'), signature)).toBe(true);
      expect(verify(publicKey, 'héllo ✓', signature)).toBe(true);
    });

    it(`${alg}: empty and large messages`, async () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      const big = new Uint8Array(1 << 20).map((_, i) => i * 7);
      for (const m of [new Uint8Array(0), big, big.subarray(3, 1000)]) {
        const s = sign(privateKey, m);
        expect(verify(publicKey, m, s)).toBe(true);
        expect(await verifyAsync(publicKey, m, s)).toBe(true);
      }
    });
  }

  it('Ed25519: RFC 8032 §7.1 known answers, from raw, JWK and PKCS #8 imports', () => {
    for (const v of RFC8032) {
      const priv = importKey(hex(v.seed), { alg: 'Ed25519', type: 'private' });
      const pub = importKey(hex(v.pub), { alg: 'Ed25519' });
      expect(toHex(exportKey(priv.publicKey!, 'raw'))).toBe(v.pub);
      expect(toHex(sign(priv, hex(v.msg)))).toBe(v.sig);
      expect(verify(pub, hex(v.msg), hex(v.sig))).toBe(true);
      const again = importKey(exportKey(priv, 'pem', { includeSecret: true }));
      expect(toHex(sign(again, hex(v.msg)))).toBe(v.sig);
    }
  });

  for (const alg of ['ES256', 'ES384'] as const) {
    const size = SIG_LENGTH[alg] / 2;
    it(`${alg}: RFC 6979 deterministic known answers; lowS normalises s`, () => {
      const { d, sigs } = RFC6979[alg];
      const priv = importKey(hex(d), { alg, type: 'private' });
      for (const [msg, expected] of Object.entries(sigs)) {
        const raw = sign(priv, msg, { nonce: 'deterministic', lowS: false });
        expect(toHex(raw)).toBe(expected);
        const s = big(hex(expected.slice(2 * size)));
        const lowS = s > ORDER[alg] / 2n ? ORDER[alg] - s : s;
        const normalised = sign(priv, msg, { nonce: 'deterministic' });
        expect(toHex(normalised)).toBe(expected.slice(0, 2 * size) + fixed(lowS, size));
        expect(verify(priv.publicKey!, msg, raw)).toBe(true);
        expect(verify(priv.publicKey!, msg, normalised, { lowS: true })).toBe(true);
      }
    });

    it(`${alg}: high S is accepted by default and refused with lowS: true`, () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      const low = sign(privateKey, 'malleable');
      const s = big(low.subarray(size));
      expect(s <= ORDER[alg] / 2n).toBe(true); // sign normalises by default
      const high = low.slice();
      high.set(hex(fixed(ORDER[alg] - s, size)), size);
      expect(verify(publicKey, 'malleable', high)).toBe(true);
      expect(verify(publicKey, 'malleable', high, { lowS: true })).toBe(false);
      expect(verify(publicKey, 'malleable', low, { lowS: true })).toBe(true);
      const der = p1363ToDer(high);
      expect(verify(publicKey, 'malleable', der, { format: 'der' })).toBe(true);
      expect(verify(publicKey, 'malleable', der, { format: 'der', lowS: true })).toBe(false);
    });

    it(`${alg}: lowS: false leaves about half the signatures high`, () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      let high = 0;
      for (let i = 0; i < 64; i++) {
        const sig = sign(privateKey, `m${i}`, { lowS: false });
        if (big(sig.subarray(size)) > ORDER[alg] / 2n) high++;
        expect(verify(publicKey, `m${i}`, sig)).toBe(true);
      }
      // Binomial(64, 1/2): outside [8, 56] has probability below 1e-9.
      expect(high).toBeGreaterThan(8);
      expect(high).toBeLessThan(56);
    });

    it(`${alg}: hedged signatures differ each time; deterministic and caller entropy repeat`, () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      const a = sign(privateKey, 'same');
      const b = sign(privateKey, 'same');
      expect(toHex(a)).not.toBe(toHex(b));
      const d1 = sign(privateKey, 'same', { nonce: 'deterministic' });
      expect(toHex(sign(privateKey, 'same', { nonce: 'deterministic' }))).toBe(toHex(d1));
      const e = new Uint8Array(32).fill(9);
      const e1 = sign(privateKey, 'same', { nonce: e });
      expect(toHex(sign(privateKey, 'same', { nonce: e.slice() }))).toBe(toHex(e1));
      expect(toHex(e1)).not.toBe(toHex(d1));
      expect(toHex(sign(privateKey, 'same', { nonce: new Uint8Array(32).fill(8) }))).not.toBe(
        toHex(e1),
      );
      for (const s of [a, b, d1, e1]) expect(verify(publicKey, 'same', s)).toBe(true);
    });

    it(`${alg}: DER output verifies as DER and converts to the P1363 form`, () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      const der = sign(privateKey, 'x', { format: 'der', nonce: 'deterministic' });
      const raw = sign(privateKey, 'x', { nonce: 'deterministic' });
      expect(toHex(der)).toBe(toHex(p1363ToDer(raw)));
      expect(verify(publicKey, 'x', der, { format: 'der' })).toBe(true);
      // The wrong format is a typed error, never a silent false.
      expect(codeOf(() => verify(publicKey, 'x', der))).toBe('ERR_INVALID_ARGUMENT');
      expect(codeOf(() => verify(publicKey, 'x', raw, { format: 'der' }))).toBe(
        'ERR_INVALID_FORMAT',
      );
    });
  }

  it('a keyring signs with its primary and verifies by key id or by trying its keys', () => {
    const keyring = Keyring.generate('Ed25519');
    const first = keyring.primary.id;
    const old = sign(keyring, 'payload');
    keyring.rotate({ alg: 'ES256' });
    const second = keyring.primary.id;
    const fresh = sign(keyring, 'payload');
    expect(fresh.length).toBe(64); // ES256 r ‖ s: same length as Ed25519
    const verifier = keyring.publicKeyring();
    expect(verify(verifier, 'payload', old)).toBe(true);
    expect(verify(verifier, 'payload', fresh)).toBe(true);
    expect(verify(verifier, 'payload', old, { keyId: first })).toBe(true);
    expect(verify(verifier, 'payload', old, { keyId: second })).toBe(false);
    expect(verify(verifier, 'payload', fresh, { keyId: second })).toBe(true);
    expect(verify(verifier, 'other', fresh)).toBe(false);
    // A DER signature fits only the ECDSA key.
    const der = sign(keyring, 'payload', { format: 'der' });
    expect(verify(verifier, 'payload', der, { format: 'der' })).toBe(true);

    verifier.disable(first);
    expect(verify(verifier, 'payload', old)).toBe(false); // disabled keys are not tried
    expect(codeOf(() => verify(verifier, 'payload', old, { keyId: first }))).toBe(
      'ERR_KEY_DISABLED',
    );
    expect(codeOf(() => verify(verifier, 'payload', old, { keyId: '00000000' }))).toBe(
      'ERR_KEY_NOT_FOUND',
    );
    expect(codeOf(() => verify(verifier, 'payload', old, { keyId: 'not an id' }))).toBe(
      'ERR_KEY_NOT_FOUND',
    );
    // A 96-byte signature fits no key of this keyring.
    expect(codeOf(() => verify(verifier, 'payload', new Uint8Array(96)))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
  });

  it('a keyring of ES256 and ES384 keys verifies DER signatures of either', () => {
    const p256 = generateKeyPair('ES256');
    const p384 = generateKeyPair('ES384');
    const keyring = Keyring.fromKeys([p256.publicKey, p384.publicKey]);
    const der384 = sign(p384.privateKey, 'm', { format: 'der' });
    const der256 = sign(p256.privateKey, 'm', { format: 'der' });
    expect(verify(keyring, 'm', der384, { format: 'der' })).toBe(true); // too wide for P-256
    expect(verify(keyring, 'm', der256, { format: 'der' })).toBe(true);
    expect(verify(keyring, 'n', der384, { format: 'der' })).toBe(false);
    expect(codeOf(() => verify(keyring, 'm', new Uint8Array([0x30, 0]), { format: 'der' }))).toBe(
      'ERR_INVALID_FORMAT',
    );
  });

  it('keyrings skip keys that cannot verify and fail when none can', () => {
    const mixed = Keyring.fromKeys([generateKey('A256GCM'), generateKey('Ed25519')]);
    const signer = mixed.entries()[1]!.key;
    const signature = sign(signer, 'm');
    expect(verify(mixed, 'm', signature)).toBe(true);
    expect(codeOf(() => sign(mixed, 'm'))).toBe('ERR_WRONG_KEY_TYPE'); // the primary is AES
    expect(codeOf(() => verify(Keyring.generate('HS256'), 'm', signature))).toBe(
      'ERR_WRONG_KEY_TYPE',
    );
  });

  it('misuse gets typed errors', () => {
    const { privateKey, publicKey } = generateKeyPair('ES256');
    const ed = generateKeyPair('Ed25519');
    const sig = sign(privateKey, 'm');
    const cases: Array<[string, () => unknown]> = [
      ['ERR_WRONG_KEY_TYPE', () => sign(publicKey, 'm')],
      ['ERR_WRONG_KEY_TYPE', () => sign(generateKey('A256GCM'), 'm')],
      ['ERR_WRONG_KEY_TYPE', () => sign(generateKey('X25519'), 'm')],
      ['ERR_WRONG_KEY_TYPE', () => verify(generateKey('HS256'), 'm', sig)],
      ['ERR_WRONG_KEY_TYPE', () => verify(generateKey('X25519'), 'm', sig)],
      ['ERR_INVALID_ARGUMENT', () => sign({} as never, 'm')],
      ['ERR_INVALID_ARGUMENT', () => sign(privateKey, 42 as never)],
      ['ERR_INVALID_ARGUMENT', () => sign(privateKey, 'm', { format: 'jws' as never })],
      ['ERR_INVALID_ARGUMENT', () => sign(privateKey, 'm', { nonce: 'random' as never })],
      ['ERR_INVALID_ARGUMENT', () => sign(privateKey, 'm', { nonce: new Uint8Array(0) })],
      ['ERR_INVALID_ARGUMENT', () => sign(privateKey, 'm', { lowS: 1 as never })],
      ['ERR_INVALID_ARGUMENT', () => sign(privateKey, 'm', null as never)],
      ['ERR_INVALID_ARGUMENT', () => sign(ed.privateKey, 'm', { format: 'der' })],
      ['ERR_INVALID_ARGUMENT', () => verify(publicKey, 'm', 'c2ln' as never)],
      ['ERR_INVALID_ARGUMENT', () => verify(publicKey, 'm', sig.subarray(1))],
      ['ERR_INVALID_ARGUMENT', () => verify(publicKey, 'm', new Uint8Array(0))],
      ['ERR_INVALID_ARGUMENT', () => verify(ed.publicKey, 'm', new Uint8Array(63))],
      ['ERR_INVALID_ARGUMENT', () => verify(ed.publicKey, 'm', sig, { format: 'der' })],
      ['ERR_INVALID_ARGUMENT', () => verify(publicKey, 'm', sig, { lowS: 'yes' as never })],
      ['ERR_INVALID_ARGUMENT', () => verify(publicKey, 'm', sig, { keyId: 7 as never })],
      ['ERR_INVALID_ARGUMENT', () => verify(null as never, 'm', sig)],
      ['ERR_INVALID_FORMAT', () => verify(publicKey, 'm', new Uint8Array(70), { format: 'der' })],
      ['ERR_KEY_NOT_FOUND', () => verify(publicKey, 'm', sig, { keyId: 'ffffffff' })],
      ['ERR_INVALID_ARGUMENT', () => generateKeyPair('X25519' as never)],
      ['ERR_INVALID_ARGUMENT', () => generateKeyPair('RS256' as never)],
      ['ERR_INVALID_ARGUMENT', () => generateKeyPair('ES256', { id: 'nope' })],
    ];
    for (const [code, f] of cases) expect(codeOf(f), f.toString()).toBe(code);
    expect(() => sign(publicKey, 'm')).toThrow(KeyError);
    expect(() => verify(publicKey, 'm', sig.subarray(1))).toThrow(InvalidInputError);
    // The two usual mistakes are named with their fix.
    const der = sign(privateKey, 'm', { format: 'der' });
    expect(() => verify(publicKey, 'm', der)).toThrow("pass { format: 'der' }");
    expect(() => verify(exportKey(publicKey, 'pem') as never, 'm', sig)).toThrow(/importKey/);
  });

  it('options set to undefined mean the defaults', () => {
    const { privateKey, publicKey } = generateKeyPair('ES256');
    const sig = sign(privateKey, 'm', { format: undefined, nonce: undefined, lowS: undefined });
    expect(sig.length).toBe(64);
    expect(
      verify(publicKey, 'm', sig, { format: undefined, lowS: undefined, keyId: undefined }),
    ).toBe(true);
  });

  it('verifyAsync rejects with the same typed errors', async () => {
    const { publicKey } = generateKeyPair('ES384');
    await expect(verifyAsync(publicKey, 'm', new Uint8Array(95))).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(verifyAsync(publicKey, 'm', new Uint8Array(96))).resolves.toBe(false);
  });

  it('generateKeyPair keys work standalone, in keyrings and through export/import', () => {
    for (const alg of ALGS) {
      const pair = generateKeyPair(alg, { id: '0badc0de' });
      expect(pair.privateKey.id).toBe('0badc0de');
      expect(Object.isFrozen(pair)).toBe(true);
      const signature = sign(Keyring.fromKeys([pair.privateKey]), 'm');
      for (const format of ['raw', 'der', 'pem', 'jwk'] as const) {
        const pub = importKey(exportKey(pair.publicKey, format) as never, { alg, format });
        expect(verify(pub, 'm', signature), `${alg} ${format}`).toBe(true);
      }
    }
  });
});

describe('RSA verification', () => {
  it('is asynchronous: verify refuses RSA keys with a pointer to verifyAsync', async () => {
    const pair = await crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    );
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const key = importKey(jwk, { alg: 'RS256' });
    const message = te.encode('signed by WebCrypto');
    const signature = new Uint8Array(
      await crypto.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, message),
    );
    expect(codeOf(() => verify(key, message, signature))).toBe('ERR_WRONG_KEY_TYPE');
    expect(await verifyAsync(key, message, signature)).toBe(true);
    expect(await verifyAsync(key, te.encode('other'), signature)).toBe(false);
    await expect(verifyAsync(key, message, signature.subarray(1))).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(verifyAsync(key, message, signature, { format: 'der' })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    // In a keyring with an Ed25519 key: verify uses the Ed25519 key, verifyAsync both.
    const ed = generateKeyPair('Ed25519');
    const keyring = Keyring.fromKeys([ed.publicKey, key]);
    expect(verify(keyring, message, sign(ed.privateKey, message))).toBe(true);
    expect(await verifyAsync(keyring, message, signature)).toBe(true);
    expect(await verifyAsync(keyring, message, signature, { keyId: key.id })).toBe(true);
    expect(codeOf(() => verify(keyring, message, signature, { keyId: key.id }))).toBe(
      'ERR_WRONG_KEY_TYPE',
    );
  });
});

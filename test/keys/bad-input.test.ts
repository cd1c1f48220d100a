// The bad-input table thrown at every public function and method of `cachet/keys`: wrong
// types, wrong lengths, and malformed JSON, JWK, PEM, base64 and DER. Each call fails with
// a typed CachetError carrying a code, and its message names the argument (or, for
// malformed encodings, the structure or member that is wrong). A check at the end makes
// sure no exported function or Keyring method escapes the table.
import { describe, expect, it } from 'vitest';
import * as keys from '../../src/keys/index.js';
import { exportKey, generateKey, importKey, type Jwk, Key, Keyring } from '../../src/keys/index.js';
import { expectTypedFailure, WRONG_TYPES } from '../helpers/bad-input.js';
import { refBase64 } from '../helpers/reference-codecs.js';
import { hex } from '../helpers/vectors.js';

const notString = WRONG_TYPES.filter(([, v]) => typeof v !== 'string');
const notObject = WRONG_TYPES.filter(
  ([, v]) => v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v)),
);
const notAlg: Array<readonly [string, unknown]> = [
  ...notString,
  ['unknown', 'A128GCM'],
  ['lower case', 'a256gcm'],
  ['empty', ''],
  ['JOSE alias', 'EdDSA'],
];
const notKeyId: Array<readonly [string, unknown]> = [
  ...notString.filter(([, v]) => v !== undefined),
  ['upper case', 'ABCDEF01'],
  ['7 chars', 'abcdef0'],
  ['9 chars', 'abcdef012'],
  ['not hex', 'abcdefgh'],
  ['empty', ''],
];

const ed = generateKey('Ed25519');
const edJwk = exportKey(ed, 'jwk', { includeSecret: true }) as Jwk;
const es = generateKey('ES256');
const esJwk = exportKey(es, 'jwk', { includeSecret: true }) as Jwk;
const spki = exportKey(ed.publicKey!, 'der');
const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${refBase64(der)}\n-----END ${label}-----\n`;

describe('cachet/keys: wrong types and ranges', () => {
  const secret = generateKey('A256GCM');
  const table: Array<
    [string, string, (v: never) => unknown, ReadonlyArray<readonly [string, unknown]>]
  > = [
    ['generateKey', '"alg"', (v) => generateKey(v), notAlg],
    ['generateKey', '"options"', (v) => generateKey('HS256', v), notObject],
    ['generateKey', '"options.id"', (v) => generateKey('HS256', { id: v }), notKeyId],
    [
      'importKey',
      '"input"',
      (v) => importKey(v),
      WRONG_TYPES.filter(
        ([, v]) =>
          typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || v instanceof ArrayBuffer,
      ),
    ],
    ['importKey', '"options"', (v) => importKey(new Uint8Array(32), v), notObject],
    [
      'importKey',
      '"options.alg"',
      (v) => importKey(new Uint8Array(32), { alg: v }),
      notAlg.filter(([, v]) => v !== undefined),
    ],
    [
      'importKey',
      '"options.format"',
      (v) => importKey(new Uint8Array(32), { format: v, alg: 'A256GCM' }),
      [...notString.filter(([, v]) => v !== undefined), ['unknown', 'spki']],
    ],
    [
      'importKey',
      '"options.type"',
      (v) => importKey(new Uint8Array(32), { type: v, alg: 'X25519' }),
      [...notString.filter(([, v]) => v !== undefined), ['unknown', 'secret']],
    ],
    [
      'importKey',
      '"options.id"',
      (v) => importKey(new Uint8Array(32), { id: v, alg: 'A256GCM' }),
      notKeyId,
    ],
    [
      'importKey raw',
      '"input"',
      (v) => importKey(v, { format: 'raw', alg: 'A256GCM' }),
      WRONG_TYPES.filter(([, v]) => !(v instanceof Uint8Array)),
    ],
    [
      'importKey der',
      '"input"',
      (v) => importKey(v, { format: 'der' }),
      WRONG_TYPES.filter(([, v]) => !(v instanceof Uint8Array)),
    ],
    ['importKey pem', '"input"', (v) => importKey(v, { format: 'pem' }), notString],
    [
      'importKey jwk',
      '"jwk"',
      (v) => importKey(v, { format: 'jwk' }),
      WRONG_TYPES.filter(([, v]) => typeof v !== 'object' || v === null || Array.isArray(v)),
    ],
    [
      'exportKey',
      '"key"',
      (v) => exportKey(v, 'raw'),
      [
        ...WRONG_TYPES,
        ['look-alike', { id: 'abcdef01', alg: 'A256GCM', type: 'secret' }],
        ['Key prototype', Object.create(Key.prototype)],
      ],
    ],
    [
      'exportKey',
      '"format"',
      (v) => exportKey(secret, v),
      [...notString, ['unknown', 'spki'], ['upper case', 'JWK']],
    ],
    ['exportKey', '"options"', (v) => exportKey(secret, 'raw', v), notObject],
    ['Keyring.generate', '"alg"', (v) => Keyring.generate(v), [...notAlg, ['RSA', 'RS256']]],
    [
      'Keyring.fromKeys',
      '"keys"',
      (v) => Keyring.fromKeys(v),
      [...WRONG_TYPES.filter(([, v]) => !Array.isArray(v)), ['empty', []]],
    ],
    ['Keyring.fromKeys', '"keys[1]"', (v) => Keyring.fromKeys([secret, v]), WRONG_TYPES],
    [
      'Keyring.fromJSON',
      '"json"',
      (v) => Keyring.fromJSON(v),
      WRONG_TYPES.filter(([, v]) => typeof v !== 'object' || v === null || Array.isArray(v)),
    ],
    [
      'Keyring.unseal',
      '"sealed"',
      (v) => Keyring.unseal(v, secret),
      WRONG_TYPES.filter(([, v]) => typeof v !== 'object' || v === null || Array.isArray(v)),
    ],
  ];
  for (const [fn, mention, call, values] of table) {
    it(`${fn}: ${mention}`, async () => {
      for (const [label, value] of values) {
        const err = await expectTypedFailure(() => call(value as never), mention);
        expect(
          ['ERR_INVALID_ARGUMENT', 'ERR_INVALID_FORMAT'],
          `${label}: ${err.message}`,
        ).toContain(err.code);
      }
    });
  }

  it('Key cannot be constructed directly', async () => {
    await expectTypedFailure(
      () =>
        new (Key as unknown as new (...a: unknown[]) => Key)(
          Symbol('t'),
          'abcdef01',
          'A256GCM',
          'secret',
          0,
        ),
      /importKey\(\), generateKey\(\)/,
      'ERR_INVALID_ARGUMENT',
    );
  });

  describe('Keyring methods', () => {
    const keyring = Keyring.generate('A256GCM');
    const methods: Array<
      [string, (k: Keyring, v: never) => unknown, string, ReadonlyArray<readonly [string, unknown]>]
    > = [
      ['has', (k, v) => k.has(v), '"id"', notString],
      ['get', (k, v) => k.get(v), '"id"', notString],
      ['status', (k, v) => k.status(v), '"id"', notString],
      ['disable', (k, v) => k.disable(v), '"id"', notString],
      ['enable', (k, v) => k.enable(v), '"id"', notString],
      ['remove', (k, v) => k.remove(v), '"id"', notString],
      ['promote', (k, v) => k.promote(v), '"id"', notString],
      ['rotate', (k, v) => k.rotate(v), '"options"', notObject],
      [
        'rotate',
        (k, v) => k.rotate({ alg: v }),
        '"options.alg"',
        notAlg.filter(([, v]) => v !== undefined),
      ],
      ['add', (k, v) => k.add(v), '"key"', WRONG_TYPES],
      ['add', (k, v) => k.add(generateKey('A256GCM'), v), '"options"', notObject],
      [
        'add',
        (k, v) => k.add(generateKey('A256GCM'), { status: v }),
        '"options.status"',
        [...notString.filter(([, v]) => v !== undefined), ['unknown', 'enabled']],
      ],
      [
        'seal',
        (k, v) => k.seal(v),
        '"masterKey"',
        WRONG_TYPES.filter(([, v]) => !(v instanceof Uint8Array)),
      ],
      [
        'unseal',
        (_k, v) => keyring.seal(generateKey('A256GCM')).then((s) => Keyring.unseal(s, v)),
        '"masterKey"',
        WRONG_TYPES.filter(([, v]) => !(v instanceof Uint8Array)),
      ],
    ];
    for (const [name, call, mention, values] of methods) {
      it(`${name}: ${mention}`, async () => {
        const before = JSON.stringify(keyring.toSecretJSON());
        for (const [, value] of values) {
          await expectTypedFailure(
            () => call(keyring, value as never),
            mention,
            'ERR_INVALID_ARGUMENT',
          );
        }
        expect(JSON.stringify(keyring.toSecretJSON())).toBe(before); // failed calls change nothing
      });
    }

    it('wrong lengths and kinds of master key', async () => {
      for (const bad of [new Uint8Array(16), new Uint8Array(33), new Uint8Array(0)]) {
        await expectTypedFailure(() => keyring.seal(bad), /32 bytes/, 'ERR_INVALID_KEY');
      }
      for (const bad of [generateKey('HS256'), generateKey('Ed25519'), Keyring.generate('XC20P')]) {
        await expectTypedFailure(() => keyring.seal(bad), /A256GCM/, 'ERR_WRONG_KEY_TYPE');
      }
    });

    it('every Keyring method and static is in the table or takes no argument', () => {
      const covered = new Set(methods.map(([n]) => n));
      const noArgs = new Set([
        'constructor',
        'primary',
        'size',
        'entries',
        'publicKeyring',
        'toJSON',
        'toSecretJSON',
        'toString',
      ]);
      for (const name of Object.getOwnPropertyNames(Keyring.prototype)) {
        expect(covered.has(name) || noArgs.has(name), `Keyring#${name}`).toBe(true);
      }
      const statics = Object.getOwnPropertyNames(Keyring).filter(
        (n) => typeof (Keyring as never)[n] === 'function',
      );
      expect(statics.sort()).toEqual(['fromJSON', 'fromKeys', 'generate', 'unseal']);
    });
  });

  it('every exported function of cachet/keys is in the table', () => {
    for (const [name, value] of Object.entries(keys)) {
      if (typeof value !== 'function') continue;
      expect(['exportKey', 'generateKey', 'importKey', 'Key', 'Keyring'], name).toContain(name);
    }
  });
});

describe('cachet/keys: wrong lengths and malformed encodings', () => {
  const lengths: Array<[string, Parameters<typeof importKey>[1], number[]]> = [
    ['A256GCM', { alg: 'A256GCM' }, [0, 16, 31, 33, 64]],
    ['AES-SIV', { alg: 'AES-SIV' }, [32, 48, 63, 65]],
    ['HS256', { alg: 'HS256' }, [0, 16, 31]],
    ['HS512', { alg: 'HS512' }, [32, 63]],
    ['Ed25519 public', { alg: 'Ed25519' }, [0, 31, 33, 64]],
    ['Ed25519 private', { alg: 'Ed25519', type: 'private' }, [0, 31, 33, 64]],
    ['X25519 public', { alg: 'X25519' }, [31, 33]],
    ['ES256 public', { alg: 'ES256' }, [32, 64, 66, 97]],
    ['ES256 private', { alg: 'ES256', type: 'private' }, [31, 33, 48]],
    ['ES384 public', { alg: 'ES384' }, [48, 65, 96, 98]],
    ['ES384 private', { alg: 'ES384', type: 'private' }, [32, 47, 49]],
  ];
  for (const [name, options, sizes] of lengths) {
    it(`raw ${name}: wrong lengths`, async () => {
      for (const size of sizes) {
        const bytes = new Uint8Array(size).fill(0x42);
        if (size > 0) bytes[0] = name.startsWith('ES') && !name.includes('private') ? 4 : 0x42;
        await expectTypedFailure(
          () => importKey(bytes, options),
          /bytes|point|length/,
          'ERR_INVALID_KEY',
        );
      }
    });
  }

  it('raw keys without an algorithm, or RSA as raw', async () => {
    await expectTypedFailure(
      () => importKey(new Uint8Array(32)),
      '"options.alg"',
      'ERR_INVALID_ARGUMENT',
    );
    await expectTypedFailure(
      () => importKey(new Uint8Array(256), { alg: 'RS256' }),
      /raw RSA/,
      'ERR_UNSUPPORTED_ALGORITHM',
    );
  });

  it('invalid key values of the right length', async () => {
    const cases: Array<[Uint8Array, Parameters<typeof importKey>[1]]> = [
      [new Uint8Array(32), { alg: 'ES256', type: 'private' }], // d = 0
      [new Uint8Array(32).fill(0xff), { alg: 'ES256', type: 'private' }], // d >= n
      [new Uint8Array(48).fill(0xff), { alg: 'ES384', type: 'private' }],
      [new Uint8Array([4, ...new Uint8Array(64)]), { alg: 'ES256' }], // (0, 0) is not on the curve
      [new Uint8Array([2, ...new Uint8Array(32).fill(0xff)]), { alg: 'ES256' }], // x >= p
      [new Uint8Array(32), { alg: 'X25519' }], // low order
      [new Uint8Array([1, ...new Uint8Array(31)]), { alg: 'Ed25519' }], // identity
      [hex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'), { alg: 'Ed25519' }],
    ];
    for (const [bytes, options] of cases) {
      await expectTypedFailure(() => importKey(bytes, options), /key/, 'ERR_INVALID_KEY');
    }
  });

  it('malformed JSON and JWKs', async () => {
    const b64 = (n: number) => refBase64(new Uint8Array(n).fill(7), true);
    const cases: Array<[unknown, RegExp | string, string | string[]]> = [
      ['', /JWK is not valid JSON/, 'ERR_INVALID_FORMAT'],
      ['{"kty":"oct",', /JWK is not valid JSON/, 'ERR_INVALID_FORMAT'],
      ['null', '"jwk"', 'ERR_INVALID_ARGUMENT'],
      ['[{"kty":"oct"}]', '"jwk"', 'ERR_INVALID_ARGUMENT'],
      [{}, /"kty"/, 'ERR_INVALID_FORMAT'],
      [{ kty: 5 }, /"kty"/, 'ERR_INVALID_FORMAT'],
      [{ kty: 'oct ' }, /"kty"/, 'ERR_UNSUPPORTED_ALGORITHM'],
      [{ kty: 'oct' }, /"k"/, 'ERR_INVALID_FORMAT'],
      [{ kty: 'oct', k: 7 }, /"k"/, 'ERR_INVALID_FORMAT'],
      [{ kty: 'oct', k: `${b64(32)}=`, alg: 'A256GCM' }, /jwk\.k/, 'ERR_INVALID_FORMAT'],
      [
        { kty: 'oct', k: b64(32).replace('B', '+'), alg: 'A256GCM' },
        /jwk\.k/,
        'ERR_INVALID_FORMAT',
      ],
      [{ kty: 'oct', k: b64(16), alg: 'A256GCM' }, /32 bytes/, 'ERR_INVALID_KEY'],
      [{ kty: 'oct', k: b64(32), alg: 'ES256' }, /not a ES256 key/, 'ERR_WRONG_KEY_TYPE'],
      [{ kty: 'oct', k: b64(32), alg: 7 }, /"alg"/, 'ERR_INVALID_FORMAT'],
      [{ kty: 'oct', k: b64(32), kid: {} }, /"kid"/, 'ERR_INVALID_FORMAT'],
      [{ ...edJwk, crv: 'Ed448' }, /Ed448/, 'ERR_UNSUPPORTED_ALGORITHM'],
      [{ ...edJwk, crv: undefined }, /curve/, 'ERR_UNSUPPORTED_ALGORITHM'],
      [{ ...edJwk, x: undefined }, /"x"/, 'ERR_INVALID_FORMAT'],
      [{ ...edJwk, x: b64(31) }, /32 bytes/, 'ERR_INVALID_KEY'],
      [{ ...edJwk, d: b64(33) }, /32 bytes/, 'ERR_INVALID_KEY'],
      [{ ...edJwk, d: 'AA==' }, /jwk\.d/, 'ERR_INVALID_FORMAT'],
      [{ ...edJwk, alg: 'ES256' }, /contradicts|not a ES256/, 'ERR_WRONG_KEY_TYPE'],
      [{ ...esJwk, y: undefined }, /"y"/, 'ERR_INVALID_FORMAT'],
      [{ ...esJwk, x: b64(31) }, /coordinates/, 'ERR_INVALID_KEY'],
      [{ ...esJwk, x: esJwk.y }, /key/, 'ERR_INVALID_KEY'],
      [{ ...esJwk, crv: 'P-521' }, /P-521/, 'ERR_UNSUPPORTED_ALGORITHM'],
      [{ ...esJwk, crv: 'secp256k1' }, /secp256k1/, 'ERR_UNSUPPORTED_ALGORITHM'],
      [{ kty: 'RSA', n: b64(256) }, /"e"/, 'ERR_INVALID_FORMAT'],
      [
        { kty: 'RSA', n: b64(256), e: 'AQAB', d: 'AA' },
        /RSA private keys/,
        'ERR_UNSUPPORTED_ALGORITHM',
      ],
    ];
    for (const [input, mention, code] of cases) {
      await expectTypedFailure(() => importKey(input as Jwk), mention, code);
    }
    await expectTypedFailure(
      () => importKey(edJwk, { alg: 'ES256' }),
      /contradicts/,
      'ERR_WRONG_KEY_TYPE',
    );
    await expectTypedFailure(
      () => importKey({ ...edJwk, alg: undefined } as never, { alg: 'X25519' }),
      /not a X25519 key/,
      'ERR_WRONG_KEY_TYPE',
    );
  });

  it('malformed PEM', async () => {
    const good = pem('PUBLIC KEY', spki);
    const cases: Array<[string, RegExp | string, string]> = [
      ['-----BEGIN PUBLIC KEY-----', /no -----END/, 'ERR_INVALID_FORMAT'],
      [
        '-----BEGIN public key-----\nAAAA\n-----END public key-----',
        /no PEM block/,
        'ERR_INVALID_FORMAT',
      ],
      [good.replace('END PUBLIC', 'END PRIVATE'), /labels differ/, 'ERR_INVALID_FORMAT'],
      [good.replace(refBase64(spki).slice(0, 4), '****'), /"input".*base64/, 'ERR_INVALID_FORMAT'],
      [pem('PUBLIC KEY', spki.subarray(0, 20)), /SubjectPublicKeyInfo/, 'ERR_INVALID_FORMAT'],
      [pem('PRIVATE KEY', spki), /PKCS #8/, 'ERR_INVALID_FORMAT'],
      [pem('CERTIFICATE', spki), /"CERTIFICATE" is not a key/, 'ERR_INVALID_FORMAT'],
      [pem('RSA PRIVATE KEY', spki), /is not a key/, 'ERR_INVALID_FORMAT'],
      [good + good, /one PEM block, found 2/, 'ERR_INVALID_FORMAT'],
      [
        `-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----`,
        /empty PEM block/,
        'ERR_INVALID_FORMAT',
      ],
    ];
    for (const [text, mention, code] of cases) {
      await expectTypedFailure(() => importKey(text, { format: 'pem' }), mention, code);
    }
  });

  it('malformed DER', async () => {
    const pkcs8 = exportKey(ed, 'der', { includeSecret: true });
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array(0), /truncated/],
      [new Uint8Array([0x30]), /truncated/],
      [spki.subarray(0, spki.length - 1), /length past the end/],
      [new Uint8Array([...spki, 0]), /trailing data/],
      [new Uint8Array([0x31, ...spki.subarray(1)]), /expected tag 0x30/],
      [new Uint8Array([0x30, 0x80, ...spki.subarray(2), 0, 0]), /unsupported length form/],
      [new Uint8Array([0x30, 0x81, 0x2a, ...spki.subarray(2)]), /non-minimal length/],
      [new Uint8Array([0x30, 0x85, 1, 0, 0, 0, 0]), /unsupported length form/],
      [hex('302a300506032b6571032100' + '00'.repeat(32)), /1\.3\.101\.113/], // Ed448 OID
      [hex('302b300706032b65700500032100' + '00'.repeat(32)), /trailing data/], // NULL params
      [hex('302a300506032b6570032101' + '00'.repeat(32)), /unused bits/],
      [new Uint8Array([...pkcs8.subarray(0, 4), 0x05, ...pkcs8.subarray(5)]), /version/],
      [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0xff]), /negative INTEGER/],
    ];
    for (const [der, mention] of cases) {
      const err = await expectTypedFailure(() => importKey(der, { format: 'der' }), mention);
      expect(['ERR_INVALID_FORMAT', 'ERR_UNSUPPORTED_ALGORITHM']).toContain(err.code);
    }
  });
});

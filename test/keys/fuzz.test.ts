// Fuzzing the parsers of `cachet` and `cachet/keys` with fast-check: arbitrary and
// mutated-valid input to importKey (every format), Keyring.fromJSON, Keyring.unseal and
// the byte decoders either succeeds or throws a CachetError; never a TypeError, RangeError
// or a dependency's exception. Oversized hostile inputs (megabytes of PEM markers, deeply
// nested JSON) end in a typed error as well.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64urlDecode,
  base64urlEncode,
  CachetError,
  hexDecode,
  utf8Decode,
} from '../../src/index.js';
import {
  type Alg,
  exportKey,
  generateKey,
  importKey,
  type Jwk,
  Keyring,
} from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { refBase64 } from '../helpers/reference-codecs.js';

/** Calls fn; returns normally or with a CachetError; anything else fails the property. */
function typedOrOk(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof CachetError)) throw err;
    expect(err.message.length).toBeLessThan(400);
  }
}

async function typedOrOkAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof CachetError)) throw err;
  }
}

const RUNS = 300;

// Valid encodings of real keys, to mutate.
const ed = generateKey('Ed25519');
const es = generateKey('ES384');
const ders = [
  exportKey(ed, 'der', { includeSecret: true }),
  exportKey(ed.publicKey!, 'der'),
  exportKey(es, 'der', { includeSecret: true }),
  exportKey(es.publicKey!, 'der'),
];
const jwks = [
  exportKey(ed, 'jwk', { includeSecret: true }),
  exportKey(es, 'jwk', { includeSecret: true }),
  exportKey(generateKey('HS256'), 'jwk', { includeSecret: true }),
] as Jwk[];

const mutatedBytes = fc
  .tuple(
    fc.constantFrom(...ders),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    fc.option(fc.nat()),
    fc.uint8Array({ maxLength: 4 }),
  )
  .map(([der, edits, cut, tail]) => {
    const out = der.slice();
    for (const [i, v] of edits) out[i % out.length] = v;
    const cutAt = cut === null ? out.length : cut % (out.length + 1);
    return new Uint8Array([...out.subarray(0, cutAt), ...tail]);
  });

const jwkValue = fc.oneof(
  fc.string({ maxLength: 70 }),
  fc.base64String({ maxLength: 70 }).map((s) => s.replace(/=/g, '')),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('toString', '__proto__', 'constructor', 'EdDSA', 'P-256', 'X25519', 'RSA'),
);
const mutatedJwk = fc
  .tuple(
    fc.constantFrom(...jwks),
    fc.array(
      fc.tuple(
        fc.constantFrom('kty', 'crv', 'x', 'y', 'd', 'k', 'n', 'e', 'alg', 'kid'),
        fc.option(jwkValue),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([jwk, edits]) => {
    const out: Record<string, unknown> = { ...jwk };
    for (const [member, value] of edits) {
      if (value === null) delete out[member];
      else out[member] = value;
    }
    return out;
  });

const ALGS: Alg[] = ['A256GCM', 'AES-SIV', 'HS512', 'Ed25519', 'X25519', 'ES256', 'ES384', 'RS256'];

describeEachBackend('parser fuzzing', () => {
  it('byte decoders: any string or bytes give bytes/text or ERR_INVALID_FORMAT', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.uint8Array({ maxLength: 80 }), (text, bytes) => {
        typedOrOk(() => base64Decode(text));
        typedOrOk(() => base64urlDecode(text));
        typedOrOk(() => hexDecode(text));
        typedOrOk(() => utf8Decode(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('importKey raw: arbitrary bytes for every algorithm and side', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 130 }),
        fc.constantFrom(...ALGS),
        fc.constantFrom('private' as const, 'public' as const),
        (bytes, alg, type) => typedOrOk(() => importKey(bytes, { alg, type, format: 'raw' })),
      ),
      { numRuns: RUNS },
    );
  });

  it('importKey DER and PEM: arbitrary and mutated SPKI / PKCS #8', () => {
    fc.assert(
      fc.property(
        fc.oneof(mutatedBytes, fc.uint8Array({ maxLength: 200 })),
        fc.option(fc.constantFrom(...ALGS)),
        (der, alg) => {
          const options = alg === null ? {} : { alg };
          typedOrOk(() => importKey(der, { ...options, format: 'der' }));
          for (const label of ['PUBLIC KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'RSA PUBLIC KEY']) {
            const text = `-----BEGIN ${label}-----\n${refBase64(der)}\n-----END ${label}-----\n`;
            typedOrOk(() => importKey(text, options));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('importKey PEM and JWK text: arbitrary strings', () => {
    const pemish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '-----BEGIN ',
            '-----END ',
            'PUBLIC KEY',
            'PRIVATE KEY',
            '-----',
            '\n',
            '=',
          ),
          fc.base64String({ maxLength: 20 }),
          fc.string({ maxLength: 5 }),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(pemish, fc.string({ maxLength: 120 }), fc.json()), (text) => {
        typedOrOk(() => importKey(text));
        typedOrOk(() => importKey(text, { format: 'pem' }));
        typedOrOk(() => importKey(text, { format: 'jwk', alg: 'ES256' }));
      }),
      { numRuns: RUNS },
    );
  });

  it('importKey JWK objects: mutated real keys and arbitrary JSON values', () => {
    fc.assert(
      fc.property(
        fc.oneof(mutatedJwk, fc.jsonValue({ maxDepth: 3 })),
        fc.option(fc.constantFrom(...ALGS)),
        (jwk, alg) => {
          typedOrOk(() =>
            importKey(jwk as Jwk, alg === null ? { format: 'jwk' } : { alg, format: 'jwk' }),
          );
          typedOrOk(() => importKey(JSON.stringify(jwk) ?? '', { format: 'jwk' }));
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('Keyring.fromJSON: arbitrary JSON and mutated real documents', () => {
    const keyring = Keyring.generate('ES256').rotate({ alg: 'HS256' }).rotate({ alg: 'X25519' });
    const doc = keyring.toSecretJSON();
    const fields = ['id', 'alg', 'status', 'created', 'secret', 'private', 'public'] as const;
    const mutatedDoc = fc
      .tuple(
        fc.array(fc.tuple(fc.nat(2), fc.constantFrom(...fields), fc.option(jwkValue)), {
          maxLength: 3,
        }),
        fc.array(fc.tuple(fc.constantFrom('format', 'version', 'secrets', 'keys'), jwkValue), {
          maxLength: 1,
        }),
      )
      .map(([edits, top]) => {
        const copy = structuredClone(doc) as unknown as Record<string, unknown> & {
          keys: Array<Record<string, unknown>>;
        };
        for (const [i, field, value] of edits) {
          if (value === null) delete copy.keys[i]![field];
          else copy.keys[i]![field] = value;
        }
        for (const [field, value] of top) (copy as Record<string, unknown>)[field] = value;
        return copy;
      });
    fc.assert(
      fc.property(fc.oneof(mutatedDoc, fc.jsonValue({ maxDepth: 4 })), (json) => {
        typedOrOk(() => Keyring.fromJSON(json as never));
        typedOrOk(() => Keyring.fromJSON(JSON.stringify(json) ?? 'undefined'));
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => typedOrOk(() => Keyring.fromJSON(text))),
      { numRuns: RUNS },
    );
  });

  it('Keyring.unseal: arbitrary text and mutated sealed documents', async () => {
    const master = generateKey('A256GCM');
    const sealed = JSON.parse(await Keyring.generate('Ed25519').seal(master));
    const ct = new Uint8Array(
      Array.from(
        atob(
          sealed.ciphertext.replaceAll('-', '+').replaceAll('_', '/') +
            '='.repeat((4 - (sealed.ciphertext.length % 4)) % 4),
        ),
        (c) => c.charCodeAt(0),
      ),
    );
    const mutatedSealed = fc.oneof(
      fc
        .tuple(fc.constantFrom('format', 'version', 'kid', 'nonce', 'ciphertext'), jwkValue)
        .map(([field, value]) => ({ ...sealed, [field]: value })),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
        const c = ct.slice();
        c[i % c.length]! ^= x;
        return { ...sealed, ciphertext: base64urlEncode(c) };
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedSealed, fc.jsonValue({ maxDepth: 2 })), async (doc) => {
        await typedOrOkAsync(() => Keyring.unseal(doc as never, master));
        await typedOrOkAsync(() => Keyring.unseal(JSON.stringify(doc) ?? '', master));
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) =>
        typedOrOkAsync(() => Keyring.unseal(text, master)),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('hostile sizes end in typed errors', () => {
  it('megabytes of PEM boundaries', () => {
    const inputs = [
      '-----BEGIN PUBLIC KEY-----'.repeat(40_000),
      `-----BEGIN PUBLIC KEY-----${'A'.repeat(1_000_000)}`,
      '-----BEGIN a-----BEGIN '.repeat(40_000),
      `-----BEGIN PUBLIC KEY-----\n${'AAAA\n'.repeat(200_000)}-----END PUBLIC KEY-----`,
    ];
    for (const text of inputs) {
      expect(() => importKey(text, { format: 'pem' })).toThrow(CachetError);
    }
  });

  it('deeply nested and very long JSON', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const wide = JSON.stringify({ kty: 'oct', k: 'A'.repeat(2_000_000) });
    for (const text of [deep, wide, `{"kty":"OKP","crv":"${'x'.repeat(1_000_000)}"}`]) {
      expect(() => importKey(text, { format: 'jwk' })).toThrow(CachetError);
      expect(() => Keyring.fromJSON(text)).toThrow(CachetError);
    }
    expect(() => importKey(wide, { alg: 'HS256' })).not.toThrow(); // a long HMAC key is fine
  });

  it('huge DER length fields', () => {
    for (const der of [
      new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]),
      new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30]),
      new Uint8Array([0x30, 0x82, 0xff, 0xff, ...new Uint8Array(100)]),
    ]) {
      expect(() => importKey(der, { format: 'der' })).toThrow(CachetError);
    }
  });
});

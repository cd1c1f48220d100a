// Property tests (fast-check) on both backends: round trips on arbitrary messages; any
// single bit flipped in the message or the signature fails; arbitrary bytes as
// signatures, DER, keys and options give `false` or a typed CachetError, never a crash or
// a wrong answer; accepted DER is always the one canonical encoding.
import { p256, p384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import { exportKey, importKey, type Key } from '../../src/keys/index.js';
import {
  derToP1363,
  generateKeyPair,
  p1363ToDer,
  type SignAlg,
  sign,
  verify,
} from '../../src/sign/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { toHex } from '../helpers/vectors.js';

const ALGS: SignAlg[] = ['Ed25519', 'ES256', 'ES384'];

/** Runs f; returns its result, or the error code of a CachetError (anything else fails). */
function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (err) {
    if (!(err instanceof CachetError)) throw err;
    return err.code;
  }
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

// Curve equations (test-side, for the key-validation oracle): y² = x³ - 3x + b mod p.
const CURVES = {
  ES256: {
    size: 32,
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  ES384: {
    size: 48,
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
} as const;
function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = base % m;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}
const int = (u: Uint8Array) => (u.length ? BigInt(`0x${toHex(u)}`) : 0n);
/** Whether SEC1 bytes decode to a valid point, by the curve equation alone. */
function onCurve(alg: 'ES256' | 'ES384', point: Uint8Array): boolean {
  const { size, p, b } = CURVES[alg];
  const x = int(point.subarray(1, 1 + size));
  if (x >= p) return false;
  const rhs = (((x * x * x - 3n * x + b) % p) + p) % p;
  if (point.length === 1 + size && (point[0] === 2 || point[0] === 3)) {
    // Euler's criterion: a square (or zero) mod p.
    return rhs === 0n || modPow(rhs, (p - 1n) / 2n, p) === 1n;
  }
  if (point.length !== 1 + 2 * size || point[0] !== 4) return false;
  const y = int(point.subarray(1 + size));
  return y < p && (y * y) % p === rhs;
}

describeEachBackend('properties', () => {
  const pairs = Object.fromEntries(ALGS.map((a) => [a, generateKeyPair(a)])) as Record<
    SignAlg,
    { privateKey: Key; publicKey: Key }
  >;

  for (const alg of ALGS) {
    const { privateKey, publicKey } = pairs[alg];
    const formats = alg === 'Ed25519' ? (['p1363'] as const) : (['p1363', 'der'] as const);

    it(`${alg}: round trip, and every single-bit flip fails`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 512 }),
          fc.constantFrom(...formats),
          fc.nat(),
          fc.nat(),
          (message, format, mBit, sBit) => {
            const signature = sign(privateKey, message, { format });
            expect(verify(publicKey, message, signature, { format })).toBe(true);
            if (message.length > 0) {
              const m2 = flipBit(message, mBit % (message.length * 8));
              expect(verify(publicKey, m2, signature, { format })).toBe(false);
            }
            const s2 = flipBit(signature, sBit % (signature.length * 8));
            const got = outcome(() => verify(publicKey, message, s2, { format }));
            // A flipped DER signature may no longer parse: then a typed error, never true.
            expect(got === false || got === 'ERR_INVALID_FORMAT').toBe(true);
            if (format === 'p1363') expect(got).toBe(false);
          },
        ),
        { numRuns: 60 },
      );
    });

    it(`${alg}: arbitrary signature bytes give false or a typed error`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 140 }),
            fc.uint8Array({ minLength: 64, maxLength: 64 }),
            fc.uint8Array({ minLength: 96, maxLength: 96 }),
          ),
          fc.constantFrom(...formats),
          (bytes, format) => {
            const got = outcome(() => verify(publicKey, 'm', bytes, { format }));
            expect(
              got === false || got === 'ERR_INVALID_ARGUMENT' || got === 'ERR_INVALID_FORMAT',
            ).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  for (const alg of ['ES256', 'ES384'] as const) {
    const size = CURVES[alg].size;

    it(`${alg}: derToP1363 accepts only canonical DER, and p1363ToDer inverts it`, () => {
      const { privateKey } = pairs[alg];
      const valid = sign(privateKey, 'x', { format: 'der' });
      const mutated = fc
        .tuple(fc.nat(valid.length - 1), fc.nat(255), fc.nat(2))
        .map(([i, v, op]) => {
          const out = Array.from(valid);
          if (op === 0) out[i] = v;
          else if (op === 1) out.splice(i, 0, v);
          else out.splice(i, 1);
          return new Uint8Array(out);
        });
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), mutated), (bytes) => {
          const got = outcome(() => derToP1363(bytes, alg));
          if (typeof got === 'string') expect(got).toBe('ERR_INVALID_FORMAT');
          else {
            expect(got.length).toBe(2 * size);
            expect(toHex(p1363ToDer(got))).toBe(toHex(bytes)); // only the canonical form parses
          }
        }),
        { numRuns: 1000 },
      );
    });

    it(`${alg}: p1363ToDer agrees with @noble/curves' DER encoder`, () => {
      const curve = alg === 'ES256' ? p256 : p384;
      const n = curve.Point.Fn.ORDER;
      fc.assert(
        fc.property(fc.bigInt(1n, n - 1n), fc.bigInt(1n, n - 1n), (r, s) => {
          const raw = new curve.Signature(r, s).toBytes('compact');
          const der = p1363ToDer(raw, alg);
          expect(toHex(der)).toBe(toHex(new curve.Signature(r, s).toBytes('der')));
          expect(toHex(derToP1363(der, alg))).toBe(toHex(raw));
        }),
        { numRuns: 300 },
      );
    });

    it(`${alg}: raw public keys import exactly when they are points on the curve`, () => {
      const point = (prefixes: number[], length: number) =>
        fc
          .tuple(
            fc.constantFrom(...prefixes),
            fc.uint8Array({ minLength: length, maxLength: length }),
          )
          .map(([p, rest]) => new Uint8Array([p, ...rest]));
      const real = exportKey(pairs[alg].publicKey, 'raw');
      fc.assert(
        fc.property(
          fc.oneof(
            point([2, 3], size), // compressed: about half the x values are on the curve
            point([4], 2 * size),
            point([0, 1, 5, 6, 7], 2 * size),
            fc.uint8Array({ maxLength: 2 * size + 3 }),
            fc.nat(8 * real.length - 1).map((bit) => flipBit(real, bit)),
          ),
          (bytes) => {
            const got = outcome(() => importKey(bytes, { alg }));
            if (onCurve(alg, bytes)) {
              expect(typeof got).not.toBe('string');
              const key = got as Key;
              const compressed = exportKey(key, 'raw', { compressed: true });
              expect(toHex(compressed).slice(2)).toBe(toHex(bytes.subarray(1, 1 + size)));
            } else expect(got).toBe('ERR_INVALID_KEY');
          },
        ),
        { numRuns: 400 },
      );
    });
  }

  it('arbitrary keys and key encodings give a key or a typed error', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom('Ed25519', 'ES256', 'ES384'),
        fc.constantFrom('raw', 'der'),
        fc.constantFrom('public', 'private'),
        (bytes, alg, format, type) => {
          const got = outcome(() =>
            importKey(bytes, format === 'raw' ? { alg, type } : { format: 'der' }),
          );
          if (typeof got === 'string') expect(got).toMatch(/^ERR_/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('arbitrary option values give typed errors', () => {
    const { privateKey, publicKey } = pairs.ES256;
    const sig = sign(privateKey, 'm');
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const calls: Array<() => unknown> = [
          () => sign(privateKey, 'm', value as never),
          () => sign(privateKey, 'm', { format: value } as never),
          () => sign(privateKey, 'm', { nonce: value } as never),
          () => verify(publicKey, 'm', sig, value as never),
          () => verify(publicKey, 'm', sig, { lowS: value } as never),
          () => verify(publicKey, 'm', value as never),
          () => verify(value as never, 'm', sig),
        ];
        for (const f of calls) {
          const got = outcome(f);
          expect(
            got === true || got === false || got instanceof Uint8Array || /^ERR_/.test(String(got)),
          ).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('Ed25519 key policy', () => {
  // The 8 small-order points (RFC 8032 does not forbid them; cachet's policy refuses
  // them, as libsodium does), each with the sign bit clear and set, and non-canonical
  // encodings y >= p.
  const SMALL_ORDER_Y = [
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  ];
  it('small-order and non-canonical public keys are refused on import', () => {
    const bad: string[] = [];
    for (const y of SMALL_ORDER_Y) {
      bad.push(y, y.slice(0, 62) + (Number.parseInt(y.slice(62), 16) | 0x80).toString(16));
    }
    // y = p + k for small k (non-canonical encodings of 0..18).
    for (let k = 0; k < 19; k++) {
      bad.push(`${(0xed + k).toString(16).padStart(2, '0').slice(-2)}${'ff'.repeat(30)}7f`);
    }
    for (const h of bad) {
      const bytes = Uint8Array.from(h.match(/../g)!, (x) => Number.parseInt(x, 16));
      expect(
        outcome(() => importKey(bytes, { alg: 'Ed25519' })),
        h,
      ).toBe('ERR_INVALID_KEY');
    }
  });
});

// Hostile input for the parsers and the validator (fast-check): arbitrary bytes, truncated
// and bit-flipped certificates and CRLs, random DER trees. Every outcome is either a parse
// or a typed CachetError; nothing crashes, hangs or returns a different certificate.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import {
  type Certificate,
  type Crl,
  createCrl,
  createTestPki,
  parseCertificate,
  parseCrl,
  type TestPki,
  verifyChain,
} from '../../src/x509/index.js';

let pki: TestPki;
let leafDer: Uint8Array;
let crl: Crl;
let crlDer: Uint8Array;

beforeAll(async () => {
  pki = await createTestPki({
    leaf: {
      dnsNames: ['fuzz.example'],
      emails: ['a@fuzz.example'],
      uris: ['https://fuzz.example/x'],
    },
  });
  leafDer = pki.leaf.toDer();
  crl = await createCrl({
    issuer: pki.intermediate,
    issuerKey: pki.keys.intermediate,
    revoked: [pki.leaf, '01'],
  });
  crlDer = crl.toDer();
});

function outcome<T>(f: () => T): T | CachetError {
  try {
    return f();
  } catch (e) {
    if (e instanceof CachetError) return e;
    throw e;
  }
}

/** A random DER-ish tree: plausible tags and lengths, so the parser goes deep. */
const derTree: fc.Arbitrary<Uint8Array> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc
      .tuple(
        fc.constantFrom(
          0x02,
          0x03,
          0x04,
          0x05,
          0x06,
          0x0c,
          0x13,
          0x16,
          0x17,
          0x18,
          0x80,
          0x81,
          0x82,
          0x86,
          0x87,
        ),
        fc.uint8Array({ maxLength: 40 }),
      )
      .map(([tag, body]) => tlv(tag, body)),
    fc
      .tuple(fc.constantFrom(0x30, 0x31, 0xa0, 0xa1, 0xa3), fc.array(tie('node'), { maxLength: 5 }))
      .map(([tag, kids]) => tlv(tag, concat(kids as Uint8Array[]))),
  ),
})).node as fc.Arbitrary<Uint8Array>;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function tlv(tag: number, body: Uint8Array): Uint8Array {
  const len = body.length;
  const head =
    len < 0x80 ? [tag, len] : len < 0x100 ? [tag, 0x81, len] : [tag, 0x82, len >> 8, len & 0xff];
  return concat([new Uint8Array(head), body]);
}

describe('parseCertificate fuzz', () => {
  it('arbitrary bytes give a certificate or a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const r = outcome(() => parseCertificate(bytes));
        if (r instanceof CachetError)
          expect(r.code).toMatch(/^ERR_(CERT_MALFORMED|INVALID_ARGUMENT|LIMIT_EXCEEDED)$/);
      }),
      { numRuns: 500 },
    );
  });

  it('random DER trees (inside a certificate-like SEQUENCE) give a certificate or a typed error', () => {
    fc.assert(
      fc.property(fc.array(derTree, { minLength: 1, maxLength: 4 }), (kids) => {
        const r = outcome(() => parseCertificate(tlv(0x30, concat(kids))));
        expect(r instanceof CachetError ? r.code : 'parsed').toMatch(
          /^(parsed|ERR_CERT_MALFORMED)$/,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('truncations and bit flips of a real certificate never crash; a parse is of exactly the input', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100_000 }),
        fc.array(fc.tuple(fc.nat({ max: 100_000 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.boolean(),
        (cut, flips, truncate) => {
          let der = leafDer.slice();
          for (const [at, mask] of flips) der[at % der.length]! ^= mask;
          if (truncate) der = der.subarray(0, cut % der.length);
          const r = outcome(() => parseCertificate(der));
          if (r instanceof CachetError) {
            expect(r.code).toBe('ERR_CERT_MALFORMED');
          } else {
            expect((r as Certificate).toDer()).toEqual(der);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('verifyChain on a mutated leaf is accepted only if the bytes are unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 100_000 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, mask) => {
          const der = leafDer.slice();
          der[at % der.length]! ^= mask;
          const r = await verifyChain({
            leaf: der,
            intermediates: [pki.intermediate],
            roots: [pki.root],
          }).then(
            () => 'accepted',
            (e: unknown) => {
              if (!(e instanceof CachetError)) throw e;
              return e.code;
            },
          );
          // A flipped byte is in the signed TBS or the signature: either way, no acceptance.
          expect(r).not.toBe('accepted');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseCrl fuzz', () => {
  it('arbitrary bytes and mutations of a real CRL give a CRL or a typed error', () => {
    expect(parseCrl(crlDer).revoked).toHaveLength(2);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, mask) => {
          const r1 = outcome(() => parseCrl(bytes));
          if (r1 instanceof CachetError) expect(r1.code).toBe('ERR_CERT_MALFORMED');
          const der = crlDer.slice();
          der[at % der.length]! ^= mask;
          const r2 = outcome(() => parseCrl(der));
          if (r2 instanceof CachetError) expect(r2.code).toBe('ERR_CERT_MALFORMED');
          else expect(r2.toDer()).toEqual(der);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a tampered CRL is never used to revoke or clear', async () => {
    const der = crlDer.slice();
    der[der.length - 2]! ^= 1;
    const err = await verifyChain({
      leaf: pki.leaf,
      intermediates: [pki.intermediate],
      roots: [pki.root],
      hostname: 'fuzz.example',
      crls: [der],
    }).catch((e: CachetError) => e.code);
    expect(err).toBe('ERR_CERT_BAD_SIGNATURE');
  });
});

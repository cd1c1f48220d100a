// cachet's byte codecs (root export): strict decoding (alphabet, padding, canonical
// trailing bits, invalid UTF-8), round trips against hand-written reference codecs
// (test/helpers/reference-codecs.ts, runnable in the browser), constant-time equality over
// views with a byteOffset, and concatenation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  type CachetError,
  concatBytes,
  equalBytes,
  hexDecode,
  hexEncode,
  InvalidInputError,
  utf8Decode,
  utf8Encode,
} from '../../src/index.js';
import {
  isWellFormed,
  refBase64,
  refHex,
  refUtf8Decode,
  refUtf8Encode,
} from '../helpers/reference-codecs.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

function expectFormatError(fn: () => unknown, name = 'text'): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(InvalidInputError);
  expect((caught as InvalidInputError).code).toBe('ERR_INVALID_FORMAT');
  expect((caught as Error).message).toContain(`"${name}"`);
}

describe('base64 (RFC 4648 §4, padded)', () => {
  it('encodes the RFC 4648 §10 test vectors', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, b64] of vectors) {
      const raw = Uint8Array.from(text, (c) => c.charCodeAt(0));
      expect(base64Encode(raw)).toBe(b64);
      expect(base64Decode(b64)).toEqual(raw);
    }
  });

  it('round-trips arbitrary bytes and matches the reference encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
        const text = base64Encode(raw);
        expect(text).toBe(refBase64(raw));
        expect(base64Decode(text)).toEqual(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('has exactly one accepted encoding per byte string (decode then encode is identity)', () => {
    const alphabetish = fc.string({
      unit: fc.constantFrom(...'ABCDQRSTghwxyz0189+/=-_ \n'.split('')),
      maxLength: 24,
    });
    fc.assert(
      fc.property(fc.oneof(alphabetish, fc.string({ maxLength: 24 })), (text) => {
        let decoded: Uint8Array;
        try {
          decoded = base64Decode(text);
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidInputError);
          expect((err as CachetError).code).toBe('ERR_INVALID_FORMAT');
          return;
        }
        expect(base64Encode(decoded)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects characters outside the alphabet', () => {
    for (const text of [
      'Zm9-',
      'Zm9_',
      'Zm 9v',
      'Zm9v\n',
      'Zm9\u00e9',
      'Zm9\u0000',
      '\u{1F600}AA=',
    ]) {
      expectFormatError(() => base64Decode(text));
    }
  });

  it('rejects missing, extra and misplaced padding', () => {
    for (const text of [
      'Zg',
      'Zg=',
      'Zg===',
      'Zm8',
      '=Zm8',
      'Z=g=',
      'Zm9v=',
      '====',
      'A===',
      'Z',
    ]) {
      expectFormatError(() => base64Decode(text));
    }
  });

  it('rejects non-zero trailing bits (RFC 4648 §3.5), for every last character', () => {
    // 'Zg==' is 0x66: the second character carries 2 data bits and 4 must-be-zero bits.
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    for (let v = 0; v < 64; v++) {
      const one = `Z${b64[v]}==`;
      const two = `Zm${b64[v]}=`;
      if (v % 16 === 0) expect(base64Decode(one)).toHaveLength(1);
      else expectFormatError(() => base64Decode(one));
      if (v % 4 === 0) expect(base64Decode(two)).toHaveLength(2);
      else expectFormatError(() => base64Decode(two));
    }
  });

  it('names the argument it was given in its errors', () => {
    expectFormatError(() => base64Decode('%%%%', 'signature'), 'signature');
  });
});

describe('base64url (RFC 4648 §5, unpadded as in JOSE)', () => {
  it('round-trips arbitrary bytes and matches the reference encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
        const text = base64urlEncode(raw);
        expect(text).toBe(refBase64(raw, true));
        expect(base64urlDecode(text)).toEqual(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('has exactly one accepted encoding per byte string', () => {
    const alphabetish = fc.string({
      unit: fc.constantFrom(...'ABCDQRSghwxyz0189-_+/= '.split('')),
      maxLength: 23,
    });
    fc.assert(
      fc.property(fc.oneof(alphabetish, fc.string({ maxLength: 23 })), (text) => {
        let decoded: Uint8Array;
        try {
          decoded = base64urlDecode(text);
        } catch (err) {
          expect((err as CachetError).code).toBe('ERR_INVALID_FORMAT');
          return;
        }
        expect(base64urlEncode(decoded)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects padding, the standard alphabet and impossible lengths', () => {
    for (const text of ['Zg==', 'Zg=', 'Zm8=', '+/8', '//8', 'Z', 'Zm9vY', ' Zg', 'Zg\n']) {
      expectFormatError(() => base64urlDecode(text));
    }
    expect(base64urlDecode('__8')).toEqual(bytes(255, 255));
    expect(base64urlDecode('-A')).toEqual(bytes(0xf8));
  });

  it('rejects non-zero trailing bits', () => {
    expect(base64urlDecode('Zg')).toEqual(bytes(0x66));
    expectFormatError(() => base64urlDecode('Zh'));
    expectFormatError(() => base64urlDecode('Zm9'));
  });
});

describe('hex', () => {
  it('round-trips arbitrary bytes, lowercase on output, either case on input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (raw) => {
        const text = hexEncode(raw);
        expect(text).toBe(refHex(raw));
        expect(hexDecode(text)).toEqual(raw);
        expect(hexDecode(text.toUpperCase())).toEqual(raw);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects odd lengths, prefixes, separators and non-hex characters', () => {
    for (const text of ['0', 'abc', '0x00', '0g', 'zz', ' 00', '00 ', '0-', '\u0660\u0661']) {
      expectFormatError(() => hexDecode(text));
    }
  });

  it('accepts exactly the strings the reference accepts', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgx '), maxLength: 12 }),
        (s) => {
          const valid = /^(?:[0-9a-fA-F]{2})*$/.test(s);
          if (valid) expect(refHex(hexDecode(s))).toBe(s.toLowerCase());
          else expectFormatError(() => hexDecode(s));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('UTF-8', () => {
  it('encodes well-formed strings like the RFC 3629 reference', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(utf8Encode(text)).toEqual(refUtf8Encode(text));
        expect(utf8Decode(utf8Encode(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes the RFC 3629 §7 examples', () => {
    expect(utf8Encode('A\u2262\u0391.')).toEqual(bytes(0x41, 0xe2, 0x89, 0xa2, 0xce, 0x91, 0x2e));
    expect(utf8Encode('\ud55c\uad6d\uc5b4')).toEqual(
      bytes(0xed, 0x95, 0x9c, 0xea, 0xb5, 0xad, 0xec, 0x96, 0xb4),
    );
    expect(utf8Encode('\u{233B4}')).toEqual(bytes(0xf0, 0xa3, 0x8e, 0xb4));
  });

  it('turns lone surrogates into U+FFFD on encoding (documented; they have no UTF-8 form)', () => {
    expect(utf8Encode('a\ud800b')).toEqual(bytes(0x61, 0xef, 0xbf, 0xbd, 0x62));
    expect(utf8Encode('\udc00')).toEqual(bytes(0xef, 0xbf, 0xbd));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        const roundTrip = utf8Decode(utf8Encode(text));
        expect(roundTrip === text).toBe(isWellFormed(text));
      }),
    );
  });

  it('rejects invalid UTF-8 instead of replacing it', () => {
    const invalid = [
      bytes(0x80), // lone continuation byte
      bytes(0xc0, 0x80), // overlong NUL
      bytes(0xc1, 0xbf), // overlong
      bytes(0xe0, 0x80, 0xaf), // overlong '/'
      bytes(0xed, 0xa0, 0x80), // UTF-16 surrogate D800 (CESU-8)
      bytes(0xed, 0xbf, 0xbf), // surrogate DFFF
      bytes(0xf4, 0x90, 0x80, 0x80), // above U+10FFFF
      bytes(0xf5, 0x80, 0x80, 0x80),
      bytes(0xff),
      bytes(0xe2, 0x82), // truncated
      bytes(0x61, 0xf0, 0x9f, 0x98), // truncated at the end
    ];
    for (const raw of invalid) {
      expect(refUtf8Decode(raw)).toBeUndefined();
      expectFormatError(() => utf8Decode(raw), 'bytes');
    }
  });

  it('accepts exactly the byte strings a strict reference decoder accepts', () => {
    const utf8ish = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc
        .array(
          fc.oneof(
            fc.constantFrom(0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xed, 0xa0, 0xf0, 0x9f, 0x98, 0x80),
            fc.integer({ min: 0x80, max: 0xbf }),
          ),
          { maxLength: 12 },
        )
        .map((a) => Uint8Array.from(a)),
    );
    fc.assert(
      fc.property(utf8ish, (raw) => {
        const expected = refUtf8Decode(raw);
        if (expected === undefined) expectFormatError(() => utf8Decode(raw), 'bytes');
        else {
          expect(utf8Decode(raw)).toBe(expected);
          expect(utf8Encode(expected)).toEqual(raw);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a byte order mark as U+FEFF rather than dropping it', () => {
    expect(utf8Decode(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
  });
});

describe('equalBytes', () => {
  it('agrees with a plain comparison on arbitrary arrays', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const same = a.length === b.length && a.every((v, i) => v === b[i]);
        expect(equalBytes(a, b)).toBe(same);
        expect(equalBytes(a, a.slice())).toBe(true);
      }),
    );
  });

  it('compares views over their own bytes (byteOffset and length respected)', () => {
    const buffer = new Uint8Array([9, 9, 1, 2, 3, 4, 9, 9]);
    const view = buffer.subarray(2, 6);
    expect(view.byteOffset).toBe(2);
    expect(equalBytes(view, bytes(1, 2, 3, 4))).toBe(true);
    expect(equalBytes(bytes(1, 2, 3, 4), view)).toBe(true);
    expect(equalBytes(view, buffer.subarray(0, 4))).toBe(false); // same buffer, other window
    expect(equalBytes(view, bytes(1, 2, 3))).toBe(false);
    expect(equalBytes(new Uint8Array(buffer.buffer, 3, 2), bytes(2, 3))).toBe(true);
  });

  it('handles random windows into shared buffers', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (backing, s1, s2, len) => {
          const a0 = s1 % backing.length;
          const b0 = s2 % backing.length;
          const n = len % (backing.length - Math.max(a0, b0) + 1);
          const a = backing.subarray(a0, a0 + n);
          const b = backing.subarray(b0, b0 + n);
          const same = Array.from(a).every((v, i) => v === b[i]);
          expect(equalBytes(a, b)).toBe(same);
        },
      ),
    );
  });

  it('treats two empty arrays as equal and different lengths as different', () => {
    expect(equalBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(equalBytes(bytes(0), new Uint8Array(0))).toBe(false);
    expect(equalBytes(bytes(0, 0), bytes(0))).toBe(false);
  });
});

describe('concatBytes', () => {
  it('concatenates like the reference, respecting views', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 6 }), (parts) => {
        const views = parts.map((p) => {
          const padded = new Uint8Array(p.length + 4).fill(0xee);
          padded.set(p, 2);
          return padded.subarray(2, 2 + p.length);
        });
        const expected = Uint8Array.from(parts.flatMap((p) => Array.from(p)));
        expect(concatBytes(...views)).toEqual(expected);
      }),
    );
  });

  it('returns a fresh copy that later writes to the inputs do not change', () => {
    const a = bytes(1, 2);
    const out = concatBytes(a);
    a[0] = 7;
    expect(out).toEqual(bytes(1, 2));
    expect(concatBytes()).toEqual(new Uint8Array(0));
  });
});

// The codecs against Node's Buffer as an independent implementation: same output on every
// input Buffer encodes, and strict where Buffer is lenient (Buffer silently skips bad
// characters, accepts missing padding and non-canonical bits, and replaces bad UTF-8).
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  hexDecode,
  hexEncode,
  InvalidInputError,
  utf8Decode,
  utf8Encode,
} from '../../src/index.js';

describe('codecs vs Buffer', () => {
  it('encode exactly as Buffer does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (raw) => {
        const buf = Buffer.from(raw);
        expect(base64Encode(raw)).toBe(buf.toString('base64'));
        expect(base64urlEncode(raw)).toBe(buf.toString('base64url'));
        expect(hexEncode(raw)).toBe(buf.toString('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('decode what Buffer encodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (raw) => {
        const buf = Buffer.from(raw);
        expect(base64Decode(buf.toString('base64'))).toEqual(raw);
        expect(base64urlDecode(buf.toString('base64url'))).toEqual(raw);
        expect(hexDecode(buf.toString('hex'))).toEqual(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('accept a base64 string only when Buffer round-trips it unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'AQgw09+/-_= \n'.split('')), maxLength: 16 }),
        (text) => {
          const canonical = Buffer.from(text, 'base64').toString('base64') === text;
          let ours: Uint8Array | undefined;
          try {
            ours = base64Decode(text);
          } catch (err) {
            expect(err).toBeInstanceOf(InvalidInputError);
          }
          expect(ours !== undefined).toBe(canonical);
          if (ours) expect(Buffer.from(ours).equals(Buffer.from(text, 'base64'))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reject what Buffer silently accepts', () => {
    // Buffer ignores the '!' and the missing padding, and drops the non-zero bits.
    expect(Buffer.from('Zm9v!YmFy', 'base64').toString()).toBe('foobar');
    expect(() => base64Decode('Zm9v!YmFy')).toThrow(InvalidInputError);
    expect(Buffer.from('Zg', 'base64')).toHaveLength(1);
    expect(() => base64Decode('Zg')).toThrow(InvalidInputError);
    expect(Buffer.from('Zh==', 'base64')).toEqual(Buffer.from('Zg==', 'base64'));
    expect(() => base64Decode('Zh==')).toThrow(InvalidInputError);
    expect(Buffer.from('abz', 'hex')).toHaveLength(1);
    expect(() => hexDecode('abz')).toThrow(InvalidInputError);
  });

  it('UTF-8: agree with Buffer on valid input and refuse what Buffer replaces with U+FFFD', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (raw) => {
        const lossy = Buffer.from(raw).toString('utf8');
        const valid = Buffer.from(lossy, 'utf8').equals(Buffer.from(raw));
        if (valid) expect(utf8Decode(raw)).toBe(lossy);
        else expect(() => utf8Decode(raw)).toThrow(InvalidInputError);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(Buffer.from(utf8Encode(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }),
    );
  });
});

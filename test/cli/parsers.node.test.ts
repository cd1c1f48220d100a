// The CLI's own parsers, in process: raw HTTP/1.1 requests, header lines, key=value pairs,
// field values and signature encodings. Arbitrary input gives a result or a UsageError
// (exit 2), never another exception; what the writers produce parses back unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairs } from '../../src/cli/args.js';
import { decodeBytes, ENCODINGS, encodeBytes } from '../../src/cli/encoding.js';
import { readValue } from '../../src/cli/field-value.js';
import { parseHeaderLines } from '../../src/cli/headers.js';
import { formatRawRequest, parseRawRequest } from '../../src/cli/raw-http.js';
import { UsageError } from '../../src/cli/usage.js';
import { CachetError } from '../../src/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);
/** Runs `f`; only a result, a UsageError or (for codecs) a CachetError may come out. */
function total(f: () => unknown, cachetErrorsToo = false): void {
  try {
    f();
  } catch (err) {
    if (err instanceof UsageError) return;
    if (cachetErrorsToo && err instanceof CachetError) return;
    throw err;
  }
}

describe('parseRawRequest', () => {
  it('reads origin-form and absolute-form targets, LF or CRLF, Content-Length and chunked bodies', () => {
    const a = parseRawRequest(
      enc(
        'POST /v1/orders?id=7 HTTP/1.1\r\nHost: api.example.com:8443\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{"id":7}',
      ),
      'https',
    );
    expect(a).toEqual({
      method: 'POST',
      url: 'https://api.example.com:8443/v1/orders?id=7',
      headers: [
        ['Host', 'api.example.com:8443'],
        ['Content-Type', 'application/json'],
        ['Content-Length', '8'],
      ],
      body: enc('{"id":7}'),
    });
    const b = parseRawRequest(
      enc('GET http://example.com/x HTTP/1.0\nAccept:  */*  \n\n'),
      'https',
    );
    expect(b.url).toBe('http://example.com/x');
    expect(b.headers).toEqual([['Accept', '*/*']]);
    expect(b.body).toEqual(new Uint8Array(0));
    const c = parseRawRequest(
      enc(
        'PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n',
      ),
      'http',
    );
    expect(new TextDecoder().decode(c.body)).toBe('Wikipedia');
  });

  it.each([
    ['GET / HTTP/1.1\r\nHost: h\r\n', 'no empty line'],
    ['GET / HTTP/2\r\nHost: h\r\n\r\n', 'first line'],
    ['G(T / HTTP/1.1\r\nHost: h\r\n\r\n', 'not a token'],
    ['GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n', 'folding'],
    ['GET / HTTP/1.1\r\nBad Name: x\r\nHost: h\r\n\r\n', 'field name'],
    ['GET / HTTP/1.1\r\nHost: h\r\nX: a\x01b\r\n\r\n', 'control character'],
    ['GET / HTTP/1.1\r\n\r\n', 'Host'],
    ['GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 'Host'],
    ['GET x HTTP/1.1\r\nHost: h\r\n\r\n', 'target'],
    ['POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nabc', 'Content-Length is 5'],
    [
      'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc',
      'Content-Length',
    ],
    [
      'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'both',
    ],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n', 'other than chunked'],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'hexadecimal'],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nabc', 'truncated'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(() => parseRawRequest(enc(text), 'https')).toThrow(new RegExp(reason));
    expect(() => parseRawRequest(enc(text), 'https')).toThrow(UsageError);
  });

  it('refuses a head beyond 64 KiB without scanning further', () => {
    const huge = enc(`GET / HTTP/1.1\r\nX: ${'a'.repeat(70_000)}\r\n\r\n`);
    expect(() => parseRawRequest(huge, 'https')).toThrow(/larger than 65536/);
  });

  it('gives a request or a UsageError for arbitrary bytes and mutated requests', () => {
    const base =
      'POST /a?b=c HTTP/1.1\r\nHost: example.com\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
        total(() => parseRawRequest(bytes, 'https')),
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(base.length),
        fc.string({ maxLength: 8 }),
        (start, len, insert) =>
          total(() =>
            parseRawRequest(enc(base.slice(0, start) + insert + base.slice(start + len)), 'https'),
          ),
      ),
      { numRuns: 2000 },
    );
  });

  it('parses back what formatRawRequest writes', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
    const value = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,30}[\x21-\x7e])?$/);
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }),
        fc.array(fc.tuple(token, value), { maxLength: 10 }),
        fc.uint8Array({ maxLength: 100 }),
        (method, url, headers, body) => {
          const clean = headers.filter(
            ([k]) => !['host', 'content-length', 'transfer-encoding'].includes(k.toLowerCase()),
          );
          const parsed = parseRawRequest(
            formatRawRequest({ method, url, headers: clean, body }),
            'https',
          );
          const u = new URL(url);
          expect(parsed.method).toBe(method);
          expect(parsed.url).toBe(`https://${u.host}${u.pathname}${u.search}`);
          expect(
            parsed.headers.filter(([k]) => !['host', 'content-length'].includes(k.toLowerCase())),
          ).toEqual(clean);
          expect(parsed.body).toEqual(body);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('small parsers', () => {
  it('header lines: pairs or a UsageError', () => {
    expect(parseHeaderLines(['X-A: 1', '', 'x-b:two words '], '-H')).toEqual([
      ['X-A', '1'],
      ['x-b', 'two words'],
    ]);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }), (lines) =>
        total(() => parseHeaderLines(lines, '-H')),
      ),
    );
  });

  it('key=value pairs: a map, refusing empty keys and repeats', () => {
    const parse = (items: string[]) =>
      pairs({ values: { context: items }, positionals: [] }, 'context');
    expect(parse(['a=b', 'c==d', 'e='])).toEqual({ a: 'b', c: '=d', e: '' });
    expect(() => parse(['=b'])).toThrow(UsageError);
    expect(() => parse(['a=1', 'a=2'])).toThrow(/given twice/);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), (items) =>
        total(() => parse(items)),
      ),
    );
  });

  it('field values: one trailing newline dropped; JSON and UTF-8 checked', () => {
    expect(readValue(enc('alice\n'), 'string')).toBe('alice');
    expect(readValue(enc('alice\r\n'), 'string')).toBe('alice');
    expect(readValue(enc('a\n\n'), 'string')).toBe('a\n');
    expect(readValue(enc('{"a":1}\n'), 'json')).toEqual({ a: 1 });
    expect(readValue(enc('x\n'), 'bytes')).toEqual(enc('x\n'));
    expect(() => readValue(Uint8Array.of(0xff), 'string')).toThrow(/not UTF-8/);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 50 }),
        fc.constantFrom('string', 'json', 'bytes' as const),
        (b, t) => total(() => readValue(b, t)),
      ),
    );
  });

  it('signature encodings round-trip; malformed text is a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.constantFrom(...ENCODINGS), (bytes, e) => {
        const text = encodeBytes(bytes, e);
        expect(decodeBytes(typeof text === 'string' ? enc(text) : text, e, 'sig')).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 50 }), fc.constantFrom(...ENCODINGS), (b, e) =>
        total(() => decodeBytes(b, e, 'sig'), true),
      ),
    );
  });
});

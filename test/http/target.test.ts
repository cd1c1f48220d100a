// The target-URI fast path (src/http/target.ts) against the WHATWG URL parser: on
// generated and random URLs, the parts are those of `new URL()` exactly, or both refuse.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import { targetParts } from '../../src/http/target.js';

function whatwg(url: string) {
  const u = new URL(url);
  if (u.host === '') throw new Error('no host');
  const scheme = u.protocol.slice(0, -1);
  const path = u.pathname || '/';
  // RFC 9421 §2.2.2: the target URI without its fragment (and without user information).
  return {
    scheme,
    host: u.host,
    path,
    search: u.search,
    uri: `${scheme}://${u.host}${path}${u.search}`,
  };
}

const FRAGMENTS = [
  'https://',
  'http://',
  'HTTPS://',
  'ftp://',
  'https:',
  '//',
  'a',
  'example',
  '.com',
  '.',
  '..',
  '-',
  'xn--',
  'x',
  'Example',
  '123',
  '0x1f',
  '127.0.0.1',
  '[::1]',
  ':',
  ':443',
  ':80',
  ':8443',
  ':0',
  ':99999',
  ':08',
  '@',
  'user:pw@',
  '/',
  '/a',
  '/A',
  '/./',
  '/../',
  '/%2e/',
  '/%2E%2e',
  '/.x',
  '/%20',
  '/%zz',
  ' ',
  '\t',
  '\\',
  '"',
  '<',
  '>',
  '`',
  '{',
  '}',
  '^',
  '|',
  '[',
  ']',
  '~',
  "'",
  '?',
  '?q=1',
  '&',
  '=',
  '+',
  '#',
  '#frag',
  'é',
  '%',
  ';',
  ',',
  '!',
  '$',
  '(',
  ')',
  '*',
];
const generated = fc
  .array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 12 })
  .map((p) => p.join(''));
const plausible = fc
  .tuple(
    fc.constantFrom('https://', 'http://'),
    fc.array(fc.stringMatching(/^[a-z0-9-]{1,6}$/), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', ':443', ':80', ':8080', ':65536'),
    fc.array(fc.constantFrom(...FRAGMENTS.slice(20)), { maxLength: 8 }),
  )
  .map(([s, labels, port, rest]) => `${s}${labels.join('.')}${port}${rest.join('')}`);

it('target parts equal the WHATWG URL parser on generated and random URLs', () => {
  fc.assert(
    fc.property(fc.oneof(generated, plausible, fc.string({ maxLength: 30 })), (url) => {
      let expected: ReturnType<typeof whatwg> | undefined;
      try {
        expected = whatwg(url);
      } catch {
        expected = undefined;
      }
      let actual: ReturnType<typeof targetParts> | undefined;
      try {
        actual = targetParts(url);
      } catch (err) {
        expect(err).toBeInstanceOf(CachetError);
        actual = undefined;
      }
      expect(actual, url).toEqual(expected);
    }),
    { numRuns: 20_000 },
  );
});

it('gives the RFC 9421 §2.2 parts for common URLs', () => {
  expect(targetParts('https://www.example.com/path?param=value')).toEqual({
    scheme: 'https',
    host: 'www.example.com',
    path: '/path',
    search: '?param=value',
    uri: 'https://www.example.com/path?param=value',
  });
  expect(targetParts('http://example.com:8080')).toEqual({
    scheme: 'http',
    host: 'example.com:8080',
    path: '/',
    search: '',
    uri: 'http://example.com:8080/',
  });
  expect(targetParts('https://example.com:443/a/../b?')).toEqual({
    scheme: 'https',
    host: 'example.com',
    path: '/b',
    search: '',
    uri: 'https://example.com/b',
  });
  expect(targetParts('https://example.com:443/a?b=1#c').uri).toBe('https://example.com/a?b=1');
  expect(targetParts('https://example.com/a?#c').uri).toBe('https://example.com/a');
  expect(targetParts('https://example.com:8443?x').uri).toBe('https://example.com:8443/?x');
  expect(() => targetParts('/relative')).toThrow(/absolute/);
});

// Every public entry point refuses bad input with a typed CachetError: fuzzed component
// identifiers, request shapes, Node requests, and misuse of Fetch objects.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import {
  fromNodeRequest,
  signatureBase,
  signingFetch,
  signRequest,
  verifyRequest,
} from '../../src/http/index.js';
import { Keyring } from '../../src/keys/index.js';

const key = Keyring.generate('HS256');
const request = {
  method: 'POST',
  url: 'https://api.example.com/x?a=1',
  headers: { 'x-a': 'v', 'example-dict': 'a=1, b' },
  body: 'hi',
};

async function outcome(promise: Promise<unknown>): Promise<'ok' | CachetError> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(CachetError);
    return err as CachetError;
  }
}

it('arbitrary component identifiers sign, or are refused with ERR_INVALID_ARGUMENT', async () => {
  const pieces = fc.constantFrom(
    '@method',
    '@query-param',
    'x-a',
    'example-dict',
    '"x-a"',
    ';',
    ';sf',
    ';bs',
    ';req',
    ';key="a"',
    ';name="a"',
    ';tr',
    '=',
    '"',
    ' ',
    'X-A',
    '@',
    '\u00e9',
    '(',
    '@status',
    ';key=1',
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.array(pieces, { maxLength: 4 }).map((p) => p.join('')),
        { minLength: 1, maxLength: 4 },
      ),
      async (components) => {
        const result = await outcome(
          signRequest(request, {
            key,
            components,
            structuredFields: { 'example-dict': 'dictionary' },
          }),
        );
        if (result === 'ok') return;
        expect([
          'ERR_INVALID_ARGUMENT',
          'ERR_INVALID_FORMAT',
          'ERR_UNSUPPORTED_ALGORITHM',
        ]).toContain(result.code);
      },
    ),
    { numRuns: 500 },
  );
});

it('arbitrary request shapes are refused with ERR_INVALID_ARGUMENT, not a TypeError', async () => {
  const anything = fc.oneof(
    fc.anything(),
    fc.record({
      method: fc.anything(),
      url: fc.anything(),
      headers: fc.anything(),
      body: fc.anything(),
    }),
  );
  await fc.assert(
    fc.asyncProperty(anything, async (input) => {
      await outcome(signRequest(input as never, { key }));
      await outcome(verifyRequest(input as never, { keys: key }));
      try {
        signatureBase(input as never);
      } catch (err) {
        expect(err).toBeInstanceOf(CachetError);
      }
    }),
    { numRuns: 400 },
  );
});

it('fromNodeRequest never lets the request target choose the origin', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 40 }),
      fc.stringMatching(/^[a-z0-9.-]{1,20}(:[0-9]{1,5})?$/),
      (target, host) => {
        let url: string;
        try {
          url = String(
            fromNodeRequest({ url: `/${target}`, headers: { host } }, undefined, {
              origin: 'https://api.example.com',
            }).url,
          );
        } catch (err) {
          expect(err).toBeInstanceOf(CachetError);
          return;
        }
        expect(url.startsWith('https://api.example.com/')).toBe(true);
      },
    ),
  );
});

it('Fetch misuse: invalid URLs and already-read bodies', async () => {
  const api = signingFetch({ key, fetch: async () => new Response('') });
  // (A relative URL is valid in a browser, resolved against the page.)
  expect(await outcome(api('https://[::1'))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  const used = new Request('https://api.example.com/', { method: 'POST', body: 'x' });
  await used.text();
  expect(await outcome(signRequest(used, { key }))).toMatchObject({
    code: 'ERR_BODY_ALREADY_PARSED',
  });
  expect(await outcome(verifyRequest(used, { keys: key }))).toMatchObject({
    code: 'ERR_BODY_ALREADY_PARSED',
  });
  expect(() => signingFetch({ key, created: 5 })).toThrow(CachetError);
  expect(() => signingFetch({ key: new Uint8Array(3) })).toThrow(CachetError);
});

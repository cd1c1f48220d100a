// Component values against the examples of RFC 9421 §2 (field canonicalization, sf, key,
// bs, derived components, @query-param encoding) and the request-response binding example
// of §2.4, verified with the published signature. Values are read back from signature
// bases built by signing, so every example goes through the same path as real traffic.
import { describe, expect, it } from 'vitest';
import {
  type HttpRequestLike,
  signatureBase,
  signRequest,
  signResponse,
  verifyResponse,
} from '../../src/http/index.js';
import { Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { loadVectors } from '../helpers/vectors.js';
import { publicKeys, type Rfc9421 } from './rfc9421.js';

const key = new Uint8Array(32).fill(9);

/** The component lines of the signature base for `components` over `request`. */
async function lines(
  request: HttpRequestLike,
  components: string[],
  extra = {},
): Promise<string[]> {
  const signed = await signRequest(request, {
    key,
    components,
    nonce: false,
    created: 1,
    ...extra,
  });
  return signatureBase(signed, extra).split('\n').slice(0, -1);
}

const rfcFields: HttpRequestLike = {
  method: 'GET',
  url: 'https://www.example.com/',
  headers: [
    ['Host', 'www.example.com'],
    ['Date', 'Tue, 20 Apr 2021 02:07:56 GMT'],
    ['X-OWS-Header', '   Leading and trailing whitespace.   '],
    ['X-Obs-Fold-Header', 'Obsolete\r\n    line folding.'],
    ['Cache-Control', 'max-age=60'],
    ['Cache-Control', '   must-revalidate'],
    ['Example-Dict', ' a=1,    b=2;x=1;y=2,   c=(a   b   c)'],
    ['X-Empty-Header', ''],
  ],
};

describe('RFC 9421 §2.1 field values', () => {
  it('combines, trims and unfolds field lines', async () => {
    expect(
      await lines(rfcFields, [
        'host',
        'date',
        'x-ows-header',
        'x-obs-fold-header',
        'cache-control',
        'example-dict',
        'x-empty-header',
      ]),
    ).toEqual([
      '"host": www.example.com',
      '"date": Tue, 20 Apr 2021 02:07:56 GMT',
      '"x-ows-header": Leading and trailing whitespace.',
      '"x-obs-fold-header": Obsolete line folding.',
      '"cache-control": max-age=60, must-revalidate',
      '"example-dict": a=1,    b=2;x=1;y=2,   c=(a   b   c)',
      '"x-empty-header": ',
    ]);
  });

  it('§2.1.1 sf: strict re-serialization of a declared Dictionary', async () => {
    expect(
      await lines(rfcFields, ['example-dict;sf'], {
        structuredFields: { 'Example-Dict': 'dictionary' },
      }),
    ).toEqual(['"example-dict";sf: a=1, b=2;x=1;y=2, c=(a b c)']);
    // The type must be known: refusing to guess is the RFC's rule (§2.5).
    await expect(lines(rfcFields, ['example-dict;sf'])).rejects.toThrow(/structured type/);
  });

  it('§2.1.2 key: dictionary members', async () => {
    const request = {
      ...rfcFields,
      headers: [['Example-Dict', ' a=1, b=2;x=1;y=2, c=(a   b    c), d']] as Array<
        [string, string]
      >,
    };
    expect(
      await lines(request, [
        'example-dict;key="a"',
        'example-dict;key="d"',
        'example-dict;key="b"',
        'example-dict;key="c"',
      ]),
    ).toEqual([
      '"example-dict";key="a": 1',
      '"example-dict";key="d": ?1',
      '"example-dict";key="b": 2;x=1;y=2',
      '"example-dict";key="c": (a b c)',
    ]);
    await expect(lines(request, ['example-dict;key="z"'])).rejects.toThrow(/no such key/);
  });

  it('§2.1.3 bs: each field line wrapped as a byte sequence', async () => {
    const two = {
      ...rfcFields,
      headers: [
        ['Example-Header', 'value, with, lots'],
        ['Example-Header', 'of, commas'],
      ] as Array<[string, string]>,
    };
    const one = {
      ...rfcFields,
      headers: [['Example-Header', 'value, with, lots, of, commas']] as Array<[string, string]>,
    };
    expect(await lines(two, ['example-header;bs'])).toEqual([
      '"example-header";bs: :dmFsdWUsIHdpdGgsIGxvdHM=:, :b2YsIGNvbW1hcw==:',
    ]);
    expect(await lines(one, ['example-header;bs'])).toEqual([
      '"example-header";bs: :dmFsdWUsIHdpdGgsIGxvdHMsIG9mLCBjb21tYXM=:',
    ]);
    // Without bs both messages give the same line: that is why bs exists.
    expect(await lines(two, ['example-header'])).toEqual(await lines(one, ['example-header']));
  });

  it('refuses parameter combinations and names the RFC forbids', async () => {
    for (const bad of [
      'example-header;bs;sf',
      '@method;sf',
      '@query-param',
      '@signature-params',
      '@unknown',
      'x;foo',
      '@method;req',
    ]) {
      await expect(lines(rfcFields, [bad]), bad).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
      });
    }
    await expect(lines(rfcFields, ['date', 'Date'])).rejects.toThrow(/listed twice/);
    await expect(lines(rfcFields, ['x-missing'])).rejects.toThrow(/not in the message/);
  });
});

describe('RFC 9421 §2.2 derived components', () => {
  const post = (url: string, method = 'POST'): HttpRequestLike => ({ method, url, headers: {} });
  const all = [
    '@method',
    '@target-uri',
    '@authority',
    '@scheme',
    '@request-target',
    '@path',
    '@query',
  ];

  it('derives method, target URI, authority, scheme, request target, path and query', async () => {
    expect(await lines(post('https://www.example.com/path?param=value'), all)).toEqual([
      '"@method": POST',
      '"@target-uri": https://www.example.com/path?param=value',
      '"@authority": www.example.com',
      '"@scheme": https',
      '"@request-target": /path?param=value',
      '"@path": /path',
      '"@query": ?param=value',
    ]);
  });

  it('normalizes scheme and host case and default ports; keeps other ports and the path as sent', async () => {
    expect(await lines(post('HTTP://WWW.Example.COM:80', 'get'), all)).toEqual([
      '"@method": get',
      '"@target-uri": http://www.example.com/',
      '"@authority": www.example.com',
      '"@scheme": http',
      '"@request-target": /',
      '"@path": /',
      '"@query": ?',
    ]);
    expect(
      await lines(post('https://example.com:8443/Path?'), ['@authority', '@path', '@query']),
    ).toEqual(['"@authority": example.com:8443', '"@path": /Path', '"@query": ?']);
    expect(await lines(post('https://www.example.com/path?queryString'), ['@query'])).toEqual([
      '"@query": ?queryString',
    ]);
    expect(
      await lines(post('https://ex.com/?param=value&foo=bar&baz=bat%2Dman'), ['@query']),
    ).toEqual(['"@query": ?param=value&foo=bar&baz=bat%2Dman']);
  });

  it('§2.2.8 @query-param: decoded, re-encoded with %20, matched by encoded name', async () => {
    const request = post('https://www.example.com/path?param=value&foo=bar&baz=batman&qux=');
    expect(
      await lines(request, [
        '@query-param;name="baz"',
        '@query-param;name="qux"',
        '@query-param;name="param"',
      ]),
    ).toEqual([
      '"@query-param";name="baz": batman',
      '"@query-param";name="qux": ',
      '"@query-param";name="param": value',
    ]);
    const encoded = post(
      'https://example.com/parameters?var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something',
    );
    expect(
      await lines(encoded, [
        '@query-param;name="var"',
        '@query-param;name="bar"',
        '@query-param;name="fa%C3%A7ade%22%3A%20"',
      ]),
    ).toEqual([
      '"@query-param";name="var": this%20is%20a%20big%0Amultiline%20value',
      '"@query-param";name="bar": with%20plus%20whitespace',
      '"@query-param";name="fa%C3%A7ade%22%3A%20": something',
    ]);
    await expect(lines(post('https://e.com/?a=1&a=2'), ['@query-param;name="a"'])).rejects.toThrow(
      /more than once/,
    );
    await expect(lines(post('https://e.com/?a=1'), ['@query-param;name="b"'])).rejects.toThrow(
      /not in the target URI/,
    );
  });

  it('@status only in responses; request components in responses only with req', async () => {
    await expect(lines(post('https://e.com/'), ['@status'])).rejects.toThrow(
      /only applies to responses/,
    );
    const response = { status: 404, headers: {} };
    const signed = await signResponse(response, {
      key,
      components: ['@status'],
      nonce: false,
      created: 1,
    });
    expect(signatureBase(signed).split('\n')[0]).toBe('"@status": 404');
    await expect(signResponse(response, { key, components: ['@method'] })).rejects.toThrow(
      /use ;req/,
    );
    await expect(signResponse(response, { key, components: ['@method;req'] })).rejects.toThrow(
      /options.request/,
    );
  });
});

const v = await loadVectors<Rfc9421>('rfc9421.json');

describeEachBackend('RFC 9421 §2.4 request-response binding', () => {
  // The example of §2.4: a 503 response signed over the request's signature (via
  // "signature";req;key="sig1"), @authority and @method, with test-key-ecc-p256.
  const request: HttpRequestLike = {
    method: 'POST',
    url: 'https://example.com/foo?param=Value&Pet=dog',
    headers: [
      ['Host', 'example.com'],
      ['Date', 'Tue, 20 Apr 2021 02:07:55 GMT'],
      ['Content-Type', 'application/json'],
      [
        'Content-Digest',
        'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
      ],
      ['Content-Length', '18'],
      [
        'Signature-Input',
        'sig1=("@method" "@authority" "@path" "content-digest" "content-length" "content-type");created=1618884475;keyid="test-key-rsa-pss"',
      ],
      [
        'Signature',
        'sig1=:LAH8BjcfcOcLojiuOBFWn0P5keD3xAOuJRGziCLuD8r5MW9S0RoXXLzLSRfGY/3SF8kVIkHjE13SEFdTo4Af/fJ/Pu9wheqoLVdwXyY/UkBIS1M8Brc8IODsn5DFIrG0IrburbLi0uCc+E2ZIIb6HbUJ+o+jP58JelMTe0QE3IpWINTEzpxjqDf5/Df+InHCAkQCTuKsamjWXUpyOT1Wkxi7YPVNOjW4MfNuTZ9HdbD2Tr65+BXeTG9ZS/9SWuXAc+BZ8WyPz0QRz//ec3uWXd7bYYODSjRAxHqX+S1ag3LZElYyUKaAIjZ8MGOt4gXEwCSLDv/zqxZeWLj/PDkn6w==:',
      ],
    ],
    body: '{"hello": "world"}',
  };
  const response = {
    status: 503,
    headers: [
      ['Date', 'Tue, 20 Apr 2021 02:07:56 GMT'],
      ['Content-Type', 'application/json'],
      ['Content-Length', '62'],
      [
        'Signature-Input',
        'reqres=("@status" "content-length" "content-type" "signature";req;key="sig1" "@authority";req "@method";req);created=1618884479;keyid="test-key-ecc-p256"',
      ],
      [
        'Signature',
        'reqres=:mh17P4TbYYBmBwsXPT4nsyVzW4Rp9Fb8WcvnfqKCQLoMvzOBLD/n32tL/GPW6XE5GAS5bdsg1khK6lBzV1Cx/Q==:',
      ],
    ] as Array<[string, string]>,
    body: '{"busy": true, "message": "Your call is very important to us"}',
  };

  it.skipIf(!v)('verifies the published response signature', async () => {
    const keys = publicKeys(v!);
    const options = {
      keys: (id: string | undefined) => keys.get(id!),
      request,
      required: ['@status', '@method;req'],
      now: 1618884480,
    };
    const result = await verifyResponse(response, options);
    expect(result.components).toEqual([
      '@status',
      'content-length',
      'content-type',
      'signature;req;key="sig1"',
      '@authority;req',
      '@method;req',
    ]);
    expect(signatureBase(response, { request }).split('\n')[3]).toMatch(
      /^"signature";req;key="sig1": :LAH8Bjcf/,
    );
    // Another request (another method) breaks the binding.
    await expect(
      verifyResponse(response, { ...options, request: { ...request, method: 'PUT' } }),
    ).rejects.toMatchObject({
      code: 'ERR_SIGNATURE_INVALID',
    });
    const { request: _omitted, ...withoutRequest } = options;
    await expect(verifyResponse(response, withoutRequest)).rejects.toThrow(/options.request/);
  });

  it('signs a response over its request and verifies it', async () => {
    const server = Keyring.generate('ES256');
    const signedRequest = await signRequest(request, { key, label: 'sig2' });
    const components = [
      '@status',
      'content-type',
      'content-digest',
      'signature;req;key="sig2"',
      '@authority;req',
      '@target-uri;req',
    ];
    const signed = await signResponse(
      { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' },
      { key: server, request: signedRequest, components },
    );
    const result = await verifyResponse(signed, {
      keys: server.publicKeyring(),
      request: signedRequest,
    });
    expect(result.alg).toBe('ecdsa-p256-sha256');
    expect(result.digest).toEqual(['sha-256']);
    // A response replayed for another request (another signature) fails.
    const other = await signRequest(request, { key, label: 'sig2' });
    await expect(
      verifyResponse(signed, { keys: server.publicKeyring(), request: other }),
    ).rejects.toMatchObject({
      code: 'ERR_SIGNATURE_INVALID',
    });
  });
});

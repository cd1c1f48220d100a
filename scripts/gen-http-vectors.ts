// Generates test/vectors/http/signatures.json once (`npx tsx scripts/gen-http-vectors.ts`).
// The file pins what cachet/http puts on the wire (docs/formats.md#http): the field values,
// parameter order, default components, Content-Digest, for each signing algorithm. Later
// releases must still verify every message in it (test/http/format-vectors.test.ts), and
// HMAC/Ed25519 must still produce the same bytes. Do not regenerate it to make a test pass.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type HttpRequestLike,
  signatureBase,
  signRequest,
  signResponse,
} from '../src/http/index.js';
import { exportKey, importKey, Keyring } from '../src/keys/index.js';

const created = 1_767_225_600; // 2026-01-01T00:00:00Z
const hmacSecret = new Uint8Array(randomBytes(32));
const keys = {
  hmac: importKey(hmacSecret, { alg: 'HS256' }),
  ed25519: Keyring.generate('Ed25519').primary,
  es256: Keyring.generate('ES256').primary,
  es384: Keyring.generate('ES384').primary,
};
const jwk = (k: typeof keys.ed25519) => exportKey(k, 'jwk', { includeSecret: true });

const post: HttpRequestLike = {
  method: 'POST',
  url: 'https://api.example.com/v1/orders?tenant=acme&page=2',
  headers: [
    ['Content-Type', 'application/json'],
    ['X-Request-Id', 'req-7f3a'],
  ],
  body: '{"id":7,"items":[{"sku":"A-1","qty":2}],"note":"déjà vu"}',
};
const get: HttpRequestLike = {
  method: 'GET',
  url: 'https://api.example.com/v1/orders/7',
  headers: [['Accept', 'application/json']],
};

type Case = {
  name: string;
  keyRef: keyof typeof keys;
  deterministic: boolean;
  request: HttpRequestLike;
  response?: { status: number; headers: Array<[string, string]>; body: string };
  options: Record<string, unknown>;
};
const cases: Case[] = [
  {
    name: 'hmac-sha256, defaults (POST)',
    keyRef: 'hmac',
    deterministic: true,
    request: post,
    options: { nonce: 'n0nce-hmac-1', keyId: 'partner-7' },
  },
  {
    name: 'hmac-sha256, GET, tag and expires',
    keyRef: 'hmac',
    deterministic: true,
    request: get,
    options: {
      nonce: false,
      tag: 'orders-api',
      expiresIn: 300,
      components: ['@method', '@authority', '@path', '@query', 'accept'],
    },
  },
  {
    name: 'ed25519, defaults (POST), key id from the key',
    keyRef: 'ed25519',
    deterministic: true,
    request: post,
    options: { nonce: 'n0nce-ed-1' },
  },
  {
    name: 'ed25519, alg parameter, sha-512 digest, query-param and bs',
    keyRef: 'ed25519',
    deterministic: true,
    request: post,
    options: {
      nonce: false,
      alg: 'ed25519',
      digest: 'sha-512',
      components: [
        '@method',
        '@target-uri',
        '@query-param;name="tenant"',
        'content-digest',
        'content-type',
        'x-request-id;bs',
      ],
    },
  },
  {
    name: 'ecdsa-p256-sha256, defaults (POST)',
    keyRef: 'es256',
    deterministic: false,
    request: post,
    options: { nonce: 'n0nce-p256-1' },
  },
  {
    name: 'ecdsa-p384-sha384, GET',
    keyRef: 'es384',
    deterministic: false,
    request: get,
    options: { nonce: 'n0nce-p384-1', label: 'client' },
  },
  {
    name: 'ed25519 response bound to its request',
    keyRef: 'ed25519',
    deterministic: true,
    request: post,
    response: {
      status: 201,
      headers: [['Content-Type', 'application/json']],
      body: '{"id":7,"status":"created"}',
    },
    options: {
      nonce: false,
      components: [
        '@status',
        'content-type',
        'content-digest',
        '@method;req',
        '@target-uri;req',
        'content-digest;req',
      ],
    },
  },
];

const vectors = [];
for (const c of cases) {
  const key = keys[c.keyRef];
  let request = c.request;
  let signed: { headers?: unknown };
  if (c.response) {
    request = await signRequest(c.request, {
      key: keys.hmac,
      keyId: 'partner-7',
      created,
      nonce: 'n0nce-req',
    });
    signed = await signResponse(c.response, { key, created, request, ...c.options });
  } else signed = await signRequest(c.request, { key, created, ...c.options });
  const headers = signed.headers as Array<[string, string]>;
  vectors.push({
    name: c.name,
    key: c.keyRef,
    deterministic: c.deterministic,
    options: { created, ...c.options },
    request: {
      method: request.method,
      url: String(request.url),
      headers: request.headers,
      body: request.body,
    },
    ...(c.response ? { response: { ...c.response, headers } } : {}),
    signedHeaders: headers,
    signatureBase: signatureBase(
      c.response ? { ...c.response, headers } : { ...c.request, headers },
      c.response ? { request } : {},
    ),
  });
}

const file = {
  description:
    'cachet/http wire format vectors (docs/formats.md#http). Verify each message with its key; deterministic ones (hmac-sha256, ed25519) must re-sign to the same bytes.',
  generated: 'scripts/gen-http-vectors.ts',
  keys: {
    hmac: jwk(keys.hmac),
    ed25519: jwk(keys.ed25519),
    es256: jwk(keys.es256),
    es384: jwk(keys.es384),
  },
  vectors,
};
writeFileSync(
  resolve(import.meta.dirname, '../test/vectors/http/signatures.json'),
  `${JSON.stringify(file, null, 2)}\n`,
);
console.log(`wrote ${vectors.length} vectors`);

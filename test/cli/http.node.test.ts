// cachet http sign / verify, driven as a child process: raw HTTP/1.1 requests signed and
// verified both ways with the http-message-signatures package (an independent RFC 9421
// implementation on node:crypto), and --send against a node:http server that verifies
// with cachet/http.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner, createVerifier, httpbis } from 'http-message-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRawRequest } from '../../src/cli/raw-http.js';
import { verifyNodeRequest } from '../../src/http/index.js';
import { Keyring } from '../../src/keys/index.js';
import { cachet, cachetAsync } from '../helpers/cli.js';

let dir: string;
const at = (name: string) => join(dir, name);
const body = '{"order":{"id":7},"note":"ünïcode"}';
let server: Server;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cachet-cli-http-'));
  writeFileSync(at('order.json'), body);
  const made = await Promise.all([
    cachetAsync(['keyring', 'new', '--alg', 'Ed25519', '-o', 'client.json'], { cwd: dir }),
    cachetAsync(['keyring', 'new', '--alg', 'ES256', '-o', 'es.json'], { cwd: dir }),
    cachetAsync(['keyring', 'new', '--alg', 'HS256', '-o', 'mac.json'], { cwd: dir }),
    cachetAsync(['keyring', 'new', '--alg', 'Ed25519', '-o', 'stranger.json'], { cwd: dir }),
  ]);
  for (const r of made) expect(r.code, r.stderr).toBe(0);
  const exported = await Promise.all([
    cachetAsync(['keyring', 'export-public', '-k', 'client.json', '-o', 'client.public.json'], {
      cwd: dir,
    }),
    cachetAsync(
      ['keyring', 'export-public', '-k', 'es.json', '--format', 'pem', '-o', 'es.pub.pem'],
      { cwd: dir },
    ),
  ]);
  for (const r of exported) expect(r.code, r.stderr).toBe(0);

  // A server that verifies with the library, as a user's server would.
  const keys = Keyring.fromJSON(readFileSync(at('client.public.json'), 'utf8'));
  server = createServer(async (req, res) => {
    try {
      const { keyId, body: received } = await verifyNodeRequest(req, { keys, origin });
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(`hello ${keyId}, ${received.length} bytes`);
    } catch (err) {
      res.writeHead(401).end((err as { code?: string }).code);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const digest = (text: string) => `sha-256=:${createHash('sha256').update(text).digest('base64')}:`;

describe('cachet http sign', () => {
  it('prints a request that cachet http verify and http-message-signatures accept', async () => {
    const signed = cachet(
      [
        'http',
        'sign',
        '-k',
        'es.json',
        '-X',
        'POST',
        '--url',
        'https://api.example.com:8443/v1/orders?page=2',
        '-H',
        'content-type: application/json',
        '-H',
        'x-tenant: acme',
        '--body',
        'order.json',
        '--component',
        '@method',
        '--component',
        '@target-uri',
        '--component',
        'content-digest',
        '--component',
        'x-tenant',
        '--tag',
        'cli-test',
        '--key-id',
        'es-key',
      ],
      { cwd: dir },
    );
    expect(signed.code, signed.stderr).toBe(0);
    writeFileSync(at('es.http'), signed.stdout);
    expect(signed.stdout).toMatch(
      /^POST \/v1\/orders\?page=2 HTTP\/1\.1\r\nHost: api\.example\.com:8443\r\n/,
    );

    const ok = cachet(
      ['http', 'verify', '-k', 'es.pub.pem', '--tag', 'cli-test', '--json', 'es.http'],
      { cwd: dir },
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      valid: true,
      label: 'sig1',
      keyId: 'es-key',
      alg: 'ecdsa-p256-sha256',
      components: ['@method', '@target-uri', 'content-digest', 'x-tenant'],
      tag: 'cli-test',
      digest: ['sha-256'],
    });

    // The peer library verifies the same request with the public key from the PEM file.
    const raw = parseRawRequest(readFileSync(at('es.http')), 'https');
    const headers = Object.fromEntries(raw.headers.map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers['content-digest']).toBe(digest(body)); // as node:crypto computes it
    const verify = createVerifier(
      createPublicKey(readFileSync(at('es.pub.pem'))),
      'ecdsa-p256-sha256',
    );
    const keyLookup = async () => ({ id: 'es-key', algs: ['ecdsa-p256-sha256'], verify });
    const peerRequest = { method: raw.method, url: raw.url, headers };
    expect(await httpbis.verifyMessage({ keyLookup }, peerRequest)).toBe(true);
    expect(
      await httpbis.verifyMessage(
        { keyLookup },
        { ...peerRequest, headers: { ...headers, 'x-tenant': 'evil' } },
      ),
    ).toBe(false);
  });

  it('sends the signed request with --send; the server verifies it; --fail turns a 401 into exit 1', async () => {
    // A port nobody listens on: bind one, then close it.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const [ok, stranger, failing, unreachable] = await Promise.all([
      cachetAsync(
        [
          'http',
          'sign',
          '-k',
          'client.json',
          '--url',
          `${origin}/v1/orders?x=1`,
          '--body',
          'order.json',
          '-H',
          'content-type: application/json',
          '--send',
        ],
        { cwd: dir },
      ),
      cachetAsync(
        ['http', 'sign', '-k', 'stranger.json', '--url', `${origin}/v1/orders`, '--send', '--json'],
        { cwd: dir },
      ),
      cachetAsync(
        ['http', 'sign', '-k', 'stranger.json', '--url', `${origin}/v1/orders`, '--send', '--fail'],
        { cwd: dir },
      ),
      cachetAsync(
        ['http', 'sign', '-k', 'client.json', '--url', `http://127.0.0.1:${deadPort}/`, '--send'],
        {
          cwd: dir,
        },
      ),
    ]);
    const clientId = Keyring.fromJSON(readFileSync(at('client.json'), 'utf8')).primary.id;
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`hello ${clientId}, ${Buffer.byteLength(body)} bytes`);
    expect(ok.stderr).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(stranger.code).toBe(0); // a response arrived; without --fail its status is data
    expect(JSON.parse(stranger.stdout)).toMatchObject({ status: 401, body: 'ERR_KEY_NOT_FOUND' });
    expect(failing.code).toBe(1);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toBe(
      `error: cannot send to http://127.0.0.1:${deadPort}: ECONNREFUSED\n`,
    );
  });

  it('signs with HMAC keyrings and JWK files; refuses bad calls with exit 2', async () => {
    const mac = cachet(
      ['http', 'sign', '-k', 'mac.json', '--url', 'https://api.example.com/ping'],
      { cwd: dir },
    );
    expect(mac.code, mac.stderr).toBe(0);
    const macOk = cachet(['http', 'verify', '-k', 'mac.json'], { cwd: dir, input: mac.stdout });
    expect(macOk.stdout).toMatch(
      /^valid signature sig1: hmac-sha256, key [0-9a-f]{8}, covering @method @target-uri\n$/,
    );
    expect(
      cachet(['keyring', 'export-private', '-k', 'mac.json', '--format', 'jwk', '-o', 'mac.jwk'], {
        cwd: dir,
      }).code,
    ).toBe(0);
    expect(cachet(['http', 'verify', '-k', 'mac.jwk'], { cwd: dir, input: mac.stdout }).code).toBe(
      0,
    );

    const cases: [string[], RegExp][] = [
      [['http', 'sign', '-k', 'client.json'], /--url is required/],
      [['http', 'sign', '-k', 'client.json', '--url', '/relative'], /absolute http\(s\) URL/],
      [['http', 'sign', '-k', 'client.json', '--url', 'ftp://x/'], /absolute http\(s\) URL/],
      [
        ['http', 'sign', '-k', 'client.json', '--url', 'https://x/', '-X', 'BAD METHOD'],
        /method token/,
      ],
      [
        ['http', 'sign', '-k', 'client.json', '--url', 'https://x/', '--fail'],
        /--fail goes with --send/,
      ],
      [
        ['http', 'sign', '-k', 'client.json', '--url', 'https://x/', '-H', 'x-a: \u0001'],
        /control character/,
      ],
      [['http', 'sign', '-k', 'client.public.json', '--url', 'https://x/'], /ERR_WRONG_KEY_TYPE/],
      [
        ['http', 'verify', '-k', 'client.public.json', 'order.json'],
        /not a valid HTTP\/1\.1 request/,
      ],
      [
        ['http', 'verify', '-k', 'client.public.json', '--max-age', 'old', 'es.http'],
        /--max-age must be/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => cachetAsync(args, { cwd: dir })));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).toBe(2);
      expect(r.stderr, cases[i]![0].join(' ')).toMatch(cases[i]![1]);
    });
  });
});

describe('cachet http verify', () => {
  it('verifies requests signed by http-message-signatures (any keyid, with a key file)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(at('peer.pub.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
    const request = {
      method: 'PUT',
      url: 'https://api.example.com/v1/items/9',
      headers: {
        host: 'api.example.com',
        'content-type': 'application/json',
        'content-digest': digest(body),
      } as Record<string, string>,
    };
    const signed = await httpbis.signMessage(
      {
        key: createSigner(
          createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })),
          'ed25519',
          'peer-key',
        ),
        fields: ['@method', '@target-uri', 'content-digest'],
        params: ['keyid', 'alg', 'created'],
      },
      request,
    );
    const lines = Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`);
    writeFileSync(
      at('peer.http'),
      `PUT /v1/items/9 HTTP/1.1\r\n${lines.join('\r\n')}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    const ok = cachet(['http', 'verify', '-k', 'peer.pub.pem', '--json', 'peer.http'], {
      cwd: dir,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, keyId: 'peer-key', alg: 'ed25519' });
  });

  it('exits 1 for tampering, another key, a replayed old request; --now and --max-age read recorded ones', async () => {
    const signed = cachet(
      [
        'http',
        'sign',
        '-k',
        'client.json',
        '-X',
        'POST',
        '--url',
        'https://api.example.com/v1/orders',
        '--body',
        'order.json',
      ],
      { cwd: dir },
    );
    expect(signed.code).toBe(0);
    const text = signed.stdout;
    writeFileSync(at('ok.http'), text);
    writeFileSync(at('body.http'), text.replace('"id":7', '"id":8'));
    writeFileSync(at('method.http'), text.replace(/^POST/, 'PUT'));
    writeFileSync(at('path.http'), text.replace('/v1/orders', '/v1/refunds'));
    const created = Number(/created=(\d+)/.exec(text)![1]);
    const later = String(created + 3600);
    const cases: [string[], number, RegExp][] = [
      [['-k', 'client.public.json', 'ok.http'], 0, /^valid signature sig1: ed25519/],
      [['-k', 'client.public.json', 'body.http'], 1, /ERR_DIGEST_MISMATCH/],
      [['-k', 'client.public.json', 'method.http'], 1, /ERR_SIGNATURE_INVALID/],
      [['-k', 'client.public.json', 'path.http'], 1, /ERR_SIGNATURE_INVALID/],
      [['-k', 'client.public.json', '--scheme', 'http', 'ok.http'], 1, /ERR_SIGNATURE_INVALID/],
      [['-k', 'stranger.json', 'ok.http'], 2, /ERR_KEY_NOT_FOUND/],
      [
        ['-k', 'client.public.json', '--now', later, 'ok.http'],
        1,
        /ERR_TIMESTAMP_TOO_OLD|ERR_EXPIRED/,
      ],
      [['-k', 'client.public.json', '--now', later, '--max-age', 'any', 'ok.http'], 0, /^valid/],
      [['-k', 'client.public.json', '--now', later, '--max-age', '7200', 'ok.http'], 0, /^valid/],
      [
        ['-k', 'client.public.json', '--require', 'x-tenant', 'ok.http'],
        1,
        /ERR_COMPONENT_MISSING/,
      ],
      [['-k', 'client.public.json', '--tag', 'other', 'ok.http'], 1, /ERR_/],
    ];
    const results = await Promise.all(
      cases.map(([args]) => cachetAsync(['http', 'verify', ...args], { cwd: dir })),
    );
    results.forEach((r, i) => {
      const [args, code, pattern] = cases[i]!;
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(code === 0 ? r.stdout : r.stderr, args.join(' ')).toMatch(pattern);
    });
    const json = cachet(['http', 'verify', '-k', 'client.public.json', '--json', 'body.http'], {
      cwd: dir,
    });
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, code: 'ERR_DIGEST_MISMATCH' });
  });
});

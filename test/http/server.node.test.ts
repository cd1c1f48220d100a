// The server and client helpers against real servers: a node:http server (port 0)
// verifying with verifyNodeRequest requests sent by signingFetch over the network (real
// undici fetch), behind a simulated TLS-terminating proxy, with express.raw-style bodies;
// and verifiedHandler as a Fetch-API route handler.
import { createServer, IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromNodeRequest,
  MemoryReplayStore,
  readNodeBody,
  signingFetch,
  signRequest,
  type VerifyOptions,
  verifiedHandler,
  verifyNodeRequest,
  verifyRequest,
} from '../../src/http/index.js';
import { Keyring } from '../../src/keys/index.js';

const client = Keyring.generate('Ed25519');

describe('verifyNodeRequest with a node:http server and signingFetch', () => {
  let server: Server;
  let origin: string;
  let options: Omit<VerifyOptions, 'keys'> & { origin?: string; trustProxy?: boolean } = {};
  const replay = new MemoryReplayStore();

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      try {
        const result = await verifyNodeRequest(req, {
          keys: client.publicKeyring(),
          replay,
          ...options,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            keyId: result.keyId,
            body: new TextDecoder().decode(result.body),
            components: result.components,
          }),
        );
      } catch (err) {
        res
          .writeHead(401)
          .end(JSON.stringify({ error: (err as { code?: string }).code ?? String(err) }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a signed POST, then refuses its replay and a tampered body', async () => {
    options = {};
    let sent: Request | undefined;
    const fetchSigned = signingFetch({
      key: client,
      fetch: async (request) => {
        sent = request.clone();
        return fetch(request);
      },
    });
    const ok = await fetchSigned(`${origin}/v1/orders?tenant=acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":7}',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      keyId: client.primary.id,
      body: '{"id":7}',
      components: ['@method', '@target-uri', 'content-digest'],
    });
    // The same signed request again: a replay.
    const replayed = await fetch(sent!.clone());
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toEqual({ error: 'ERR_REPLAY' });
    // A fresh signature over one body, sent with another.
    const signed = await signRequest(
      {
        method: 'POST',
        url: `${origin}/v1/orders`,
        headers: { 'content-type': 'application/json' },
        body: '{"id":7}',
      },
      { key: client },
    );
    const tampered = await fetch(signed.url, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: '{"id":8}',
    });
    expect(await tampered.json()).toEqual({ error: 'ERR_DIGEST_MISMATCH' });
  });

  it('GET with a query; an unsigned request is refused', async () => {
    options = {};
    const res = await signingFetch({ key: client })(`${origin}/search?q=cachet&page=2`);
    expect(res.status).toBe(200);
    expect((await fetch(`${origin}/search`)).status).toBe(401);
  });

  it('behind a TLS-terminating proxy: origin or trusted X-Forwarded-* rebuild the client URL', async () => {
    // The client signed https://api.example.com/...; the proxy forwards to this server.
    const signed = await signRequest(
      { method: 'POST', url: 'https://api.example.com/v1/orders', headers: {}, body: 'x' },
      { key: client },
    );
    const forward = (extra: Record<string, string> = {}) =>
      fetch(`${origin}/v1/orders`, {
        method: 'POST',
        headers: { ...(signed.headers as Record<string, string>), ...extra },
        body: 'x',
      });
    options = {};
    expect(await (await forward()).json()).toEqual({ error: 'ERR_SIGNATURE_INVALID' });
    options = { origin: 'https://api.example.com' };
    expect((await forward()).status).toBe(200);
    const again = await signRequest(
      { method: 'POST', url: 'https://api.example.com/v1/orders', headers: {}, body: 'x' },
      { key: client },
    );
    options = { trustProxy: true };
    const viaProxy = await fetch(`${origin}/v1/orders`, {
      method: 'POST',
      headers: {
        ...(again.headers as Record<string, string>),
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'api.example.com',
      },
      body: 'x',
    });
    expect(viaProxy.status).toBe(200);
  });

  it('a Node IncomingMessage given to verifyRequest or signRequest names the Node helpers', async () => {
    const req = new IncomingMessage(new Socket());
    Object.assign(req, { method: 'POST', url: '/orders', headers: { host: 'api.example' } });
    for (const call of [
      () => verifyRequest(req as never, { keys: client }),
      () => signRequest(req as never, { key: client }),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
        message: expect.stringContaining('verifyNodeRequest'),
      });
    }
  });

  it('fromNodeRequest keeps field lines and never lets the target change the host', () => {
    const req = {
      method: 'GET',
      url: '//evil.example/path?a=1',
      headers: { host: 'api.example.com' },
      rawHeaders: ['Host', 'api.example.com', 'Accept', 'a', 'Accept', 'b'],
      socket: { encrypted: true },
    };
    const plain = fromNodeRequest(req);
    expect(plain.url).toBe('https://api.example.com//evil.example/path?a=1');
    expect(new URL(String(plain.url)).host).toBe('api.example.com');
    expect(plain.headers).toEqual([
      ['Host', 'api.example.com'],
      ['Accept', 'a'],
      ['Accept', 'b'],
    ]);
    expect(() => fromNodeRequest({ url: '/', headers: {} })).toThrow(/origin/);
  });

  it('uses bytes a framework already read, and refuses a body parsed to an object', async () => {
    const signed = await signRequest(
      { method: 'POST', url: 'https://api.example.com/x', headers: {}, body: 'raw' },
      { key: client },
    );
    const req = {
      method: 'POST',
      url: '/x',
      headers: { ...(signed.headers as Record<string, string>), host: 'api.example.com' },
      socket: { encrypted: true },
      readableEnded: true,
    };
    const keys = client.publicKeyring();
    expect(
      (await verifyNodeRequest({ ...req, body: new TextEncoder().encode('raw') }, { keys })).body,
    ).toEqual(new TextEncoder().encode('raw'));
    await expect(
      verifyNodeRequest({ ...req, body: { parsed: true } }, { keys }),
    ).rejects.toMatchObject({ code: 'ERR_BODY_ALREADY_PARSED' });
    await expect(
      readNodeBody(
        {
          headers: { 'content-length': '99999999' },
          [Symbol.asyncIterator]: async function* () {},
        },
        1024,
      ),
    ).rejects.toMatchObject({
      code: 'ERR_LIMIT_EXCEEDED',
    });
  });

  it('readNodeBody joins text and byte chunks in order and stops a stream past maxBytes', async () => {
    const stream = (...chunks: Array<string | Uint8Array>) => ({
      headers: {},
      [Symbol.asyncIterator]: async function* () {
        yield* chunks;
      },
    });
    const body = await readNodeBody(
      stream('ab', Uint8Array.of(0xff, 0), Buffer.from('é'), new Uint8Array(0), 'z'),
    );
    expect(body).toEqual(Uint8Array.of(0x61, 0x62, 0xff, 0, 0xc3, 0xa9, 0x7a));
    expect(await readNodeBody(stream())).toEqual(new Uint8Array(0));
    await expect(readNodeBody(stream('abc', 'de'), 4)).rejects.toMatchObject({
      code: 'ERR_LIMIT_EXCEEDED',
    });
    expect(await readNodeBody(stream('ab', 'cd'), 4)).toEqual(new TextEncoder().encode('abcd'));
  });
});

describe('verifiedHandler for Fetch-API servers', () => {
  const keys = client.publicKeyring();
  const handler = verifiedHandler(
    { keys },
    async (request: Request, signature, context: { user: string }) =>
      Response.json({ keyId: signature.keyId, body: await request.text(), user: context.user }),
  );

  it('runs the handler for a valid signature, with the body still readable', async () => {
    const signed = await signRequest(
      new Request('https://api.example.com/hook', { method: 'POST', body: 'hi' }),
      { key: client },
    );
    const res = await handler(signed, { user: 'u1' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ keyId: client.primary.id, body: 'hi', user: 'u1' });
  });

  it('answers 401 / 400 / 503 with the error code otherwise', async () => {
    const unsigned = await handler(new Request('https://api.example.com/hook'), { user: 'u1' });
    expect([unsigned.status, await unsigned.json()]).toEqual([
      401,
      { error: 'ERR_SIGNATURE_MISSING' },
    ]);
    const malformed = await handler(
      new Request('https://api.example.com/hook', {
        headers: { 'signature-input': 'sig1=(', signature: 'sig1=:AA==:' },
      }),
      { user: 'u1' },
    );
    expect([malformed.status, await malformed.json()]).toEqual([
      400,
      { error: 'ERR_INVALID_FORMAT' },
    ]);
    const down = verifiedHandler(
      {
        keys,
        replay: {
          claim: async () =>
            Promise.reject(new (await import('../../src/errors.js')).ProviderError('down')),
        },
      },
      async () => new Response('never'),
    );
    const signed = await signRequest(new Request('https://api.example.com/hook'), { key: client });
    const res = await down(signed);
    expect([res.status, await res.json()]).toEqual([503, { error: 'ERR_PROVIDER' }]);
  });
});

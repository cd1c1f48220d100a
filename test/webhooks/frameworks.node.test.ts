// The docs/webhooks.md recipes run for real: node:http, Express 5 (with the raw parser, and
// the common mistake of express.json() first), Hono, and a Next.js-style route handler
// (a Fetch Request). Each server listens on port 0 and gets real HTTP requests from fetch.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import {
  readRawBody,
  signWebhook,
  verifyWebhook,
  verifyWebhookRequest,
} from '../../src/webhooks/index.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"type":"invoice.paid","data":{"id":"in_1"}}';
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function send(
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
) {
  return fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  }).then(async (r) => [r.status, await r.text()] as const);
}

const errorCode = (err: unknown) => (err instanceof CachetError ? err.code : 'UNEXPECTED');

describe('node:http', () => {
  it('verifyWebhookRequest reads the IncomingMessage and verifies it; tampering and replays fail', async () => {
    const url = await listen(
      createServer(async (req, res) => {
        try {
          const { id, payload } = await verifyWebhookRequest(req, SECRET);
          res.writeHead(200).end(`${id}:${new TextDecoder().decode(payload)}`);
        } catch (err) {
          res.writeHead(400).end(errorCode(err));
        }
      }),
    );
    const headers = signWebhook({ id: 'msg_http', payload: BODY }, SECRET);
    expect(await send(url, BODY, headers)).toEqual([200, `msg_http:${BODY}`]);
    expect(await send(url, BODY.replace('in_1', 'in_2'), headers)).toEqual([
      400,
      'ERR_SIGNATURE_INVALID',
    ]);
    expect(await send(url, BODY, {})).toEqual([400, 'ERR_SIGNATURE_MISSING']);
    // Chunked upload of non-UTF-8 bytes: the exact bytes are verified.
    const binary = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
    const signed = signWebhook({ payload: binary }, SECRET);
    expect((await send(url, binary, signed))[0]).toBe(200);
  });

  it('readRawBody: a consumed stream is ERR_BODY_ALREADY_PARSED; the limit is ERR_LIMIT_EXCEEDED', async () => {
    const url = await listen(
      createServer(async (req: IncomingMessage, res) => {
        try {
          if (req.url === '/consumed') {
            for await (const _ of req) {
              // a body parser ran first
            }
          }
          const body = await readRawBody(req, { limit: 1000 });
          res.writeHead(200).end(String(body.length));
        } catch (err) {
          res.writeHead(400).end(errorCode(err));
        }
      }),
    );
    expect(await send(url, BODY, {})).toEqual([200, String(BODY.length)]);
    expect(await send(`${url}/consumed`, BODY, {})).toEqual([400, 'ERR_BODY_ALREADY_PARSED']);
    expect(await send(url, 'x'.repeat(1001), {})).toEqual([400, 'ERR_LIMIT_EXCEEDED']);
    // Without Content-Length (a stream), the limit is enforced while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(300));
        c.close();
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect([response.status, await response.text()]).toEqual([400, 'ERR_LIMIT_EXCEEDED']);
  });
});

describe('Express 5', () => {
  it('recipe: express.raw() on the webhook route, then verifyWebhook(req.body, req.headers, …)', async () => {
    const app = express();
    app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
      try {
        const { timestamp } = verifyWebhook(req.body, req.headers, 'whsec_stripe_secret', {
          scheme: 'stripe',
        });
        res.status(200).send(String(timestamp));
      } catch (err) {
        res.status(400).send(errorCode(err));
      }
    });
    app.use(express.json());
    app.post('/webhooks/parsed', (req, res) => {
      try {
        verifyWebhook(req.body, req.headers, SECRET);
        res.sendStatus(200);
      } catch (err) {
        res.status(400).send(errorCode(err));
      }
    });
    app.post('/webhooks/parsed-request', async (req, res) => {
      try {
        await verifyWebhookRequest(req, SECRET);
        res.sendStatus(200);
      } catch (err) {
        res.status(400).send(errorCode(err));
      }
    });
    const url = await listen(createServer(app));
    const stripeHeaders = signWebhook(
      { payload: BODY, timestamp: 1_700_000_000 },
      'whsec_stripe_secret',
      {
        scheme: 'stripe',
      },
    );
    const stale = await send(`${url}/webhooks/stripe`, BODY, stripeHeaders);
    expect(stale).toEqual([400, 'ERR_TIMESTAMP_TOO_OLD']);
    const fresh = signWebhook({ payload: BODY }, 'whsec_stripe_secret', { scheme: 'stripe' });
    expect((await send(`${url}/webhooks/stripe`, BODY, fresh))[0]).toBe(200);
    // The most common mistake: express.json() ran first.
    const headers = signWebhook({ payload: BODY }, SECRET);
    expect(await send(`${url}/webhooks/parsed`, BODY, headers)).toEqual([
      400,
      'ERR_BODY_ALREADY_PARSED',
    ]);
    expect(await send(`${url}/webhooks/parsed-request`, BODY, headers)).toEqual([
      400,
      'ERR_BODY_ALREADY_PARSED',
    ]);
  });

  it('with no body parser, verifyWebhookRequest(req) reads the stream', async () => {
    const app = express();
    app.post('/hooks', async (req, res) => {
      try {
        res.status(200).send((await verifyWebhookRequest(req, SECRET)).id);
      } catch (err) {
        res.status(400).send(errorCode(err));
      }
    });
    const url = await listen(createServer(app));
    expect(
      await send(`${url}/hooks`, BODY, signWebhook({ id: 'msg_ex', payload: BODY }, SECRET)),
    ).toEqual([200, 'msg_ex']);
  });
});

describe('Hono and Next.js route handlers (Fetch Request)', () => {
  it('Hono: verifyWebhookRequest(c.req.raw, …); reading the JSON first is ERR_BODY_ALREADY_PARSED', async () => {
    const app = new Hono();
    app.post('/hooks', async (c) => {
      try {
        const { id } = await verifyWebhookRequest(c.req.raw, SECRET);
        return c.text(id!);
      } catch (err) {
        return c.text(errorCode(err), 400);
      }
    });
    app.post('/hooks/json-first', async (c) => {
      await c.req.raw.json();
      try {
        await verifyWebhookRequest(c.req.raw, SECRET);
        return c.text('ok');
      } catch (err) {
        return c.text(errorCode(err), 400);
      }
    });
    const headers = signWebhook({ id: 'msg_hono', payload: BODY }, SECRET);
    const ok = await app.request('/hooks', { method: 'POST', body: BODY, headers });
    expect([ok.status, await ok.text()]).toEqual([200, 'msg_hono']);
    const bad = await app.request('/hooks/json-first', { method: 'POST', body: BODY, headers });
    expect([bad.status, await bad.text()]).toEqual([400, 'ERR_BODY_ALREADY_PARSED']);
  });

  it('Next.js App Router: export async function POST(request: Request)', async () => {
    async function POST(request: Request): Promise<Response> {
      try {
        const { payload } = await verifyWebhookRequest(request, SECRET);
        return Response.json({ received: JSON.parse(new TextDecoder().decode(payload)).type });
      } catch (err) {
        return new Response(errorCode(err), { status: 400 });
      }
    }
    const headers = signWebhook({ payload: BODY }, SECRET);
    const ok = await POST(
      new Request('https://app.example/api/webhooks', { method: 'POST', body: BODY, headers }),
    );
    expect(await ok.json()).toEqual({ received: 'invoice.paid' });
    const bad = await POST(
      new Request('https://app.example/api/webhooks', {
        method: 'POST',
        body: `${BODY} `,
        headers,
      }),
    );
    expect(await bad.text()).toBe('ERR_SIGNATURE_INVALID');
  });
});

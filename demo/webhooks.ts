// Webhooks: a sender signs a Standard Webhook and POSTs it to a local node:http receiver
// (port 0) that verifies it with verifyWebhookRequest and a replay store; then a tampered
// body, a replayed request and a Stripe-style delivery are sent to the same receiver.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  generateWebhookKeyPair,
  generateWebhookSecret,
  MemoryReplayStore,
  signWebhook,
  verifyWebhookRequest,
} from '../src/webhooks/index.js';
import { type DemoLog, expect } from './log.js';

export async function run(log: DemoLog): Promise<void> {
  log.step('Webhooks (cachet/webhooks)');
  const secret = generateWebhookSecret();
  const { secretKey, publicKey } = generateWebhookKeyPair();
  const stripeSecret = 'whsec_demo_stripe_endpoint_secret';
  const replay = new MemoryReplayStore();
  const server = createServer(async (req, res) => {
    try {
      const stripe = req.url === '/stripe';
      const { id, payload } = await verifyWebhookRequest(
        req,
        stripe ? stripeSecret : [secret, publicKey],
        stripe ? { scheme: 'stripe', replay } : { replay },
      );
      const event = JSON.parse(new TextDecoder().decode(payload)) as { type: string };
      res.writeHead(200).end(`accepted ${event.type}${id ? ` (${id})` : ''}`);
    } catch (err) {
      res.writeHead(400).end((err as { code?: string }).code ?? 'ERR');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (path: string, body: string, headers: Record<string, string>) => {
    const r = await fetch(url + path, { method: 'POST', body, headers });
    return `${r.status} ${await r.text()}`;
  };
  try {
    const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', amount: 4200 } });
    const headers = signWebhook({ payload: body }, secret);
    const first = await post('/', body, headers);
    expect(
      first === `200 accepted invoice.paid (${headers['webhook-id']})`,
      'signed webhook accepted',
    );
    log.ok(`POST ${url}/ signed with a whsec_ secret: ${first}`);

    const tampered = await post('/', body.replace('4200', '1'), headers);
    expect(tampered === '400 ERR_SIGNATURE_INVALID', 'tampered body refused');
    log.ok(`the same headers with "amount" changed in the body: ${tampered}`);

    const replayed = await post('/', body, headers);
    expect(replayed === '400 ERR_REPLAY', 'replay refused');
    log.ok(`the exact request sent again: ${replayed}`);

    const ed = signWebhook({ payload: body }, secretKey);
    const asymmetric = await post('/', body, ed);
    expect(asymmetric.startsWith('200 '), 'Ed25519 webhook accepted');
    log.ok(`signed with an Ed25519 whsk_ key, verified with its whpk_ public key: ${asymmetric}`);

    const stale = signWebhook(
      { payload: body, timestamp: Math.floor(Date.now() / 1000) - 600 },
      secret,
    );
    const old = await post('/', body, stale);
    expect(old === '400 ERR_TIMESTAMP_TOO_OLD', 'stale timestamp refused');
    log.ok(`signed 10 minutes ago (tolerance 5 min): ${old}`);

    const stripeBody = '{"id":"evt_1","type":"payment_intent.succeeded"}';
    const stripeHeaders = signWebhook({ payload: stripeBody }, stripeSecret, { scheme: 'stripe' });
    const stripe = await post('/stripe', stripeBody, stripeHeaders);
    expect(stripe === '200 accepted payment_intent.succeeded', 'stripe scheme accepted');
    log.ok(`a Stripe-Signature delivery (t=…,v1=…) on /stripe: ${stripe}`);
  } finally {
    server.close();
  }
}

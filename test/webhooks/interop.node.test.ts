// Interop, both directions, with the official libraries: standardwebhooks, svix (1.x),
// stripe (generateTestHeaderString / constructEvent), @octokit/webhooks-methods. Slack and
// Shopify have no official verifier among the peers: their side is node:crypto following
// the providers' documentation. v1a (no peer implements it) is checked against node:crypto
// Ed25519.
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import {
  sign as octokitSign,
  verify as octokitVerify,
  verifyWithFallback,
} from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import {
  generateWebhookKeyPair,
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
} from '../../src/webhooks/index.js';

const stripe = new Stripe('sk_test_interop');
const payloads = [
  '{"type":"invoice.paid","data":{"id":"in_1","amount":4200}}',
  JSON.stringify({ text: 'héllo wörld ✓ 😀', nested: { list: [1, 2, 3] } }),
  `{"big":"${'x'.repeat(70_000)}"}`,
  '',
];
const nowSeconds = () => Math.floor(Date.now() / 1000);
const code = (c: string) => expect.objectContaining({ code: c });

describe('standardwebhooks (official JS library)', () => {
  it('verifies what standardwebhooks signs (string and Buffer payloads, whsec_ and raw secrets)', () => {
    for (const payload of payloads) {
      const secret = generateWebhookSecret();
      const lib = new StandardWebhook(secret);
      const ts = new Date();
      const headers = {
        'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
        'webhook-timestamp': String(Math.floor(ts.getTime() / 1000)),
        'webhook-signature': lib.sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', ts, payload),
      };
      expect(verifyWebhook(payload, headers, secret).id).toBe('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W');
      expect(verifyWebhook(Buffer.from(payload), headers, secret).id).toBe(headers['webhook-id']);
      const raw = randomBytes(32);
      const rawLib = new StandardWebhook(raw, { format: 'raw' });
      const rawHeaders = {
        ...headers,
        'webhook-signature': rawLib.sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', ts, payload),
      };
      expect(verifyWebhook(payload, rawHeaders, raw).timestamp).toBe(
        Number(headers['webhook-timestamp']),
      );
      expect(() => verifyWebhook(payload, rawHeaders, secret)).toThrow(
        code('ERR_SIGNATURE_INVALID'),
      );
    }
  });

  it('standardwebhooks verifies what cachet signs, including rotation headers', () => {
    for (const payload of payloads.filter(Boolean)) {
      const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
      const headers = signWebhook({ payload }, [a, b]);
      expect(new StandardWebhook(a).verify(payload, headers)).toEqual(JSON.parse(payload));
      expect(new StandardWebhook(b).verify(payload, headers)).toEqual(JSON.parse(payload));
      expect(() => new StandardWebhook(generateWebhookSecret()).verify(payload, headers)).toThrow();
      expect(() => new StandardWebhook(a).verify(`${payload} `, headers)).toThrow();
    }
  });

  it('agrees on the tolerance: both refuse 301 s old and 301 s ahead, both accept 299 s', () => {
    const secret = generateWebhookSecret();
    const lib = new StandardWebhook(secret);
    for (const [delta, ok] of [
      [-301, false],
      [-299, true],
      [299, true],
      [301, false],
    ] as const) {
      const headers = signWebhook({ payload: '{}', timestamp: nowSeconds() + delta }, secret);
      const ours = (() => {
        try {
          verifyWebhook('{}', headers, secret);
          return true;
        } catch {
          return false;
        }
      })();
      const theirs = (() => {
        try {
          lib.verify('{}', headers);
          return true;
        } catch {
          return false;
        }
      })();
      expect([ours, theirs]).toEqual([ok, ok]);
    }
  });
});

describe('svix 1.x', () => {
  it('verifies what svix signs, with svix-* headers', () => {
    for (const payload of payloads) {
      const secret = generateWebhookSecret();
      const ts = new Date();
      const headers = {
        'svix-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'svix-timestamp': String(Math.floor(ts.getTime() / 1000)),
        'svix-signature': new SvixWebhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', ts, payload),
      };
      expect(verifyWebhook(payload, headers, secret, { scheme: 'svix' }).id).toBe(
        headers['svix-id'],
      );
    }
  });

  it('svix verifies what cachet signs for both the svix and the standard scheme', () => {
    for (const payload of payloads.filter(Boolean)) {
      const secret = generateWebhookSecret();
      const svix = new SvixWebhook(secret);
      expect(svix.verify(payload, signWebhook({ payload }, secret, { scheme: 'svix' }))).toEqual(
        JSON.parse(payload),
      );
      expect(svix.verify(payload, signWebhook({ payload }, secret))).toEqual(JSON.parse(payload));
      const other = signWebhook({ payload }, generateWebhookSecret(), { scheme: 'svix' });
      expect(() => svix.verify(payload, other)).toThrow();
    }
  });
});

describe('stripe', () => {
  it("verifies stripe's generateTestHeaderString headers", () => {
    for (const payload of payloads) {
      const secret = `whsec_${randomBytes(24).toString('hex')}`;
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
      const result = verifyWebhook(payload, { 'Stripe-Signature': header }, secret, {
        scheme: 'stripe',
      });
      expect(Math.abs(result.timestamp! - nowSeconds())).toBeLessThan(5);
      expect(() =>
        verifyWebhook(payload, { 'Stripe-Signature': header }, `${secret}x`, { scheme: 'stripe' }),
      ).toThrow(code('ERR_SIGNATURE_INVALID'));
      const old = stripe.webhooks.generateTestHeaderString({
        payload,
        secret,
        timestamp: nowSeconds() - 600,
      });
      expect(() =>
        verifyWebhook(payload, { 'stripe-signature': old }, secret, { scheme: 'stripe' }),
      ).toThrow(code('ERR_TIMESTAMP_TOO_OLD'));
    }
  });

  it('stripe.webhooks.constructEvent accepts what cachet signs (each of two rotated secrets)', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid' });
    const [a, b] = ['whsec_first_0123456789', 'whsec_second_0123456789'];
    const { 'stripe-signature': header } = signWebhook({ payload }, [a, b], { scheme: 'stripe' });
    expect(header!.split(',v1=')).toHaveLength(3);
    expect(stripe.webhooks.constructEvent(payload, header!, a).id).toBe('evt_1');
    expect(stripe.webhooks.constructEvent(Buffer.from(payload), header!, b).id).toBe('evt_1');
    expect(() => stripe.webhooks.constructEvent(payload, header!, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(`${payload} `, header!, a)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});

describe('@octokit/webhooks-methods (GitHub)', () => {
  it('verifies what octokit signs', async () => {
    for (const payload of payloads.filter(Boolean)) {
      const secret = randomBytes(20).toString('hex');
      const signature = await octokitSign(secret, payload);
      const headers = { 'X-Hub-Signature-256': signature, 'X-GitHub-Delivery': 'd-1' };
      expect(verifyWebhook(payload, headers, secret, { scheme: 'github' }).id).toBe('d-1');
      expect(verifyWebhook(payload, headers, ['old-secret', secret], { scheme: 'github' }).id).toBe(
        'd-1',
      );
    }
  });

  it('octokit verifies what cachet signs', async () => {
    for (const payload of payloads.filter(Boolean)) {
      const secret = 'my webhook secret';
      const { 'x-hub-signature-256': signature } = signWebhook({ payload }, secret, {
        scheme: 'github',
      });
      expect(await octokitVerify(secret, payload, signature!)).toBe(true);
      expect(await octokitVerify('another', payload, signature!)).toBe(false);
      expect(await verifyWithFallback('another', payload, signature!, [secret])).toBe(true);
    }
  });
});

describe('Slack and Shopify (node:crypto per the providers’ documentation)', () => {
  it('Slack: v0= HMAC of "v0:{timestamp}:{body}" both ways', () => {
    const secret = randomBytes(16).toString('hex');
    for (const payload of payloads) {
      const ts = String(nowSeconds());
      const mac = createHmac('sha256', secret).update(`v0:${ts}:${payload}`).digest('hex');
      const headers = { 'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': `v0=${mac}` };
      expect(verifyWebhook(payload, headers, secret, { scheme: 'slack' }).timestamp).toBe(
        Number(ts),
      );
      const ours = signWebhook({ payload, timestamp: Number(ts) }, secret, { scheme: 'slack' });
      expect(ours).toEqual({ 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${mac}` });
    }
  });

  it('Shopify: base64 HMAC of the raw body both ways', () => {
    const secret = `shpss_${randomBytes(16).toString('hex')}`;
    for (const payload of [...payloads, Buffer.from([0xff, 0x00, 0x80])]) {
      const mac = createHmac('sha256', secret).update(payload).digest('base64');
      const headers = { 'X-Shopify-Hmac-Sha256': mac, 'X-Shopify-Webhook-Id': 'wh-1' };
      expect(verifyWebhook(payload, headers, secret, { scheme: 'shopify' }).id).toBe('wh-1');
      const ours = signWebhook({ payload, id: 'wh-1' }, secret, { scheme: 'shopify' });
      expect(ours['x-shopify-hmac-sha256']).toBe(mac);
    }
  });
});

describe('v1a (Ed25519) against node:crypto', () => {
  const pkcs8 = (seed: Buffer) =>
    createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    });

  it('node:crypto signs, cachet verifies with whpk_; cachet signs with whsk_, node:crypto verifies', () => {
    for (const payload of payloads) {
      const seed = randomBytes(32);
      const priv = pkcs8(seed);
      const pub = createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(12);
      const ts = String(nowSeconds());
      const content = Buffer.from(`msg_ed.${ts}.${payload}`);
      const headers = {
        'webhook-id': 'msg_ed',
        'webhook-timestamp': ts,
        'webhook-signature': `v1a,${sign(null, content, priv).toString('base64')}`,
      };
      expect(verifyWebhook(payload, headers, `whpk_${pub.toString('base64')}`).id).toBe('msg_ed');
      const whsk = `whsk_${Buffer.concat([seed, pub]).toString('base64')}`;
      const ours = signWebhook({ id: 'msg_ed', timestamp: Number(ts), payload }, whsk);
      const sig = Buffer.from(ours['webhook-signature']!.slice(4), 'base64');
      expect(verify(null, content, createPublicKey(priv), sig)).toBe(true);
    }
  });

  it('generateWebhookKeyPair: the whsk_ seed and whpk_ are a node:crypto key pair', () => {
    const { secretKey, publicKey } = generateWebhookKeyPair();
    const raw = Buffer.from(secretKey.slice(5), 'base64');
    const derived = createPublicKey(pkcs8(raw.subarray(0, 32)))
      .export({ format: 'der', type: 'spki' })
      .subarray(12);
    expect(derived.toString('base64')).toBe(publicKey.slice(5));
  });
});

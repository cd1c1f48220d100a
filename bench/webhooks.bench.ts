// cachet/webhooks: verifying and signing a 4 KiB webhook against the raw floor (node:crypto
// HMAC over the same bytes + timingSafeEqual, hand-written), raw @noble/hashes (what the
// portable backend builds on), and the peers: standardwebhooks, svix, stripe's verifier,
// @octokit/webhooks-methods, and jose's HS256 compact JWS over the same body (what teams
// use when they roll their own signed callbacks). Headers are signed fresh (the peers read
// the clock).
import * as crypto from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import * as jose from 'jose';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { generateWebhookKeyPair, signWebhook, verifyWebhook } from '../src/webhooks/index.js';
import type { Group } from './harness.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const KEY = Buffer.from(SECRET.slice(6), 'base64');

/** A 4 KiB JSON body, as a webhook would carry. */
function body(): string {
  const items = Array.from({ length: 60 }, (_, i) => ({ id: `item_${i}`, qty: i, sku: 'SKU-XYZ' }));
  const text = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', items } });
  return text.padEnd(4096, ' ').slice(0, 4096);
}

function timingSafeEqualB64(expected: Buffer, header: string): boolean {
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export async function groups(): Promise<Group[]> {
  const text = body();
  const bytes = Buffer.from(text);
  const now = Math.floor(Date.now() / 1000);
  const headers = signWebhook(
    { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: now, payload: bytes },
    SECRET,
  );
  const id = headers['webhook-id']!;
  const ts = headers['webhook-timestamp']!;
  const signature = headers['webhook-signature']!;
  const standard = new StandardWebhook(SECRET);
  const svix = new SvixWebhook(SECRET);
  const svixHeaders = signWebhook({ id, timestamp: now, payload: bytes }, SECRET, {
    scheme: 'svix',
  });
  const stripe = new Stripe('sk_test_bench');
  const stripeSecret = 'whsec_stripe_bench_secret';
  const stripeHeader = signWebhook({ timestamp: now, payload: text }, stripeSecret, {
    scheme: 'stripe',
  })['stripe-signature']!;
  const ghSecret = 'github webhook secret';
  const ghHeaders = signWebhook({ payload: text }, ghSecret, { scheme: 'github' });
  const ghSignature = ghHeaders['x-hub-signature-256']!;
  const { secretKey, publicKey } = generateWebhookKeyPair();
  const edHeaders = signWebhook({ id, timestamp: now, payload: bytes }, secretKey);
  const edSpki = crypto.createPublicKey({
    key: Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(publicKey.slice(5), 'base64'),
    ]),
    format: 'der',
    type: 'spki',
  });
  const edContent = Buffer.from(`${id}.${ts}.${text}`);
  const edSig = Buffer.from(edHeaders['webhook-signature']!.slice(4), 'base64');
  const content = Buffer.from(`${id}.${ts}.${text}`);
  const joseKey = new Uint8Array(KEY);
  const jws = await new jose.CompactSign(bytes).setProtectedHeader({ alg: 'HS256' }).sign(joseKey);

  return [
    {
      area: 'webhooks',
      name: 'Standard Webhooks verify, 4 KiB',
      note: 'floor: node:crypto createHmac (key bytes) over `id.timestamp.` then the body, base64-decode the header entry, timingSafeEqual; no header parsing, no timestamp check. cachet parses and bounds the headers, checks the timestamp, then the MAC. standardwebhooks runs with jsonParse: false; svix always JSON-parses the body (its API has no switch). jose verifies a compact JWS (HS256) of the same body.',
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => verifyWebhook(bytes, headers, SECRET),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => verifyWebhook(bytes, headers, SECRET),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => {
            const mac = crypto
              .createHmac('sha256', KEY)
              .update(`${id}.${ts}.`)
              .update(bytes)
              .digest();
            return timingSafeEqualB64(mac, signature.slice(3));
          },
        },
        {
          name: '@noble/hashes hmac',
          kind: 'noble',
          fn: () => {
            const mac = hmac(sha256, KEY, content);
            return timingSafeEqualB64(Buffer.from(mac), signature.slice(3));
          },
        },
        {
          name: 'standardwebhooks',
          kind: 'peer',
          fn: () => standard.verify(bytes, headers, { jsonParse: false }),
        },
        { name: 'svix', kind: 'peer', fn: () => svix.verify(bytes, svixHeaders) },
        {
          name: 'jose (HS256 JWS)',
          kind: 'peer',
          fn: () => jose.compactVerify(jws, joseKey, { algorithms: ['HS256'] }),
        },
      ],
      targets: [
        { subject: 'cachet (native)', baseline: 'jose (HS256 JWS)', max: 1 },
        { subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.15 },
        // "at least 5x faster than standardwebhooks and svix"
        { subject: 'cachet (native)', baseline: 'standardwebhooks', max: 0.2 },
        { subject: 'cachet (native)', baseline: 'svix', max: 0.2 },
        { subject: 'cachet (portable)', baseline: '@noble/hashes hmac', max: 1.15 },
      ],
    },
    {
      area: 'webhooks',
      name: 'GitHub verify, 4 KiB',
      note: 'floor: node:crypto createHmac (secret string) over the body, hex-decode the header, timingSafeEqual. @octokit/webhooks-methods verify is async (awaited per call).',
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => verifyWebhook(text, ghHeaders, ghSecret, { scheme: 'github' }),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => verifyWebhook(text, ghHeaders, ghSecret, { scheme: 'github' }),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => {
            const mac = crypto.createHmac('sha256', ghSecret).update(text).digest();
            const given = Buffer.from(ghSignature.slice(7), 'hex');
            return given.length === 32 && crypto.timingSafeEqual(given, mac);
          },
        },
        {
          name: '@octokit/webhooks-methods',
          kind: 'peer',
          fn: () => octokitVerify(ghSecret, text, ghSignature),
        },
      ],
      targets: [
        { subject: 'cachet (native)', baseline: '@octokit/webhooks-methods', max: 1 },
        { subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.15 },
      ],
    },
    {
      area: 'webhooks',
      name: 'Standard Webhooks sign, 4 KiB',
      note: 'floor: node:crypto createHmac over `id.timestamp.` and the body, base64 digest, the three headers as an object. jose signs a compact JWS (HS256) of the same body: another format, the same HMAC-SHA-256 of 4 KiB plus base64url of the body.',
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => signWebhook({ id, timestamp: now, payload: bytes }, SECRET),
        },
        {
          name: 'cachet (portable)',
          kind: 'cachet',
          backend: 'portable',
          fn: () => signWebhook({ id, timestamp: now, payload: bytes }, SECRET),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => ({
            'webhook-id': id,
            'webhook-timestamp': ts,
            'webhook-signature': `v1,${crypto.createHmac('sha256', KEY).update(`${id}.${ts}.`).update(bytes).digest('base64')}`,
          }),
        },
        {
          name: 'standardwebhooks',
          kind: 'peer',
          fn: () => standard.sign(id, new Date(now * 1000), bytes),
        },
        { name: 'svix', kind: 'peer', fn: () => svix.sign(id, new Date(now * 1000), bytes) },
        {
          name: 'jose (HS256 JWS)',
          kind: 'peer',
          fn: () => new jose.CompactSign(bytes).setProtectedHeader({ alg: 'HS256' }).sign(joseKey),
        },
      ],
      targets: [
        { subject: 'cachet (native)', baseline: 'node:crypto floor', max: 1.15 },
        { subject: 'cachet (native)', baseline: 'jose (HS256 JWS)', max: 1 },
      ],
    },
    {
      area: 'webhooks',
      name: 'Stripe verify, 4 KiB',
      note: "stripe's constructEvent also JSON-parses the body (its API has no way around it); the floor is node:crypto HMAC of `t.` and the body, hex compare.",
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () =>
            verifyWebhook(text, { 'stripe-signature': stripeHeader }, stripeSecret, {
              scheme: 'stripe',
            }),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => {
            const mac = crypto
              .createHmac('sha256', stripeSecret)
              .update(`${now}.`)
              .update(text)
              .digest();
            const given = Buffer.from(stripeHeader.slice(stripeHeader.indexOf('v1=') + 3), 'hex');
            return given.length === 32 && crypto.timingSafeEqual(given, mac);
          },
        },
        {
          name: 'stripe (constructEvent)',
          kind: 'peer',
          fn: () => stripe.webhooks.constructEvent(text, stripeHeader, stripeSecret),
        },
      ],
    },
    {
      area: 'webhooks',
      name: 'Standard Webhooks v1a (Ed25519) verify, 4 KiB',
      note: 'floor: node:crypto verify with a prepared public KeyObject over `id.timestamp.body`.',
      cases: [
        {
          name: 'cachet (native)',
          kind: 'cachet',
          backend: 'native',
          fn: () => verifyWebhook(bytes, edHeaders, publicKey),
        },
        {
          name: 'node:crypto floor',
          kind: 'floor',
          fn: () => crypto.verify(null, edContent, edSpki, edSig),
        },
      ],
    },
  ];
}

// cachet webhook secret / sign / verify, driven as a child process and checked against the
// official libraries both ways: standardwebhooks, svix, stripe, @octokit/webhooks-methods;
// Slack and Shopify against node:crypto HMACs written from the providers' documentation.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { beforeAll, describe, expect, it } from 'vitest';
import { cachet, cachetAsync } from '../helpers/cli.js';

let dir: string;
const at = (name: string) => join(dir, name);
const stripe = new Stripe('sk_test_cli');
// Non-ASCII and a trailing newline: the exact bytes must be signed, not a re-encoding.
const payload = '{"type":"invoice.paid","data":{"id":"in_1","note":"héllo ✓"}}\n';
const now = () => Math.floor(Date.now() / 1000);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cachet-cli-webhook-'));
  writeFileSync(at('event.json'), payload);
  expect(cachet(['webhook', 'secret', '-o', 'standard.secret'], { cwd: dir }).code).toBe(0);
  writeFileSync(at('github.secret'), "It's a Secret to Everybody\n");
  writeFileSync(at('stripe.secret'), 'whsec_test_cli_secret_0123456789');
  writeFileSync(at('plain.secret'), 'slack-or-shopify-secret');
});

const secret = (name: string) => readFileSync(at(name), 'utf8').trim();
/** `name: value` lines to an object. */
const headerLines = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
  );

describe('cachet webhook secret', () => {
  it('writes whsec_ secrets and Ed25519 pairs to 0600 files', () => {
    expect(secret('standard.secret')).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(statSync(at('standard.secret')).mode & 0o777).toBe(0o600);
    const pair = cachet(['webhook', 'secret', '--ed25519', '-o', 'ed.key'], { cwd: dir });
    expect(pair.code).toBe(0);
    expect(pair.stdout).toMatch(/^whpk_[A-Za-z0-9+/]{43}=\n$/);
    writeFileSync(at('ed.pub'), pair.stdout);
    expect(secret('ed.key')).toMatch(/^whsk_/);
    const toTerminal = cachet(['webhook', 'secret'], { cwd: dir });
    expect(toTerminal.code).toBe(2);
  });
});

describe('cachet webhook sign', () => {
  it('standard: the official standardwebhooks library verifies the headers', () => {
    const r = cachet(['webhook', 'sign', '--secret-file', 'standard.secret', 'event.json'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const headers = headerLines(r.stdout);
    expect(Object.keys(headers)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(new StandardWebhook(secret('standard.secret')).verify(payload, headers)).toEqual(
      JSON.parse(payload),
    );
  });

  it('svix, stripe and github: their libraries verify; slack and shopify match node:crypto', async () => {
    const env = { STRIPE_WEBHOOK_SECRET: secret('stripe.secret') };
    const [svix, stripeSig, github, slack, shopify] = await Promise.all([
      cachetAsync(
        [
          'webhook',
          'sign',
          '--scheme',
          'svix',
          '--secret-file',
          'standard.secret',
          '--json',
          'event.json',
        ],
        { cwd: dir },
      ),
      cachetAsync(
        [
          'webhook',
          'sign',
          '--scheme',
          'stripe',
          '--secret-env',
          'STRIPE_WEBHOOK_SECRET',
          'event.json',
        ],
        { cwd: dir, env },
      ),
      cachetAsync(
        [
          'webhook',
          'sign',
          '--scheme',
          'github',
          '--secret-file',
          'github.secret',
          '--id',
          'delivery-1',
          'event.json',
        ],
        { cwd: dir },
      ),
      cachetAsync(
        [
          'webhook',
          'sign',
          '--scheme',
          'slack',
          '--secret-file',
          'plain.secret',
          '--timestamp',
          '1700000000',
          'event.json',
        ],
        { cwd: dir },
      ),
      cachetAsync(
        ['webhook', 'sign', '--scheme', 'shopify', '--secret-file', 'plain.secret', 'event.json'],
        { cwd: dir },
      ),
    ]);
    const svixDoc = JSON.parse(svix.stdout);
    expect(svixDoc.scheme).toBe('svix');
    expect(new SvixWebhook(secret('standard.secret')).verify(payload, svixDoc.headers)).toEqual(
      JSON.parse(payload),
    );

    const stripeHeader = headerLines(stripeSig.stdout)['stripe-signature']!;
    expect(stripe.webhooks.constructEvent(payload, stripeHeader, secret('stripe.secret'))).toEqual(
      JSON.parse(payload),
    );

    const gh = headerLines(github.stdout);
    expect(gh['x-github-delivery']).toBe('delivery-1');
    // The secret file's trailing newline is not part of the secret.
    expect(
      await octokitVerify("It's a Secret to Everybody", payload, gh['x-hub-signature-256']!),
    ).toBe(true);

    const mac = (text: string, enc: 'hex' | 'base64') =>
      createHmac('sha256', 'slack-or-shopify-secret').update(text).digest(enc);
    expect(headerLines(slack.stdout)).toEqual({
      'x-slack-request-timestamp': '1700000000',
      'x-slack-signature': `v0=${mac(`v0:1700000000:${payload}`, 'hex')}`,
    });
    expect(headerLines(shopify.stdout)).toEqual({
      'x-shopify-hmac-sha256': mac(payload, 'base64'),
    });
  });
});

describe('cachet webhook verify', () => {
  it('verifies deliveries signed by the official libraries', async () => {
    const ts = new Date();
    const std = new StandardWebhook(secret('standard.secret'));
    writeFileSync(
      at('std.headers'),
      `webhook-id: msg_1\nwebhook-timestamp: ${Math.floor(ts.getTime() / 1000)}\nwebhook-signature: ${std.sign('msg_1', ts, payload)}\n`,
    );
    writeFileSync(
      at('stripe.headers.json'),
      JSON.stringify({
        'Stripe-Signature': stripe.webhooks.generateTestHeaderString({
          payload,
          secret: secret('stripe.secret'),
        }),
      }),
    );
    const ghSig = await octokitSign("It's a Secret to Everybody", payload);
    const svixSig = new SvixWebhook(secret('standard.secret')).sign('msg_2', ts, payload);
    const cases: [string[], RegExp][] = [
      [
        ['--secret-file', 'standard.secret', '--headers', 'std.headers'],
        /^valid webhook: scheme standard, id msg_1, sent /,
      ],
      [
        [
          '--scheme',
          'stripe',
          '--secret-file',
          'stripe.secret',
          '--headers',
          'stripe.headers.json',
        ],
        /^valid webhook: scheme stripe, sent /,
      ],
      [
        [
          '--scheme',
          'github',
          '--secret-file',
          'github.secret',
          '-H',
          `X-Hub-Signature-256: ${ghSig}`,
          '-H',
          'X-GitHub-Delivery: d-7',
        ],
        /^valid webhook: scheme github, id d-7\n$/,
      ],
      [
        [
          '--scheme',
          'svix',
          '--secret-file',
          'standard.secret',
          '-H',
          'svix-id: msg_2',
          '-H',
          `svix-timestamp: ${Math.floor(ts.getTime() / 1000)}`,
          '-H',
          `svix-signature: ${svixSig}`,
        ],
        /^valid webhook: scheme svix, id msg_2/,
      ],
    ];
    const results = await Promise.all(
      cases.map(([args]) =>
        cachetAsync(['webhook', 'verify', ...args, 'event.json'], { cwd: dir }),
      ),
    );
    results.forEach((r, i) => {
      expect(r.code, `${cases[i]![0].join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(cases[i]![1]);
    });
  });

  it('Ed25519 (v1a): signs with whsk_, verifies with the whpk_ public key; rotation takes several secrets', () => {
    const signed = cachet(
      [
        'webhook',
        'sign',
        '--secret-file',
        'ed.key',
        '--secret-file',
        'standard.secret',
        'event.json',
      ],
      { cwd: dir },
    );
    expect(signed.code, signed.stderr).toBe(0);
    writeFileSync(at('both.headers'), signed.stdout);
    expect(headerLines(signed.stdout)['webhook-signature']).toMatch(/^v1a,\S+ v1,\S+$/);
    for (const key of ['ed.pub', 'standard.secret']) {
      const r = cachet(
        [
          'webhook',
          'verify',
          '--secret-file',
          key,
          '--headers',
          'both.headers',
          '--json',
          'event.json',
        ],
        { cwd: dir },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        valid: true,
        scheme: 'standard',
        id: expect.stringMatching(/^msg_/),
      });
    }
  });

  it('exits 1 for tampering, a wrong secret, old or missing signatures; 2 for bad calls', async () => {
    const old = 1_700_000_000;
    const signed = cachet(
      [
        'webhook',
        'sign',
        '--secret-file',
        'standard.secret',
        '--timestamp',
        String(old),
        '--id',
        'msg_old',
        'event.json',
      ],
      { cwd: dir },
    );
    writeFileSync(at('old.headers'), signed.stdout);
    writeFileSync(at('tampered.json'), payload.replace('in_1', 'in_2'));
    writeFileSync(at('other.secret'), 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const atOld = ['--now', String(old + 10)];
    const cases: [string[], number, RegExp][] = [
      [
        ['--secret-file', 'standard.secret', '--headers', 'old.headers', ...atOld, 'event.json'],
        0,
        /id msg_old/,
      ],
      [
        ['--secret-file', 'standard.secret', '--headers', 'old.headers', 'event.json'],
        1,
        /ERR_TIMESTAMP_TOO_OLD/,
      ],
      [
        [
          '--secret-file',
          'standard.secret',
          '--headers',
          'old.headers',
          '--now',
          String(old - 3600),
          'event.json',
        ],
        1,
        /ERR_TIMESTAMP_IN_FUTURE/,
      ],
      [
        ['--secret-file', 'standard.secret', '--headers', 'old.headers', ...atOld, 'tampered.json'],
        1,
        /ERR_SIGNATURE_INVALID/,
      ],
      [
        ['--secret-file', 'other.secret', '--headers', 'old.headers', ...atOld, 'event.json'],
        1,
        /ERR_SIGNATURE_INVALID/,
      ],
      [
        ['--secret-file', 'standard.secret', '-H', 'webhook-id: x', ...atOld, 'event.json'],
        1,
        /ERR_SIGNATURE_MISSING/,
      ],
      [
        [
          '--secret-file',
          'standard.secret',
          '--headers',
          'old.headers',
          '--tolerance',
          'ten',
          'event.json',
        ],
        2,
        /--tolerance must be/,
      ],
      [['--secret-file', 'standard.secret', 'event.json'], 2, /headers are required/],
      [['--headers', 'old.headers', 'event.json'], 2, /a secret is required/],
      [
        ['--secret-env', 'NOT_SET_ANYWHERE', '--headers', 'old.headers', 'event.json'],
        2,
        /NOT_SET_ANYWHERE.*not set/,
      ],
      [['--secret-file', 'standard.secret', '-H', 'no colon here', 'event.json'], 2, /Name: value/],
      [
        [
          '--scheme',
          'paypal',
          '--secret-file',
          'standard.secret',
          '--headers',
          'old.headers',
          'event.json',
        ],
        2,
        /--scheme must be one of/,
      ],
    ];
    const results = await Promise.all(
      cases.map(([args]) => cachetAsync(['webhook', 'verify', ...args], { cwd: dir })),
    );
    results.forEach((r, i) => {
      const [args, code, pattern] = cases[i]!;
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(code === 0 ? r.stdout : r.stderr, args.join(' ')).toMatch(pattern);
    });
    const json = cachet(
      [
        'webhook',
        'verify',
        '--secret-file',
        'standard.secret',
        '--headers',
        'old.headers',
        '--json',
        'event.json',
      ],
      { cwd: dir },
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, code: 'ERR_TIMESTAMP_TOO_OLD' });
    expect(now()).toBeGreaterThan(old);
  });
});

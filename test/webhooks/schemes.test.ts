// Every scheme against independent reference computations (WebCrypto, from each provider's
// documentation) and the providers' own published examples, both directions; header
// shapes; rotation; secrets as strings, bytes and cachet Keys; one error code per check.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, importKey } from '../../src/keys/index.js';
import {
  generateWebhookKeyPair,
  generateWebhookSecret,
  preloadEd25519,
  signWebhook,
  verifyWebhook,
  type WebhookScheme,
} from '../../src/webhooks/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { fromB64, hmacSha256, referenceHeaders, toB64, toHex } from './reference.js';

const SCHEMES: WebhookScheme[] = ['standard', 'svix', 'stripe', 'github', 'slack', 'shopify'];
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const T = 1_700_000_000;
const NOW = T * 1000;
const code = (c: string) => expect.objectContaining({ code: c });
// A body that is not valid UTF-8: must be signed and verified as exact bytes.
const BINARY = new Uint8Array([0x7b, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x7d]);

describeEachBackend('webhook schemes', () => {
  beforeAll(() => preloadEd25519());

  for (const scheme of SCHEMES) {
    describe(scheme, () => {
      for (const payload of ['{"type":"invoice.paid","amount":42,"note":"é ✓"}', BINARY]) {
        const kind = typeof payload === 'string' ? 'string' : 'non-UTF-8 bytes';
        it(`verifies the reference signature (${kind}) and signs the same headers`, async () => {
          const ref = await referenceHeaders(
            scheme,
            WHSEC,
            'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
            T,
            payload,
          );
          const result = verifyWebhook(payload, ref, WHSEC, { scheme, now: NOW });
          expect(result.payload).toBe(payload);
          expect(result.scheme).toBe(scheme);
          const signed = signWebhook(
            { id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', timestamp: T, payload },
            WHSEC,
            { scheme },
          );
          expect(signed).toEqual(ref);
          // ArrayBuffer and string forms of the same bytes verify alike.
          if (typeof payload !== 'string') {
            const buffer = payload.slice().buffer;
            const viaBuffer = verifyWebhook(buffer, ref, WHSEC, { scheme, now: NOW });
            expect(viaBuffer.payload).toBe(buffer);
            expect(viaBuffer.scheme).toBe(scheme);
          }
        });
      }

      it('refuses a changed payload, a wrong secret and a changed signature', async () => {
        const payload = '{"id":1}';
        const headers = signWebhook({ id: 'msg_a', timestamp: T, payload }, WHSEC, { scheme });
        const opts = { scheme, now: NOW };
        expect(() => verifyWebhook('{"id":2}', headers, WHSEC, opts)).toThrow(
          code('ERR_SIGNATURE_INVALID'),
        );
        expect(() => verifyWebhook(`${payload} `, headers, WHSEC, opts)).toThrow(
          code('ERR_SIGNATURE_INVALID'),
        );
        const other = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
        expect(() => verifyWebhook(payload, headers, other, opts)).toThrow(
          code('ERR_SIGNATURE_INVALID'),
        );
        const sigHeader = Object.keys(headers).find((h) => /signature|hmac/.test(h))!;
        const value = headers[sigHeader]!;
        // Flip one character of the encoded MAC (keeping it well-formed).
        const i = value.length - 5;
        const flipped = value.slice(0, i) + (value[i] === 'a' ? 'b' : 'a') + value.slice(i + 1);
        expect(() =>
          verifyWebhook(payload, { ...headers, [sigHeader]: flipped }, WHSEC, opts),
        ).toThrow(code('ERR_SIGNATURE_INVALID'));
      });

      it('reports a missing signature header as ERR_SIGNATURE_MISSING', () => {
        const headers = signWebhook({ id: 'msg_a', timestamp: T, payload: 'x' }, WHSEC, { scheme });
        const without = Object.fromEntries(
          Object.entries(headers).filter(([h]) => !/signature|hmac/.test(h)),
        );
        expect(() => verifyWebhook('x', without, WHSEC, { scheme, now: NOW })).toThrow(
          code('ERR_SIGNATURE_MISSING'),
        );
        expect(() => verifyWebhook('x', {}, WHSEC, { scheme, now: NOW })).toThrow(
          code('ERR_SIGNATURE_MISSING'),
        );
      });
    });
  }

  it('Slack: the signature published in "Verifying requests from Slack" verifies and is reproduced', () => {
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = {
      'X-Slack-Request-Timestamp': '1531420618',
      'X-Slack-Signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    };
    const now = 1531420618 * 1000;
    expect(verifyWebhook(body, headers, secret, { scheme: 'slack', now }).timestamp).toBe(
      1531420618,
    );
    expect(
      signWebhook({ timestamp: 1531420618, payload: body }, secret, { scheme: 'slack' }),
    ).toEqual({
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': headers['X-Slack-Signature'],
    });
    // Slack's 5-minute window, both ways.
    expect(() =>
      verifyWebhook(body, headers, secret, { scheme: 'slack', now: now + 301_000 }),
    ).toThrow(code('ERR_TIMESTAMP_TOO_OLD'));
  });

  it('GitHub: the example in "Validating webhook deliveries" verifies and is reproduced', () => {
    const secret = "It's a Secret to Everybody";
    const headers = {
      'X-Hub-Signature-256':
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    };
    const result = verifyWebhook('Hello, World!', headers, secret, { scheme: 'github' });
    expect(result).toEqual({
      scheme: 'github',
      id: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      timestamp: undefined,
      payload: 'Hello, World!',
    });
    // No timestamp is signed: any clock is fine.
    expect(verifyWebhook('Hello, World!', headers, secret, { scheme: 'github', now: 0 }).id).toBe(
      headers['X-GitHub-Delivery'],
    );
    expect(signWebhook({ payload: 'Hello, World!' }, secret, { scheme: 'github' })).toEqual({
      'x-hub-signature-256': headers['X-Hub-Signature-256'],
    });
    // The SHA-1 header alone is not a signature cachet accepts.
    expect(() =>
      verifyWebhook(
        'Hello, World!',
        { 'X-Hub-Signature': 'sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59' },
        secret,
        { scheme: 'github' },
      ),
    ).toThrow(code('ERR_SIGNATURE_MISSING'));
  });

  it('Stripe: the secret is used as UTF-8 (whsec_ included); several v1 and a v0 entry', async () => {
    const secret = 'whsec_test_1234567890abcdef';
    const payload = '{"id":"evt_1","object":"event"}';
    const good = toHex(await hmacSha256(secret, `${T}.`, payload));
    const bad = toHex(await hmacSha256('whsec_other', `${T}.`, payload));
    const header = `t=${T},v1=${bad},v0=${good},v1=${good}`;
    expect(
      verifyWebhook(payload, { 'Stripe-Signature': header }, secret, {
        scheme: 'stripe',
        now: NOW,
      }),
    ).toMatchObject({ timestamp: T, id: undefined });
    // v0 (Stripe's legacy test scheme) is never compared.
    expect(() =>
      verifyWebhook(payload, { 'stripe-signature': `t=${T},v0=${good}` }, secret, {
        scheme: 'stripe',
        now: NOW,
      }),
    ).toThrow(code('ERR_SIGNATURE_INVALID'));
    for (const malformed of [`v1=${good}`, `t=${T},t=${T},v1=${good}`, `t=0${T},v1=${good}`]) {
      expect(() =>
        verifyWebhook(payload, { 'stripe-signature': malformed }, secret, {
          scheme: 'stripe',
          now: NOW,
        }),
      ).toThrow(code('ERR_INVALID_FORMAT'));
    }
    // Signing with two secrets (rotation) gives two v1 entries.
    const two = signWebhook({ timestamp: T, payload }, [secret, 'whsec_other'], {
      scheme: 'stripe',
    });
    expect(two['stripe-signature']).toBe(`t=${T},v1=${good},v1=${bad}`);
  });

  it('Svix: svix-* headers, falling back to webhook-* as the svix library does', async () => {
    const ref = await referenceHeaders('standard', WHSEC, 'msg_x', T, 'body');
    expect(verifyWebhook('body', ref, WHSEC, { scheme: 'svix', now: NOW }).id).toBe('msg_x');
    // A standard verifier does not read svix-* headers.
    const svix = await referenceHeaders('svix', WHSEC, 'msg_x', T, 'body');
    expect(() => verifyWebhook('body', svix, WHSEC, { now: NOW })).toThrow(
      code('ERR_SIGNATURE_MISSING'),
    );
  });

  it('Shopify: only the base64 MAC of the body; X-Shopify-Webhook-Id is returned', async () => {
    const secret = 'shpss_0123456789abcdef';
    const mac = toB64(await hmacSha256(secret, '{"id":820982911946154508}'));
    const result = verifyWebhook(
      '{"id":820982911946154508}',
      new Headers({ 'X-Shopify-Hmac-Sha256': mac, 'X-Shopify-Webhook-Id': 'b54557e4-bdd9' }),
      secret,
      { scheme: 'shopify' },
    );
    expect(result.id).toBe('b54557e4-bdd9');
    expect(() =>
      verifyWebhook('{}', { 'x-shopify-hmac-sha256': 'not base64!' }, secret, {
        scheme: 'shopify',
      }),
    ).toThrow(code('ERR_INVALID_FORMAT'));
  });

  describe('headers', () => {
    const payload = '{"a":1}';
    const signed = signWebhook({ id: 'msg_h', timestamp: T, payload }, WHSEC);

    it('reads Fetch Headers, Node-style lowercase records and any-case records', () => {
      const titleCase = Object.fromEntries(
        Object.entries(signed).map(([k, v]) => [k.replace(/(^|-)\w/g, (m) => m.toUpperCase()), v]),
      );
      const upper = Object.fromEntries(
        Object.entries(signed).map(([k, v]) => [k.toUpperCase(), v]),
      );
      const arrays = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k, [v]]));
      for (const headers of [new Headers(signed), signed, titleCase, upper, arrays]) {
        expect(verifyWebhook(payload, headers, WHSEC, { now: NOW }).id).toBe('msg_h');
      }
      const map = new Map(Object.entries(signed));
      expect(verifyWebhook(payload, map, WHSEC, { now: NOW }).id).toBe('msg_h');
    });

    it('refuses ambiguous duplicates and non-objects', () => {
      const twice = { ...signed, 'webhook-id': ['msg_h', 'msg_i'] };
      expect(() => verifyWebhook(payload, twice, WHSEC, { now: NOW })).toThrow(
        code('ERR_INVALID_FORMAT'),
      );
      const spelled = { ...signed, 'Webhook-Signature': 'v1,x', 'WEBHOOK-SIGNATURE': 'v1,y' };
      delete (spelled as Record<string, string>)['webhook-signature'];
      expect(() => verifyWebhook(payload, spelled, WHSEC, { now: NOW })).toThrow(
        code('ERR_INVALID_FORMAT'),
      );
      for (const bad of [null, 'webhook-id: x', 42, [['webhook-id', 'x']]]) {
        expect(() => verifyWebhook(payload, bad as never, WHSEC, { now: NOW })).toThrow(
          code('ERR_INVALID_ARGUMENT'),
        );
      }
    });

    it('refuses ids with "." and non-canonical timestamps (the signed content would be ambiguous)', () => {
      expect(() => signWebhook({ id: 'msg.1', payload }, WHSEC)).toThrow(
        code('ERR_INVALID_ARGUMENT'),
      );
      for (const [name, value] of [
        ['webhook-id', 'msg.1'],
        ['webhook-id', 'msg 1'],
        ['webhook-timestamp', `0${T}`],
        ['webhook-timestamp', `${T}.5`],
        ['webhook-timestamp', `+${T}`],
        ['webhook-timestamp', ''],
      ] as const) {
        expect(() =>
          verifyWebhook(payload, { ...signed, [name]: value }, WHSEC, { now: NOW }),
        ).toThrow(code('ERR_INVALID_FORMAT'));
      }
      expect(() =>
        verifyWebhook(payload, { ...signed, 'webhook-id': 'm'.repeat(257) }, WHSEC, { now: NOW }),
      ).toThrow(code('ERR_LIMIT_EXCEEDED'));
    });

    it('reads a signature header that was sent twice (joined with ", " by Node and Fetch)', () => {
      const other = signWebhook(
        { id: 'msg_h', timestamp: T, payload },
        'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
      );
      const joined = `${signed['webhook-signature']}, ${other['webhook-signature']}`;
      expect(
        verifyWebhook(payload, { ...signed, 'webhook-signature': joined }, WHSEC, { now: NOW }).id,
      ).toBe('msg_h');
      const reversed = `${other['webhook-signature']}, ${signed['webhook-signature']}`;
      const h = new Headers({ ...signed, 'webhook-signature': other['webhook-signature']! });
      h.append('webhook-signature', signed['webhook-signature']!);
      expect(h.get('webhook-signature')).toBe(reversed);
      expect(verifyWebhook(payload, h, WHSEC, { now: NOW }).id).toBe('msg_h');
      expect(
        verifyWebhook(
          payload,
          { ...signed, 'webhook-signature': joined },
          'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
          { now: NOW },
        ).id,
      ).toBe('msg_h');
    });

    it('bounds the signature header', () => {
      const many = Array.from({ length: 17 }, () => signed['webhook-signature']).join(' ');
      expect(() =>
        verifyWebhook(payload, { ...signed, 'webhook-signature': many }, WHSEC, { now: NOW }),
      ).toThrow(code('ERR_LIMIT_EXCEEDED'));
      const long = `v1,${'A'.repeat(9000)}`;
      expect(() =>
        verifyWebhook(payload, { ...signed, 'webhook-signature': long }, WHSEC, { now: NOW }),
      ).toThrow(code('ERR_LIMIT_EXCEEDED'));
      expect(() =>
        verifyWebhook(payload, { ...signed, 'webhook-signature': 'garbage' }, WHSEC, { now: NOW }),
      ).toThrow(code('ERR_INVALID_FORMAT'));
    });
  });

  describe('timestamps', () => {
    const payload = 'x';
    const headers = signWebhook({ id: 'msg_t', timestamp: T, payload }, WHSEC);

    it('accepts up to the tolerance either way and refuses beyond it', () => {
      for (const delta of [-300, -1, 0, 1, 300]) {
        expect(verifyWebhook(payload, headers, WHSEC, { now: NOW + delta * 1000 }).timestamp).toBe(
          T,
        );
      }
      expect(() => verifyWebhook(payload, headers, WHSEC, { now: NOW + 301_000 })).toThrow(
        code('ERR_TIMESTAMP_TOO_OLD'),
      );
      expect(() => verifyWebhook(payload, headers, WHSEC, { now: NOW - 301_000 })).toThrow(
        code('ERR_TIMESTAMP_IN_FUTURE'),
      );
      expect(
        verifyWebhook(payload, headers, WHSEC, { now: new Date(NOW + 3_599_000), tolerance: 3600 })
          .id,
      ).toBe('msg_t');
      expect(() =>
        verifyWebhook(payload, headers, WHSEC, { now: NOW + 11_000, tolerance: 10 }),
      ).toThrow(code('ERR_TIMESTAMP_TOO_OLD'));
    });

    it('reads a numeric `now` below 10^11 as Unix seconds (webhook timestamps are seconds)', () => {
      expect(verifyWebhook(payload, headers, WHSEC, { now: T }).timestamp).toBe(T);
      expect(verifyWebhook(payload, headers, WHSEC, { now: T + 300 }).timestamp).toBe(T);
      expect(() => verifyWebhook(payload, headers, WHSEC, { now: T + 301 })).toThrow(
        code('ERR_TIMESTAMP_TOO_OLD'),
      );
      // Signing takes seconds only: a ms value is refused with a hint, not silently misread.
      expect(() => signWebhook({ payload, timestamp: NOW }, WHSEC)).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_ARGUMENT',
          message: expect.stringContaining('Unix seconds'),
        }),
      );
    });

    it('uses the clock by default, and signs the current time by default', () => {
      const fresh = signWebhook({ payload }, WHSEC);
      const ts = Number(fresh['webhook-timestamp']);
      expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5);
      expect(fresh['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]{24}$/);
      expect(verifyWebhook(payload, fresh, WHSEC).timestamp).toBe(ts);
      expect(() => verifyWebhook(payload, headers, WHSEC)).toThrow(code('ERR_TIMESTAMP_TOO_OLD'));
    });

    it('checks the timestamp before any MAC (a stale forgery is "too old", not "invalid")', () => {
      const forged = { ...headers, 'webhook-signature': `v1,${toB64(new Uint8Array(32))}` };
      expect(() => verifyWebhook(payload, forged, WHSEC, { now: NOW + 400_000 })).toThrow(
        code('ERR_TIMESTAMP_TOO_OLD'),
      );
    });
  });

  describe('secrets', () => {
    const payload = '{"rotate":true}';

    it('rotation: a list verifies signatures by any member; signing with several gives several entries', async () => {
      const secrets = [generateWebhookSecret(), generateWebhookSecret(), WHSEC];
      for (const secret of secrets) {
        const headers = signWebhook({ id: 'msg_r', timestamp: T, payload }, secret);
        expect(verifyWebhook(payload, headers, secrets, { now: NOW }).id).toBe('msg_r');
      }
      const both = signWebhook({ id: 'msg_r', timestamp: T, payload }, [secrets[0]!, secrets[1]!]);
      const entries = both['webhook-signature']!.split(' ');
      expect(entries).toHaveLength(2);
      expect(verifyWebhook(payload, both, secrets[1]!, { now: NOW }).id).toBe('msg_r');
      expect(() => verifyWebhook(payload, both, WHSEC, { now: NOW })).toThrow(
        code('ERR_SIGNATURE_INVALID'),
      );
      expect(() => signWebhook({ payload }, [WHSEC, WHSEC], { scheme: 'github' })).toThrow(
        code('ERR_INVALID_ARGUMENT'),
      );
    });

    it('accepts raw key bytes, HS256 Keys and Ed25519 Keys; refuses other algorithms', async () => {
      const raw = fromB64(WHSEC.slice(6));
      const ref = await referenceHeaders('standard', WHSEC, 'msg_k', T, payload);
      expect(verifyWebhook(payload, ref, raw, { now: NOW }).id).toBe('msg_k');

      const hs = importKey(new Uint8Array(32).fill(9), { alg: 'HS256' });
      const signedHs = signWebhook({ id: 'msg_k', timestamp: T, payload }, hs);
      const refHs = toB64(await hmacSha256(new Uint8Array(32).fill(9), `msg_k.${T}.`, payload));
      expect(signedHs['webhook-signature']).toBe(`v1,${refHs}`);
      expect(verifyWebhook(payload, signedHs, hs, { now: NOW }).id).toBe('msg_k');
      const ghub = signWebhook({ payload }, hs, { scheme: 'github' });
      expect(ghub['x-hub-signature-256']).toBe(
        `sha256=${toHex(await hmacSha256(new Uint8Array(32).fill(9), payload))}`,
      );

      const ed = generateKey('Ed25519');
      const signedEd = signWebhook({ id: 'msg_k', timestamp: T, payload }, ed);
      expect(signedEd['webhook-signature']).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
      expect(verifyWebhook(payload, signedEd, ed.publicKey!, { now: NOW }).id).toBe('msg_k');
      expect(verifyWebhook(payload, signedEd, [WHSEC, ed], { now: NOW }).id).toBe('msg_k');
      expect(() => signWebhook({ payload }, ed.publicKey!)).toThrow(code('ERR_WRONG_KEY_TYPE'));
      expect(() => signWebhook({ payload }, ed, { scheme: 'stripe' })).toThrow(
        code('ERR_WRONG_KEY_TYPE'),
      );
      // Svix reads webhook-* headers when svix-* are absent, and also speaks v1a.
      expect(verifyWebhook(payload, signedEd, ed, { scheme: 'svix', now: NOW }).id).toBe('msg_k');
      for (const alg of ['A256GCM', 'HS512', 'ES256'] as const) {
        expect(() => signWebhook({ payload }, generateKey(alg))).toThrow(
          code('ERR_WRONG_KEY_TYPE'),
        );
      }
    });

    it('whsk_/whpk_ key pairs: v1a signs and verifies; a whpk_ cannot sign; mixed headers', () => {
      const { secretKey, publicKey } = generateWebhookKeyPair();
      expect(secretKey).toMatch(/^whsk_[A-Za-z0-9+/]{86}==$/);
      expect(publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
      // The public key is the second half of the secret key (Svix's layout).
      expect(fromB64(secretKey.slice(5)).slice(32)).toEqual(fromB64(publicKey.slice(5)));
      const headers = signWebhook({ id: 'msg_a', timestamp: T, payload }, [WHSEC, secretKey]);
      const [v1, v1a] = headers['webhook-signature']!.split(' ');
      expect(v1).toMatch(/^v1,/);
      expect(v1a).toMatch(/^v1a,/);
      expect(verifyWebhook(payload, headers, publicKey, { now: NOW }).id).toBe('msg_a');
      expect(verifyWebhook(payload, headers, secretKey, { now: NOW }).id).toBe('msg_a');
      expect(verifyWebhook(payload, headers, WHSEC, { now: NOW }).id).toBe('msg_a');
      expect(() => verifyWebhook(`${payload}!`, headers, publicKey, { now: NOW })).toThrow(
        code('ERR_SIGNATURE_INVALID'),
      );
      const other = generateWebhookKeyPair().publicKey;
      expect(() => verifyWebhook(payload, headers, other, { now: NOW })).toThrow(
        code('ERR_SIGNATURE_INVALID'),
      );
      expect(() => signWebhook({ payload }, publicKey)).toThrow(code('ERR_WRONG_KEY_TYPE'));
      // A whsk_ whose public half is someone else's is refused.
      const mixed = `whsk_${toB64(new Uint8Array([...fromB64(secretKey.slice(5)).slice(0, 32), ...fromB64(other.slice(5))]))}`;
      expect(() => signWebhook({ payload }, mixed)).toThrow(code('ERR_INVALID_KEY'));
    });

    it('refuses unusable secrets without echoing them', () => {
      const cases: Array<[unknown, string]> = [
        ['whsec_not*base64', 'ERR_INVALID_KEY'],
        ['', 'ERR_INVALID_KEY'],
        ['whsec_', 'ERR_INVALID_KEY'],
        ['whpk_AAAA', 'ERR_INVALID_KEY'],
        ['whsk_AAAA', 'ERR_INVALID_KEY'],
        [new Uint8Array(0), 'ERR_INVALID_KEY'],
        [[], 'ERR_INVALID_ARGUMENT'],
        [42, 'ERR_INVALID_ARGUMENT'],
        [{ secret: WHSEC }, 'ERR_INVALID_ARGUMENT'],
        [Array(33).fill(WHSEC), 'ERR_LIMIT_EXCEEDED'],
      ];
      const headers = signWebhook({ id: 'msg_s', timestamp: T, payload }, WHSEC);
      for (const [secret, expected] of cases) {
        let error: unknown;
        try {
          verifyWebhook(payload, headers, secret as never, { now: NOW });
        } catch (e) {
          error = e;
        }
        expect(error).toMatchObject({ code: expected });
        if (typeof secret === 'string' && secret.length > 6) {
          expect((error as Error).message).not.toContain(secret.slice(6));
        }
      }
      // Standard Webhooks signing secrets are at least 24 bytes (spec); verifying with a
      // shorter one still works, as in the official libraries.
      const short = `whsec_${toB64(new Uint8Array(16).fill(1))}`;
      expect(() => signWebhook({ payload }, short)).toThrow(code('ERR_INVALID_KEY'));
      const ref = signWebhook({ id: 'msg_s', timestamp: T, payload }, new Uint8Array(16).fill(1), {
        scheme: 'github',
      });
      expect(ref['x-hub-signature-256']).toMatch(/^sha256=/);
    });

    it('error messages never contain the secret or the payload', () => {
      const secretText = 'super-secret-value-0123456789';
      const body = '{"card":"4242424242424242"}';
      const headers = signWebhook({ payload: body }, secretText, { scheme: 'github' });
      for (const attempt of [
        () => verifyWebhook(`${body} `, headers, secretText, { scheme: 'github' }),
        () => verifyWebhook(body, headers, 'another-secret', { scheme: 'github' }),
        () =>
          verifyWebhook(body, { 'x-hub-signature-256': 'sha256=zz' }, secretText, {
            scheme: 'github',
          }),
      ]) {
        expect(attempt).toThrow();
        try {
          attempt();
        } catch (e) {
          expect((e as Error).message).not.toContain(secretText);
          expect((e as Error).message).not.toContain('4242');
        }
      }
    });
  });

  describe('arguments', () => {
    const headers = signWebhook({ id: 'msg_p', timestamp: T, payload: '{}' }, WHSEC);

    it('refuses a parsed body with ERR_BODY_ALREADY_PARSED', () => {
      expect(() => verifyWebhook({} as never, headers, WHSEC, { now: NOW })).toThrow(
        code('ERR_BODY_ALREADY_PARSED'),
      );
      expect(() => signWebhook({ payload: { a: 1 } as never }, WHSEC)).toThrow(
        code('ERR_BODY_ALREADY_PARSED'),
      );
      for (const bad of [undefined, null, 42, true]) {
        expect(() => verifyWebhook(bad as never, headers, WHSEC, { now: NOW })).toThrow(
          code('ERR_INVALID_ARGUMENT'),
        );
      }
      expect(() =>
        verifyWebhook(
          new Request('https://x', { method: 'POST', body: '{}' }) as never,
          headers,
          WHSEC,
        ),
      ).toThrow(code('ERR_INVALID_ARGUMENT'));
    });

    it('validates options', () => {
      for (const options of [
        { scheme: 'paypal' },
        { tolerance: 0 },
        { tolerance: -5 },
        { tolerance: 1.5 },
        { tolerance: 8 * 24 * 3600 },
        { now: Number.NaN },
        { now: new Date('nope') },
        { now: '2024-01-01' },
        { replay: {} },
        { replayTtl: 0 },
      ]) {
        expect(() => verifyWebhook('{}', headers, WHSEC, options as never)).toThrow(
          code('ERR_INVALID_ARGUMENT'),
        );
      }
      expect(() => verifyWebhook('{}', headers, WHSEC, null as never)).toThrow(
        code('ERR_INVALID_ARGUMENT'),
      );
      for (const message of [
        null,
        'x',
        { payload: '{}', timestamp: -1 },
        { payload: '{}', timestamp: 1.5 },
        { payload: '{}', id: '' },
        { payload: '{}', id: 'a\nb' },
      ]) {
        expect(() => signWebhook(message as never, WHSEC)).toThrow(code('ERR_INVALID_ARGUMENT'));
      }
      expect(() =>
        signWebhook({ payload: '{}', id: 'evil\r\nx-admin: 1' }, 'secret', { scheme: 'github' }),
      ).toThrow(code('ERR_INVALID_ARGUMENT'));
    });
  });
});

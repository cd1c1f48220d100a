// Property tests: any change to what is signed fails; rotation with N secrets accepts a
// signature by any of them; arbitrary headers and secrets give typed errors, never a crash
// or a false accept; both backends give identical signatures.
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { setBackend } from '../../src/backend/node.js';
import { CachetError } from '../../src/errors.js';
import {
  preloadEd25519,
  signWebhook,
  verifyWebhook,
  type WebhookScheme,
} from '../../src/webhooks/index.js';
import { backendNames, describeEachBackend } from '../helpers/backend-switch.js';

const SCHEMES: WebhookScheme[] = ['standard', 'svix', 'stripe', 'github', 'slack', 'shopify'];
const T = 1_700_000_000;
const NOW = T * 1000;
const secretArb = fc
  .uint8Array({ minLength: 24, maxLength: 64 })
  .map((b) => `whsec_${btoa(String.fromCharCode(...b))}`);
const idArb = fc.stringMatching(/^[!-\-/-~]{1,64}$/);
const payloadArb = fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }));
const isCachet = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (!(e instanceof CachetError)) throw e;
    return e.code;
  }
};

describeEachBackend('webhook properties', () => {
  beforeAll(() => preloadEd25519());

  it('standard: changing the id, the timestamp or one payload byte fails', () => {
    fc.assert(
      fc.property(
        secretArb,
        idArb,
        idArb,
        fc.integer({ min: -200, max: 200 }),
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.nat(),
        (secret, id, otherId, dt, payload, at) => {
          const headers = signWebhook({ id, timestamp: T, payload }, secret);
          expect(verifyWebhook(payload, headers, secret, { now: NOW }).id).toBe(id);
          if (otherId !== id) {
            const moved = { ...headers, 'webhook-id': otherId };
            expect(isCachet(() => verifyWebhook(payload, moved, secret, { now: NOW }))).toBe(
              'ERR_SIGNATURE_INVALID',
            );
          }
          if (dt !== 0) {
            const retimed = { ...headers, 'webhook-timestamp': String(T + dt) };
            expect(isCachet(() => verifyWebhook(payload, retimed, secret, { now: NOW }))).toBe(
              'ERR_SIGNATURE_INVALID',
            );
          }
          const changed = payload.slice();
          changed[at % changed.length]! ^= 1 << (at % 8);
          expect(isCachet(() => verifyWebhook(changed, headers, secret, { now: NOW }))).toBe(
            'ERR_SIGNATURE_INVALID',
          );
          const longer = new Uint8Array([...payload, 0x20]);
          expect(isCachet(() => verifyWebhook(longer, headers, secret, { now: NOW }))).toBe(
            'ERR_SIGNATURE_INVALID',
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('every scheme: a changed payload or timestamp fails; the exact bytes verify', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        secretArb,
        payloadArb,
        payloadArb,
        fc.integer({ min: 1, max: 250 }),
        (scheme, secret, payload, other, dt) => {
          const headers = signWebhook({ id: 'msg_p', timestamp: T, payload }, secret, { scheme });
          const opts = { scheme, now: NOW };
          expect(verifyWebhook(payload, headers, secret, opts).payload).toBe(payload);
          const asBytes = (p: string | Uint8Array) =>
            (typeof p === 'string' ? new TextEncoder().encode(p) : p).join();
          if (asBytes(other) !== asBytes(payload)) {
            expect(isCachet(() => verifyWebhook(other, headers, secret, opts))).toBe(
              'ERR_SIGNATURE_INVALID',
            );
          }
          if (scheme === 'github' || scheme === 'shopify') return;
          const retimed = signWebhook({ id: 'msg_p', timestamp: T + dt, payload }, secret, {
            scheme,
          });
          // Move the new timestamp into the old headers: the signature no longer matches.
          const mixed = { ...headers };
          for (const [name, value] of Object.entries(retimed)) {
            if (/timestamp/.test(name)) mixed[name] = value;
          }
          if (scheme === 'stripe') {
            mixed['stripe-signature'] = headers['stripe-signature']!.replace(
              `t=${T}`,
              `t=${T + dt}`,
            );
          }
          expect(isCachet(() => verifyWebhook(payload, mixed, secret, opts))).toBe(
            'ERR_SIGNATURE_INVALID',
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rotation: with N secrets, a signature by any one of them verifies; by none, fails', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(secretArb, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        secretArb,
        fc.constantFrom<WebhookScheme>('standard', 'stripe', 'github'),
        (secrets, pick, outsider, scheme) => {
          const signer = secrets[pick % secrets.length]!;
          const headers = signWebhook({ id: 'msg_r', timestamp: T, payload: 'p' }, signer, {
            scheme,
          });
          expect(verifyWebhook('p', headers, secrets, { scheme, now: NOW }).payload).toBe('p');
          if (!secrets.includes(outsider)) {
            expect(
              isCachet(() => verifyWebhook('p', headers, [outsider], { scheme, now: NOW })),
            ).toBe('ERR_SIGNATURE_INVALID');
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('arbitrary header values give typed errors, never a crash or an accept', () => {
    const names = [
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
      'svix-id',
      'svix-timestamp',
      'svix-signature',
      'stripe-signature',
      'x-hub-signature-256',
      'x-github-delivery',
      'x-slack-signature',
      'x-slack-request-timestamp',
      'x-shopify-hmac-sha256',
      'x-shopify-webhook-id',
    ];
    const valueArb = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.stringMatching(/^(v1a?|v0|sha256|t)[,=][A-Za-z0-9+/=]{0,90}( v1,[A-Za-z0-9+/=]{0,50})*$/),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.constantFrom(`${T}`, 'msg_1', 'v1,', 't=,v1=', 'sha256=', '0'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        fc.dictionary(fc.constantFrom(...names), valueArb),
        (scheme, headers) => {
          const outcome = isCachet(() =>
            verifyWebhook('{"a":1}', headers, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', {
              scheme,
              now: NOW,
            }),
          );
          expect(outcome).not.toBe('ok');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('replacing any one header of a valid delivery with arbitrary text fails with a typed error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        fc.nat(),
        fc.oneof(fc.string({ maxLength: 100 }), fc.stringMatching(/^[ -~]{0,100}$/)),
        (scheme, pick, value) => {
          const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
          const headers = signWebhook({ id: 'msg_v', timestamp: T, payload: 'p' }, secret, {
            scheme,
          });
          const names = Object.keys(headers);
          const name = names[pick % names.length]!;
          if (headers[name] === value) return;
          const outcome = isCachet(() =>
            verifyWebhook('p', { ...headers, [name]: value }, secret, { scheme, now: NOW }),
          );
          // Only the unsigned delivery-id headers of GitHub and Shopify may change freely.
          if (name === 'x-github-delivery' || name === 'x-shopify-webhook-id') {
            expect(['ok', 'ERR_LIMIT_EXCEEDED']).toContain(outcome);
          } else expect(outcome).not.toBe('ok');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('any value as payload, headers, secrets or options gives a typed error, never a TypeError', () => {
    const headers = signWebhook(
      { id: 'msg_any', timestamp: T, payload: 'p' },
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    );
    const good = ['p', headers, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', { now: NOW }] as const;
    fc.assert(
      fc.property(
        fc.nat(3),
        fc.anything({ withTypedArray: true, withMap: true, withDate: true }),
        (slot, value) => {
          const args: unknown[] = [...good];
          args[slot] = value;
          const outcome = isCachet(() => (verifyWebhook as (...a: unknown[]) => unknown)(...args));
          if (slot === 3 && outcome === 'ok') return; // options it ignores
          // The one payload that is the signed body ('p', as a string or its bytes) may verify.
          if (slot === 0 && outcome === 'ok') {
            const text =
              typeof value === 'string'
                ? value
                : new TextDecoder().decode(value as ArrayBuffer | ArrayBufferView);
            expect(text).toBe('p');
            return;
          }
          expect(outcome).not.toBe('ok');
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything({ withTypedArray: true }), fc.anything(), (message, options) => {
        isCachet(() =>
          (signWebhook as (...a: unknown[]) => unknown)(
            message,
            'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
            options,
          ),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary secret strings are either usable or a typed error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `whsec_${s}`),
          fc.string().map((s) => `whsk_${s}`),
          fc.string().map((s) => `whpk_${s}`),
        ),
        fc.constantFrom(...SCHEMES),
        (secret, scheme) => {
          const outcome = isCachet(() =>
            signWebhook({ id: 'msg_s', timestamp: T, payload: 'x' }, secret, { scheme }),
          );
          expect(['ok', 'ERR_INVALID_KEY', 'ERR_WRONG_KEY_TYPE']).toContain(outcome);
        },
      ),
      { numRuns: 500 },
    );
  });
});

it.skipIf(backendNames.length < 2)(
  'native and portable sign identically and verify each other',
  async () => {
    await preloadEd25519();
    try {
      fc.assert(
        fc.property(
          fc.constantFrom(...SCHEMES),
          secretArb,
          payloadArb,
          (scheme, secret, payload) => {
            const message = { id: 'msg_b', timestamp: T, payload };
            setBackend('native');
            const a = signWebhook(message, secret, { scheme });
            setBackend('portable');
            const b = signWebhook(message, secret, { scheme });
            expect(b).toEqual(a);
            expect(verifyWebhook(payload, a, secret, { scheme, now: NOW }).payload).toBe(payload);
            setBackend('native');
            expect(verifyWebhook(payload, b, secret, { scheme, now: NOW }).payload).toBe(payload);
          },
        ),
        { numRuns: 100 },
      );
      const seed = new Uint8Array(32).fill(3);
      const key = `whsk_${btoa(String.fromCharCode(...seed))}`;
      setBackend('native');
      const native = signWebhook({ id: 'msg_e', timestamp: T, payload: 'ed' }, key);
      setBackend('portable');
      expect(signWebhook({ id: 'msg_e', timestamp: T, payload: 'ed' }, key)).toEqual(native);
    } finally {
      setBackend(undefined);
    }
  },
);

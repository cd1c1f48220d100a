// Without node:crypto the Ed25519 code is loaded on demand: before preloadEd25519() a v1a
// operation fails with a typed error that says what to do, HMAC schemes never need it,
// and afterwards v1a works. (Its own file: the loaded module is per test file.)
import { afterAll, expect, it } from 'vitest';
import { setBackend } from '../../src/backend/node.js';
import { preloadEd25519, signWebhook, verifyWebhook } from '../../src/webhooks/index.js';

const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const WHSK =
  'whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2DXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGg==';
const WHPK = 'whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';
afterAll(() => setBackend(undefined));

it('portable backend: v1a needs preloadEd25519(); HMAC does not', async () => {
  setBackend('portable');
  const message = {
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    payload: '{"test": 2432232314}',
  };
  const now = 1614265330 * 1000;
  const hmacHeaders = signWebhook(message, WHSEC);
  expect(verifyWebhook(message.payload, hmacHeaders, [WHSEC, WHPK], { now }).id).toBe(message.id);
  expect(() => signWebhook(message, WHSK)).toThrow(
    expect.objectContaining({
      code: 'ERR_UNSUPPORTED_ALGORITHM',
      message: expect.stringContaining('preloadEd25519'),
    }),
  );
  await preloadEd25519();
  const headers = signWebhook(message, WHSK);
  // ../shared/vectors/standard-webhooks.json asymmetricDerived v1a-derived-1
  expect(headers['webhook-signature']).toBe(
    'v1a,fldxM4gAKugP6nnt1hdz3sgGfZ6d99nzrMFnZOELIxbzEHoVmAb2ADpkJK7zgPePmPsle0zV9jSeGlHFG2NVAw==',
  );
  expect(verifyWebhook(message.payload, headers, WHPK, { now }).id).toBe(message.id);
});

// Replay protection through a ReplayStore: what identifies a delivery per scheme, when the
// claim happens (only after the signature verifies), how long it is kept, sync vs async
// stores, and a failing store refusing the delivery.
import { expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import {
  MemoryReplayStore,
  type ReplayStore,
  signWebhook,
  verifyWebhook,
} from '../../src/webhooks/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const T = 1_700_000_000;
const NOW = T * 1000;
const code = (c: string) => expect.objectContaining({ code: c });

/** An asynchronous in-memory store that records its calls. */
function recordingStore(): ReplayStore & { calls: Array<[string, number]> } {
  const seen = new Set<string>();
  const calls: Array<[string, number]> = [];
  return {
    calls,
    async claim(id, ttl) {
      calls.push([id, ttl]);
      await new Promise((r) => setTimeout(r, 1));
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    },
  };
}

describeEachBackend('webhook replay protection', () => {
  it('MemoryReplayStore: synchronous; the second delivery of a message id is ERR_REPLAY', () => {
    const replay = new MemoryReplayStore({ now: () => NOW });
    const headers = signWebhook({ id: 'msg_1', timestamp: T, payload: 'a' }, WHSEC);
    const first = verifyWebhook('a', headers, WHSEC, { now: NOW, replay });
    expect(first.id).toBe('msg_1');
    expect(() => verifyWebhook('a', headers, WHSEC, { now: NOW, replay })).toThrow(
      code('ERR_REPLAY'),
    );
    // The id is the idempotency key (spec): the same message re-signed later is refused too.
    const resent = signWebhook({ id: 'msg_1', timestamp: T + 10, payload: 'a' }, WHSEC);
    expect(() => verifyWebhook('a', resent, WHSEC, { now: NOW, replay })).toThrow(
      code('ERR_REPLAY'),
    );
    const other = signWebhook({ id: 'msg_2', timestamp: T, payload: 'a' }, WHSEC);
    expect(verifyWebhook('a', other, WHSEC, { now: NOW, replay }).id).toBe('msg_2');
  });

  it('claims only after verification: a forgery does not burn the id', () => {
    const replay = new MemoryReplayStore({ now: () => NOW });
    const headers = signWebhook({ id: 'msg_f', timestamp: T, payload: 'a' }, WHSEC);
    expect(() => verifyWebhook('forged', headers, WHSEC, { now: NOW, replay })).toThrow(
      code('ERR_SIGNATURE_INVALID'),
    );
    expect(() => verifyWebhook('a', headers, WHSEC, { now: NOW + 400_000, replay })).toThrow(
      code('ERR_TIMESTAMP_TOO_OLD'),
    );
    expect(replay.size).toBe(0);
    expect(verifyWebhook('a', headers, WHSEC, { now: NOW, replay }).id).toBe('msg_f');
  });

  it('asynchronous stores: a promise, every failure rejects it; keys and TTLs per scheme', async () => {
    const store = recordingStore();
    const headers = signWebhook({ id: 'msg_a', timestamp: T, payload: 'a' }, WHSEC);
    const pending = verifyWebhook('a', headers, WHSEC, { now: NOW, replay: store });
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).id).toBe('msg_a');
    await expect(verifyWebhook('a', headers, WHSEC, { now: NOW, replay: store })).rejects.toThrow(
      code('ERR_REPLAY'),
    );
    const bad = verifyWebhook('b', headers, WHSEC, { now: NOW, replay: store });
    expect(bad).toBeInstanceOf(Promise);
    await expect(bad).rejects.toThrow(code('ERR_SIGNATURE_INVALID'));
    // Twice the tolerance (ms): after that the timestamp check refuses the message anyway.
    expect(store.calls).toEqual([
      ['webhook:standard:msg_a', 600_000],
      ['webhook:standard:msg_a', 600_000],
    ]);
    await verifyWebhook(
      'a',
      signWebhook({ id: 'msg_t', timestamp: T, payload: 'a' }, WHSEC),
      WHSEC,
      {
        now: NOW,
        replay: store,
        tolerance: 60,
      },
    );
    await verifyWebhook(
      'a',
      signWebhook({ id: 'msg_u', timestamp: T, payload: 'a' }, WHSEC),
      WHSEC,
      {
        now: NOW,
        replay: store,
        replayTtl: 86_400_000,
      },
    );
    expect(store.calls.slice(2)).toEqual([
      ['webhook:standard:msg_t', 120_000],
      ['webhook:standard:msg_u', 86_400_000],
    ]);
  });

  it('Stripe and Slack: a replayed request is refused, a re-signed retry is not', async () => {
    for (const scheme of ['stripe', 'slack'] as const) {
      const replay = new MemoryReplayStore({ now: () => NOW });
      const first = signWebhook({ timestamp: T, payload: '{"id":"evt_1"}' }, 'secret', { scheme });
      verifyWebhook('{"id":"evt_1"}', first, 'secret', { scheme, now: NOW, replay });
      expect(() =>
        verifyWebhook('{"id":"evt_1"}', first, 'secret', { scheme, now: NOW, replay }),
      ).toThrow(code('ERR_REPLAY'));
      const retry = signWebhook({ timestamp: T + 60, payload: '{"id":"evt_1"}' }, 'secret', {
        scheme,
      });
      expect(
        verifyWebhook('{"id":"evt_1"}', retry, 'secret', { scheme, now: NOW, replay }).timestamp,
      ).toBe(T + 60);
    }
  });

  it('GitHub and Shopify: the unsigned delivery id cannot be changed to slip a replay through', async () => {
    for (const scheme of ['github', 'shopify'] as const) {
      const store = recordingStore();
      const idHeader = scheme === 'github' ? 'x-github-delivery' : 'x-shopify-webhook-id';
      const headers = signWebhook({ id: 'delivery-1', payload: '{"n":1}' }, 'secret', { scheme });
      await verifyWebhook('{"n":1}', headers, 'secret', { scheme, replay: store });
      await expect(
        verifyWebhook('{"n":1}', { ...headers, [idHeader]: 'delivery-2' }, 'secret', {
          scheme,
          replay: store,
        }),
      ).rejects.toThrow(code('ERR_REPLAY'));
      // No signed timestamp: remembered for 3 days by default.
      expect(store.calls[0]![1]).toBe(3 * 24 * 3600 * 1000);
      // Keyed by the signature as sent: hex for GitHub, base64 for Shopify.
      const mac = scheme === 'github' ? '[0-9a-f]{64}' : '[A-Za-z0-9+/]{43}=';
      expect(store.calls[0]![0]).toMatch(new RegExp(`^webhook:${scheme}:${mac}$`));
      const next = signWebhook({ id: 'delivery-3', payload: '{"n":2}' }, 'secret', { scheme });
      expect((await verifyWebhook('{"n":2}', next, 'secret', { scheme, replay: store })).id).toBe(
        'delivery-3',
      );
    }
  });

  it('a failing store refuses the delivery (ProviderError), it never accepts it', async () => {
    const broken: ReplayStore = {
      claim: () => Promise.reject(new ProviderError('replay store down')),
    };
    const headers = signWebhook({ id: 'msg_x', timestamp: T, payload: 'a' }, WHSEC);
    await expect(verifyWebhook('a', headers, WHSEC, { now: NOW, replay: broken })).rejects.toThrow(
      code('ERR_PROVIDER'),
    );
  });
});

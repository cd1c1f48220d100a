// Replay protection shared by several verifiers through a real Redis (REDIS_URL; .ci/run
// starts one). Skipped locally without REDIS_URL.
import { randomUUID } from 'node:crypto';
import { Redis as IORedis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisReplayStore, signWebhook, verifyWebhook } from '../../src/webhooks/index.js';

const url = process.env.REDIS_URL;
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe.skipIf(!url)('webhook replay protection in Redis (REDIS_URL)', () => {
  const nodeRedis = createClient({ url: url! });
  let ioredis: IORedis;
  const prefixes: string[] = [];
  const fresh = () => {
    prefixes.push(`test:webhooks:${randomUUID()}:`);
    return prefixes.at(-1)!;
  };
  beforeAll(async () => {
    await nodeRedis.connect();
    ioredis = new IORedis(url!);
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await nodeRedis.keys(`${prefix}*`);
      if (keys.length) await nodeRedis.del(keys);
    }
    await nodeRedis.quit();
    ioredis.disconnect();
  });

  it('two verifiers (node-redis and ioredis) accept a delivery exactly once', async () => {
    const prefix = fresh();
    const a = new RedisReplayStore(nodeRedis, { prefix });
    const b = new RedisReplayStore(ioredis, { prefix });
    const payload = '{"type":"invoice.paid"}';
    const headers = signWebhook({ payload }, WHSEC);
    const outcomes = await Promise.allSettled(
      [a, b, a, b].map((replay) => verifyWebhook(payload, headers, WHSEC, { replay })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((x) => x.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_REPLAY' });
    }
    const key = `${prefix}webhook:standard:${headers['webhook-id']}`;
    const ttl = await nodeRedis.pTTL(key);
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });

  it('a different message id is accepted; a GitHub delivery is keyed by its signature', async () => {
    const prefix = fresh();
    const replay = new RedisReplayStore(nodeRedis, { prefix });
    const first = signWebhook({ payload: '{}' }, WHSEC);
    const second = signWebhook({ payload: '{}' }, WHSEC);
    await verifyWebhook('{}', first, WHSEC, { replay });
    expect((await verifyWebhook('{}', second, WHSEC, { replay })).id).toBe(second['webhook-id']);
    const gh = signWebhook({ id: 'd-1', payload: '{"zen":"x"}' }, 'gh-secret', {
      scheme: 'github',
    });
    await verifyWebhook('{"zen":"x"}', gh, 'gh-secret', { scheme: 'github', replay });
    await expect(
      verifyWebhook('{"zen":"x"}', { ...gh, 'x-github-delivery': 'd-2' }, 'gh-secret', {
        scheme: 'github',
        replay,
      }),
    ).rejects.toMatchObject({ code: 'ERR_REPLAY' });
    const keys = await nodeRedis.keys(`${prefix}webhook:github:*`);
    expect(keys).toHaveLength(1);
    expect(await nodeRedis.pTTL(keys[0]!)).toBeGreaterThan(3 * 24 * 3600 * 1000 - 10_000);
  });
});

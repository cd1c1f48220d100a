// RedisReplayStore against a real redis-server (REDIS_URL; .ci/run starts one). Without
// REDIS_URL these tests are skipped locally: they need a server.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis as IORedis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import { RedisReplayStore } from '../../src/replay/index.js';

const url = process.env.REDIS_URL;
const run = promisify(execFile);

describe.skipIf(!url)('RedisReplayStore (real Redis)', () => {
  const nodeRedis = createClient({ url: url! });
  let ioredis: IORedis;
  beforeAll(async () => {
    await nodeRedis.connect();
    ioredis = new IORedis(url!);
  });
  afterAll(async () => {
    await nodeRedis.quit();
    ioredis.disconnect();
  });

  for (const [name, client] of [
    ['node-redis', () => nodeRedis],
    ['ioredis', () => ioredis],
  ] as const) {
    it(`claims once and expires (${name})`, async () => {
      const store = new RedisReplayStore(client(), { prefix: `test:${randomUUID()}:`, ttl: 1 });
      expect(await store.claim('m1', 300)).toBe(true);
      expect(await store.claim('m1', 300)).toBe(false);
      expect(await store.claim('m2', 300)).toBe(true);
      await new Promise((r) => setTimeout(r, 400));
      expect(await store.claim('m1', 300)).toBe(true);
    });

    it(`gives exactly one winner to concurrent claims (${name})`, async () => {
      const store = new RedisReplayStore(client(), { prefix: `test:${randomUUID()}:` });
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.claim('same', 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  }

  it('shares state between processes: a replay to another process is refused', async () => {
    const prefix = `test:${randomUUID()}:`;
    const script = resolve(import.meta.dirname, 'redis-claim.fixture.ts');
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const claim = async () =>
      (await run(tsx, [script, url!, prefix, 'msg-42'], { encoding: 'utf8' })).stdout.trim();
    const [a, b] = await Promise.all([claim(), claim()]);
    expect([a, b].sort()).toEqual(['false', 'true']);
    expect(await claim()).toBe('false');
  });

  it('refuses the message when Redis fails (fail closed)', async () => {
    const broken = { sendCommand: async () => Promise.reject(new Error('ECONNREFUSED')) };
    const store = new RedisReplayStore(broken);
    await expect(store.claim('x', 1000)).rejects.toBeInstanceOf(ProviderError);
  });
});

describe('RedisReplayStore (arguments)', () => {
  it('needs a node-redis or ioredis client', () => {
    expect(() => new RedisReplayStore({} as never)).toThrow(/node-redis or ioredis/);
    expect(() => new RedisReplayStore({ sendCommand: async () => 'OK' }, { ttl: 0 })).toThrow(
      /ttl/,
    );
  });
});

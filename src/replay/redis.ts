/**
 * A replay store shared by every process through Redis: `SET key 1 PX ttl NX` is atomic,
 * so exactly one verifier wins each id. Works with node-redis (v4 and later) and ioredis
 * clients you create and connect; cachet does not depend on either.
 */
import { assertInteger, assertOptions, assertString, invalidArgument } from '../assert.js';
import { ProviderError } from '../errors.js';
import type { ReplayStore } from './store.js';
import { assertClaim } from './validate.js';

/**
 * The part of a Redis client cachet uses: node-redis `sendCommand` or ioredis `call`.
 *
 * @example
 * ```ts
 * import { type RedisLikeClient, RedisReplayStore } from 'cachet/webhooks';
 * // Any object with node-redis's sendCommand (or ioredis's call) will do, e.g. a test double:
 * const seen = new Set<string>();
 * const client: RedisLikeClient = {
 *   sendCommand: async ([, key]) => (seen.has(key!) ? null : (seen.add(key!), 'OK')),
 * };
 * const replay = new RedisReplayStore(client);
 * ```
 */
export type RedisLikeClient =
  | { sendCommand(args: string[]): Promise<unknown> }
  | { call(command: string, ...args: string[]): Promise<unknown> };

/**
 * Options of {@link RedisReplayStore}.
 *
 * @example
 * ```ts
 * import type { RedisReplayStoreOptions } from 'cachet/webhooks';
 * const options: RedisReplayStoreOptions = { prefix: 'billing:webhooks:', ttl: 15 * 60_000 };
 * ```
 */
export interface RedisReplayStoreOptions {
  /** Key prefix (default `'cachet:replay:'`). */
  prefix?: string;
  /** Minimum time to remember an id, in ms (default 10 minutes); a longer `claim` ttl wins. */
  ttl?: number;
}

/**
 * A replay store in Redis, for several verifier processes. A Redis failure rejects the
 * message (a ProviderError), never accepts it.
 *
 * @example
 * ```ts
 * // requires: REDIS_URL
 * import { createClient } from 'redis';
 * import { RedisReplayStore, signWebhook, verifyWebhook } from 'cachet/webhooks';
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const replay = new RedisReplayStore(redis, { prefix: `myapp:${Date.now()}:replay:` });
 * const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
 * const headers = signWebhook({ payload: '{}' }, secret);
 * await verifyWebhook('{}', headers, secret, { replay }); // accepted by one process of the fleet
 * await redis.quit();
 * ```
 */
export class RedisReplayStore implements ReplayStore {
  readonly #send: (args: string[]) => Promise<unknown>;
  readonly #prefix: string;
  readonly #ttl: number;

  /**
   * @param client - a connected node-redis or ioredis client
   * @param options - `prefix`, `ttl`
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when `client` is neither
   */
  constructor(client: RedisLikeClient, options: RedisReplayStoreOptions = {}) {
    assertOptions(options);
    const { prefix = 'cachet:replay:', ttl = 600_000 } = options;
    assertString(prefix, 'options.prefix', true);
    assertInteger(ttl, 'options.ttl', 1);
    // An object only: every function has a `call` (Function.prototype.call), which would
    // pass for ioredis's.
    const c = (typeof client === 'object' ? client : null) as {
      sendCommand?: unknown;
      call?: unknown;
    } | null;
    // ioredis also has a `sendCommand`, taking a Command object: prefer `call` when present.
    if (c && typeof c.call === 'function') {
      const call = (c.call as (...a: string[]) => Promise<unknown>).bind(client);
      this.#send = (args) => call(...args);
    } else if (c && typeof c.sendCommand === 'function') {
      this.#send = (c.sendCommand as (a: string[]) => Promise<unknown>).bind(client);
    } else {
      invalidArgument('client', 'a node-redis or ioredis client', client);
    }
    this.#prefix = prefix;
    this.#ttl = ttl;
  }

  /**
   * Claims an id atomically.
   *
   * @param id - the namespaced message id
   * @param ttlMs - how long to remember it, at least the store's `ttl`
   * @returns true when new, false when another claim holds it
   * @throws {@link cachet!ProviderError} ERR_PROVIDER when Redis fails (the message must be refused)
   * @example
   * ```ts
   * // requires: REDIS_URL
   * import { createClient } from 'redis';
   * import { RedisReplayStore } from 'cachet/webhooks';
   * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
   * const replay = new RedisReplayStore(redis, { prefix: `example:${Date.now()}:` });
   * console.log(await replay.claim('msg_1', 60_000), await replay.claim('msg_1', 60_000)); // true false
   * await redis.quit();
   * ```
   */
  async claim(id: string, ttlMs: number): Promise<boolean> {
    assertClaim(id, ttlMs);
    const ttl = String(Math.max(this.#ttl, ttlMs));
    let reply: unknown;
    try {
      reply = await this.#send(['SET', this.#prefix + id, '1', 'PX', ttl, 'NX']);
    } catch (cause) {
      throw new ProviderError('replay store: the Redis command failed, so the message is refused', {
        cause,
      });
    }
    return reply === 'OK';
  }
}

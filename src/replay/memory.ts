/**
 * An in-process replay store: a Map in insertion order with a TTL per entry and a bound on
 * its size. Enough for one process; use RedisReplayStore when several processes verify.
 */
import { assertInteger, assertOptions, invalidArgument } from '../assert.js';
import type { ReplayStore } from './store.js';
import { assertClaim } from './validate.js';

/**
 * Options of {@link MemoryReplayStore}.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore, type MemoryReplayStoreOptions } from 'cachet/webhooks';
 * const options: MemoryReplayStoreOptions = { ttl: 10 * 60_000, max: 50_000 };
 * const replay = new MemoryReplayStore(options);
 * ```
 */
export interface MemoryReplayStoreOptions {
  /** Minimum time to remember an id, in ms (default 10 minutes); a longer `claim` ttl wins. */
  ttl?: number;
  /** Most ids kept (default 100,000); beyond it the oldest are forgotten first. */
  max?: number;
  /** The clock, in ms since the epoch (default `Date.now`); for tests. */
  now?: () => number;
}

/**
 * A bounded in-memory replay store (LRU by insertion time, with a TTL).
 *
 * Sizing: replays are only possible for ids it has forgotten, so keep `max` above the
 * number of messages you accept within one tolerance window (webhook tolerance, HTTP
 * signature max age); older replays are refused by their timestamp anyway.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore } from 'cachet/webhooks';
 * const replay = new MemoryReplayStore({ ttl: 10 * 60_000, max: 100_000 });
 * await replay.claim('msg_1', 60_000); // true
 * await replay.claim('msg_1', 60_000); // false: a replay
 * ```
 */
export class MemoryReplayStore implements ReplayStore {
  readonly #expiries = new Map<string, number>();
  readonly #ttl: number;
  readonly #max: number;
  readonly #now: () => number;

  /** @param options - `ttl`, `max`, `now` */
  constructor(options: MemoryReplayStoreOptions = {}) {
    assertOptions(options);
    const ttl = options.ttl ?? 600_000;
    const max = options.max ?? 100_000;
    assertInteger(ttl, 'options.ttl', 1);
    assertInteger(max, 'options.max', 1);
    const now = options.now ?? Date.now;
    if (typeof now !== 'function') invalidArgument('options.now', 'function', now);
    this.#ttl = ttl;
    this.#max = max;
    this.#now = now;
  }

  /**
   * Ids currently remembered.
   *
   * @example
   * ```ts
   * import { MemoryReplayStore } from 'cachet/webhooks';
   * const replay = new MemoryReplayStore();
   * replay.claim('webhook:standard:msg_1', 60_000);
   * console.log(replay.size); // 1
   * ```
   */
  get size(): number {
    return this.#expiries.size;
  }

  /**
   * Claims an id.
   *
   * @param id - the namespaced message id
   * @param ttlMs - how long to remember it, at least the store's `ttl`
   * @returns true when new, false when it was already claimed and has not expired
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a bad id or ttl
   * @example
   * ```ts
   * import { MemoryReplayStore } from 'cachet/webhooks';
   * const replay = new MemoryReplayStore();
   * console.log(replay.claim('msg_1', 60_000), replay.claim('msg_1', 60_000)); // true false
   * ```
   */
  claim(id: string, ttlMs: number): boolean {
    assertClaim(id, ttlMs);
    const now = this.#now();
    const expiries = this.#expiries;
    const known = expiries.get(id);
    if (known !== undefined && known > now) return false;
    if (known !== undefined) expiries.delete(id);
    // Entries were inserted in time order; drop expired ones from the front, then the
    // oldest beyond the bound.
    for (const [oldId, expiry] of expiries) {
      if (expiry > now && expiries.size < this.#max) break;
      expiries.delete(oldId);
    }
    expiries.set(id, now + Math.max(this.#ttl, ttlMs));
    return true;
  }
}

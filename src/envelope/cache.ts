/**
 * Optional data-key caching for high-volume sealing: one data key, wrapped once, serves
 * several envelopes for the same recipients and context, so a KMS or HSM is called once
 * per key rather than once per message. Every envelope still gets its own payload key and
 * commitment (derived with a fresh salt), so reuse does not weaken the payload encryption;
 * what it trades is blast radius: whoever learns one cached data key can open every
 * envelope sealed under it. Off unless a cache is passed to seal/encryptStream.
 */
import { assertInteger, assertObject } from '../assert.js';
import type { Stanza } from './format.js';

/**
 * Options of {@link DataKeyCache}.
 *
 * @example
 * ```ts
 * import { DataKeyCache, type DataKeyCacheOptions } from 'cachet/envelope';
 * const bounds: DataKeyCacheOptions = { maxAge: 5 * 60_000, maxMessages: 10_000, maxEntries: 100 };
 * const cache = new DataKeyCache(bounds);
 * ```
 */
export interface DataKeyCacheOptions {
  /** How long a data key may be used, in milliseconds (default 60 000, at most 86 400 000). */
  maxAge?: number;
  /** How many envelopes one data key may seal (default 1000, at most 2^32). */
  maxMessages?: number;
  /** How many data keys (recipient set × context) are kept (default 100, at most 10 000). */
  maxEntries?: number;
}

interface Entry {
  readonly dek: Uint8Array;
  readonly stanzas: readonly Stanza[];
  readonly expires: number;
  uses: number;
}

const entries = new WeakMap<DataKeyCache, Map<string, Entry>>();
const limits = new WeakMap<DataKeyCache, Required<DataKeyCacheOptions>>();

/**
 * A bounded cache of data keys, passed to `seal` or `encryptStream` as `cache`. A data key
 * is reused only for the same recipients (same objects, same primary key ids) and the same
 * encryption context, for at most `maxAge` ms and `maxMessages` envelopes.
 *
 * @example
 * ```ts
 * import { DataKeyCache, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const kek = Keyring.generate('A256GCM'); // stands in for a KMS-backed KeyProvider
 * const cache = new DataKeyCache({ maxAge: 5 * 60_000, maxMessages: 10_000 });
 * for (const record of ['a', 'b', 'c']) {
 *   await seal(record, { recipients: kek, context: { tenant: 't1' }, cache }); // one key wrap in all
 * }
 * console.log(cache.size); // 1
 * ```
 */
export class DataKeyCache {
  /**
   * @param options - bounds: `maxAge` (ms), `maxMessages`, `maxEntries`
   * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a bound out of range
   */
  constructor(options: DataKeyCacheOptions = {}) {
    assertObject(options, 'options');
    const { maxAge = 60_000, maxMessages = 1000, maxEntries = 100 } = options;
    assertInteger(maxAge, 'options.maxAge', 1, 86_400_000);
    assertInteger(maxMessages, 'options.maxMessages', 1, 2 ** 32);
    assertInteger(maxEntries, 'options.maxEntries', 1, 10_000);
    limits.set(this, { maxAge, maxMessages, maxEntries });
    entries.set(this, new Map());
  }

  /**
   * Number of data keys held.
   *
   * @example
   * ```ts
   * import { DataKeyCache, seal } from 'cachet/envelope';
   * import { Keyring } from 'cachet/keys';
   * const cache = new DataKeyCache();
   * await seal('x', { recipients: Keyring.generate('A256KW'), cache });
   * console.log(cache.size); // 1
   * ```
   */
  get size(): number {
    return entries.get(this)!.size;
  }

  /**
   * Forgets every data key (zeroing them). Keys are cached per primary key id, so a
   * rotated KEK gets fresh data keys anyway; clear the cache to stop using data keys that
   * may have leaked, or to release them early.
   *
   * @example
   * ```ts
   * import { DataKeyCache, seal } from 'cachet/envelope';
   * import { Keyring } from 'cachet/keys';
   * const kek = Keyring.generate('A256KW');
   * const cache = new DataKeyCache();
   * await seal('x', { recipients: kek, cache });
   * kek.rotate();
   * cache.clear();
   * console.log(cache.size); // 0
   * ```
   */
  clear(): void {
    const map = entries.get(this)!;
    for (const entry of map.values()) entry.dek.fill(0);
    map.clear();
  }

  /**
   * `DataKeyCache(n keys)`: never the keys themselves.
   *
   * @example
   * ```ts
   * import { DataKeyCache } from 'cachet/envelope';
   * console.log(String(new DataKeyCache())); // 'DataKeyCache(0 keys)'
   * ```
   */
  toString(): string {
    return `DataKeyCache(${this.size} keys)`;
  }
}

/** @internal A cached data key for `id`, counting one more use; undefined if none is usable. */
export function takeDataKey(
  cache: DataKeyCache,
  id: string,
  now: number,
): { dek: Uint8Array; stanzas: readonly Stanza[] } | undefined {
  const map = entries.get(cache)!;
  const entry = map.get(id);
  if (!entry) return undefined;
  if (entry.expires <= now) {
    map.delete(id);
    return undefined;
  }
  entry.uses++;
  // The last permitted use leaves the cache now; the caller still holds the key for it.
  if (entry.uses >= limits.get(cache)!.maxMessages) map.delete(id);
  return entry;
}

/** @internal Stores a fresh data key after its first use. */
export function putDataKey(
  cache: DataKeyCache,
  id: string,
  dek: Uint8Array,
  stanzas: readonly Stanza[],
  now: number,
): void {
  const { maxAge, maxMessages, maxEntries } = limits.get(cache)!;
  if (maxMessages <= 1) return;
  const map = entries.get(cache)!;
  for (const [key, entry] of map) {
    if (map.size < maxEntries && entry.expires > now) break;
    map.delete(key); // oldest first (Map keeps insertion order)
  }
  map.set(id, { dek: dek.slice(), stanzas, expires: now + maxAge, uses: 1 });
}

/** @internal True for a DataKeyCache. */
export function isDataKeyCache(value: unknown): value is DataKeyCache {
  return typeof value === 'object' && value !== null && entries.has(value as DataKeyCache);
}

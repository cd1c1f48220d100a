/**
 * Decoded public points for the portable backend's verifiers, cached by the identity of a
 * key's (immutable) byte array, with a precomputed multiplication table for keys that are
 * used often.
 *
 * A 4-bit window table (noble's `precompute(4)`) costs about 3 verifications to build and
 * about 120 KB, and makes each later verification with that key several times faster (u·Q
 * becomes table additions without doublings). It is built on a key's 4th verification, and
 * at most MAX_TABLES tables are alive at once (about 8 MB), so a server that sees
 * thousands of keys does not grow without bound. A table's slot is released when its key
 * is garbage-collected.
 */

const PRECOMPUTE_AFTER = 4;
const MAX_TABLES = 64;
let tables = 0;
const released = new FinalizationRegistry<undefined>(() => {
  tables--;
});

interface Precomputable {
  precompute(windowSize?: number, isLazy?: boolean): unknown;
}

/** A decoded point, whether it has a table, and how often it was used. */
export interface CachedPoint<P> {
  readonly point: P;
  table: boolean;
  uses: number;
}

/** Points of one curve, decoded once per key array. */
export class PointCache<P extends Precomputable> {
  readonly #points = new WeakMap<Uint8Array, CachedPoint<P>>();
  readonly #decode: (bytes: Uint8Array) => P | null;

  /** @param decode - the point, or null when the bytes are not a valid public key */
  constructor(decode: (bytes: Uint8Array) => P | null) {
    this.#decode = decode;
  }

  /** The cached point for this key array (null for an invalid key), counting the use. */
  get(bytes: Uint8Array): CachedPoint<P> | null {
    let cached = this.#points.get(bytes);
    if (!cached) {
      const point = this.#decode(bytes);
      if (!point) return null;
      cached = { point, table: false, uses: 0 };
      this.#points.set(bytes, cached);
    }
    if (++cached.uses === PRECOMPUTE_AFTER && tables < MAX_TABLES) {
      cached.point.precompute(4);
      cached.table = true;
      tables++;
      released.register(bytes, undefined);
    }
    return cached;
  }
}

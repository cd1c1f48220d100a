/**
 * Replay protection: a store that remembers message ids (webhook ids, HTTP signature
 * nonces) for a while and says whether one was already seen. cachet/http and
 * cachet/webhooks share it; callers namespace their ids (e.g. `webhook:stripe:evt_…`).
 */

/**
 * A replay store. `claim` must be atomic: when two verifiers claim the same id at the same
 * time, exactly one gets `true`.
 *
 * @example
 * ```ts
 * import type { ReplayStore } from 'cachet/webhooks';
 * const seen = new Set<string>();
 * const store: ReplayStore = { claim: async (id) => !seen.has(id) && !!seen.add(id) };
 * ```
 */
export interface ReplayStore {
  /**
   * Records `id` for at least `ttlMs` milliseconds.
   * @returns true if the id was new (accept the message), false if it was already claimed.
   */
  claim(id: string, ttlMs: number): boolean | Promise<boolean>;
}

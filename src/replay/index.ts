/**
 * Replay stores shared by cachet/http and cachet/webhooks (re-exported by both).
 *
 * @module
 */
export { MemoryReplayStore, type MemoryReplayStoreOptions } from './memory.js';
export { type RedisLikeClient, RedisReplayStore, type RedisReplayStoreOptions } from './redis.js';
export type { ReplayStore } from './store.js';

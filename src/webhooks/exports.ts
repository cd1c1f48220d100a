/**
 * The public API of cachet/webhooks, shared by its two entry points: index.ts (browsers,
 * edge runtimes, bundlers) and index.node.ts (Node), which differ only in how the portable
 * HMAC-SHA-256 is loaded (see mac.ts).
 */
export { MemoryReplayStore, type MemoryReplayStoreOptions } from '../replay/memory.js';
export {
  type RedisLikeClient,
  RedisReplayStore,
  type RedisReplayStoreOptions,
} from '../replay/redis.js';
export type { ReplayStore } from '../replay/store.js';
export { preloadEd25519 } from './ed25519.js';
export { generateWebhookKeyPair, generateWebhookSecret, type WebhookKeyPair } from './generate.js';
export type { WebhookHeadersInput } from './headers.js';
export type { WebhookPayload } from './payload.js';
export {
  type FetchRequestLike,
  type NodeRequestLike,
  type ReadRawBodyOptions,
  readRawBody,
  verifyWebhookRequest,
} from './raw-body.js';
export type { WebhookScheme } from './schemes.js';
export type { WebhookSecret, WebhookSecrets } from './secrets.js';
export {
  type SignWebhookOptions,
  signWebhook,
  type WebhookHeaders,
  type WebhookMessage,
} from './sign.js';
export {
  type SyncReplayStore,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
} from './verify.js';

/**
 * cachet/webhooks: sign and verify webhooks. Standard Webhooks (HMAC `v1` with `whsec_`
 * secrets, Ed25519 `v1a` with `whsk_`/`whpk_` keys) for your own webhooks, and the schemes
 * of Svix, Stripe, GitHub, Slack and Shopify for the ones you receive: one `verifyWebhook`
 * with secret rotation, timestamp tolerance both ways, constant-time comparison, exact
 * payload bytes, replay protection and an error code per failed check.
 *
 * @example
 * ```ts
 * import { generateWebhookSecret, signWebhook, verifyWebhook } from 'cachet/webhooks';
 * const secret = generateWebhookSecret();
 * const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1' } });
 * const headers = signWebhook({ payload: body }, secret); // webhook-id, -timestamp, -signature
 * const { id } = verifyWebhook(body, headers, secret);
 * ```
 *
 * @module cachet/webhooks
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

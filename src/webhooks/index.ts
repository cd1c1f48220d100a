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
import { sha256 } from '@noble/hashes/sha2.js';
import { providePortableSha256 } from './mac.js';

export * from './exports.js';

// Without node:crypto the HMACs are computed by @noble/hashes, which has to be there
// synchronously (the API is synchronous). Node loads index.node.ts instead. This call is
// the one side effect in the package: package.json lists the built file under
// `sideEffects`, or bundlers would drop it (every export comes from another module).
providePortableSha256(sha256);

/**
 * Fresh Standard Webhooks secrets for senders, in the formats receivers expect.
 */
import { randomBytes } from '../backend/random.js';
import { base64Encode } from '../bytes.js';
import { ed25519PublicKey } from './ed25519.js';

/**
 * An Ed25519 key pair in Standard Webhooks form.
 *
 * @example
 * ```ts
 * import { generateWebhookKeyPair, type WebhookKeyPair } from 'cachet/webhooks';
 * const pair: WebhookKeyPair = generateWebhookKeyPair();
 * console.log(pair.publicKey.startsWith('whpk_')); // true
 * ```
 */
export interface WebhookKeyPair {
  /** `whsk_` + base64(seed ‖ public key), 64 bytes: keep it on the sender. */
  secretKey: string;
  /** `whpk_` + base64(public key), 32 bytes: give it to receivers. */
  publicKey: string;
}

/**
 * A new symmetric secret: `whsec_` and 32 random bytes in base64 (the spec asks for 24 to
 * 64 bytes). Give it to the receiver over a secure channel; sign with it.
 *
 * @returns the `whsec_…` secret
 * @example
 * ```ts
 * import { generateWebhookSecret } from 'cachet/webhooks';
 * const secret = generateWebhookSecret(); // 'whsec_…' (50 characters)
 * ```
 */
export function generateWebhookSecret(): string {
  return `whsec_${base64Encode(randomBytes(32))}`;
}

/**
 * A new Ed25519 key pair for `v1a` signatures: receivers verify with the public key and
 * cannot forge webhooks, which the spec recommends over shared secrets. The layout is
 * Svix's (docs/formats.md#webhook-keys). Without node:crypto, call `preloadEd25519()` first.
 *
 * @returns `{ secretKey: 'whsk_…', publicKey: 'whpk_…' }`
 * @throws {@link cachet!UnsupportedError} ERR_UNSUPPORTED_ALGORITHM without node:crypto before `preloadEd25519()`
 * @example
 * ```ts
 * import { generateWebhookKeyPair, signWebhook, verifyWebhook } from 'cachet/webhooks';
 * const { secretKey, publicKey } = generateWebhookKeyPair();
 * const headers = signWebhook({ payload: '{"ok":true}' }, secretKey); // webhook-signature: v1a,…
 * verifyWebhook('{"ok":true}', headers, publicKey);
 * ```
 */
export function generateWebhookKeyPair(): WebhookKeyPair {
  const seed = randomBytes(32);
  const publicKey = ed25519PublicKey(seed);
  const both = new Uint8Array(64);
  both.set(seed);
  both.set(publicKey, 32);
  return { secretKey: `whsk_${base64Encode(both)}`, publicKey: `whpk_${base64Encode(publicKey)}` };
}

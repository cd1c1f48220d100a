/**
 * signWebhook: the headers a sender attaches, for any scheme (Standard Webhooks for your
 * own outgoing webhooks; the others to test receivers with realistic requests).
 */
import { assertObject, assertOneOf, assertString, invalidArgument } from '../assert.js';
import { randomBytes } from '../backend/random.js';
import { base64Encode, base64urlEncode } from '../bytes.js';
import { KeyError } from '../errors.js';
import { ed25519Sign, signedContent } from './ed25519.js';
import { MAX_ID_LENGTH } from './limits.js';
import { MacKey } from './mac.js';
import { payloadOf, type WebhookPayload } from './payload.js';
import {
  MESSAGE_ID,
  SCHEME_NAMES,
  SCHEMES,
  type Signature,
  type WebhookScheme,
} from './schemes.js';
import { hmacOnly, prepareSecrets, type WebhookSecrets } from './secrets.js';

/**
 * What is signed.
 *
 * @example
 * ```ts
 * import { signWebhook, type WebhookMessage } from 'cachet/webhooks';
 * const message: WebhookMessage = { id: 'msg_1', timestamp: new Date(), payload: '{"a":1}' };
 * signWebhook(message, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
 * ```
 */
export interface WebhookMessage {
  /**
   * The message id. Standard Webhooks and Svix sign it (visible ASCII without ".", at most
   * 256 characters; default: a fresh random `msg_…`); GitHub and Shopify send it as their
   * (unsigned) delivery id header when given; Stripe and Slack have none.
   */
  id?: string;
  /** When it is sent: a Date or Unix seconds (default now). GitHub and Shopify sign none. */
  timestamp?: Date | number;
  /** The exact body that will be sent. */
  payload: WebhookPayload;
}

/**
 * Options of {@link signWebhook}.
 *
 * @example
 * ```ts
 * import { type SignWebhookOptions, signWebhook } from 'cachet/webhooks';
 * const options: SignWebhookOptions = { scheme: 'stripe' };
 * signWebhook({ payload: '{"id":"evt_1"}' }, 'whsec_test_secret', options); // { 'stripe-signature': 't=…,v1=…' }
 * ```
 */
export interface SignWebhookOptions {
  /** The scheme whose headers to produce (default `'standard'`). */
  scheme?: WebhookScheme;
}

/**
 * Header name (lowercase) → value, ready for `fetch` or any HTTP client.
 *
 * @example
 * ```ts
 * import { signWebhook, type WebhookHeaders } from 'cachet/webhooks';
 * const body = '{"type":"invoice.paid"}';
 * const headers: WebhookHeaders = signWebhook({ payload: body }, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
 * const request = new Request('https://customer.example/hooks', { method: 'POST', body, headers });
 * ```
 */
export type WebhookHeaders = Record<string, string>;

// Standard Webhooks: symmetric secrets are "at least 24 bytes" (spec, "Signature scheme").
const MIN_STANDARD_SECRET = 24;
// Schemes whose header carries several signatures (secret rotation).
const MULTIPLE: readonly WebhookScheme[] = ['standard', 'svix', 'stripe'];
// An unsigned id only goes into a header: no control characters (header injection).
const HEADER_SAFE = /^[\x20-\x7e]+$/;

/** How a scheme writes its headers (the signed text before the body is its prefixOf). */
type Writer = (
  id: string | undefined,
  timestamp: string,
  signatures: Signature[],
) => WebhookHeaders;

/** `v1,<b64> v1a,<b64>`: the Standard Webhooks signature list. */
function signatureList(signatures: Signature[]): string {
  if (signatures.length === 1) return `${signatures[0]!.version},${signatures[0]!.text}`;
  return signatures.map((s) => `${s.version},${s.text}`).join(' ');
}

// Header objects are written as literals: computed property names would make every call
// build a slow dictionary-mode object (a quarter of signWebhook's time when measured).
const WRITERS: { readonly [S in WebhookScheme]: Writer } = {
  standard: (id, timestamp, signatures) => ({
    'webhook-id': id!,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatureList(signatures),
  }),
  svix: (id, timestamp, signatures) => ({
    'svix-id': id!,
    'svix-timestamp': timestamp,
    'svix-signature': signatureList(signatures),
  }),
  stripe: (_id, timestamp, signatures) => ({
    'stripe-signature': [`t=${timestamp}`, ...signatures.map((s) => `v1=${s.text}`)].join(','),
  }),
  github: (id, _timestamp, [s]) => ({
    'x-hub-signature-256': `sha256=${s!.text}`,
    ...(id === undefined ? {} : { 'x-github-delivery': id }),
  }),
  slack: (_id, timestamp, [s]) => ({
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': `v0=${s!.text}`,
  }),
  shopify: (id, _timestamp, [s]) => ({
    'x-shopify-hmac-sha256': s!.text,
    ...(id === undefined ? {} : { 'x-shopify-webhook-id': id }),
  }),
};

function seconds(timestamp: unknown): number {
  if (timestamp === undefined) return Math.floor(Date.now() / 1000);
  if (timestamp instanceof Date) {
    const ms = timestamp.getTime();
    if (!Number.isFinite(ms) || ms < 0)
      invalidArgument('message.timestamp', 'a valid Date', timestamp);
    return Math.floor(ms / 1000);
  }
  if (
    typeof timestamp !== 'number' ||
    !Number.isSafeInteger(timestamp) ||
    timestamp < 0 ||
    timestamp > 999_999_999_999
  ) {
    return invalidArgument(
      'message.timestamp',
      'Unix seconds (an integer below 10^12) or a Date',
      timestamp,
    );
  }
  return timestamp;
}

function messageId(id: unknown, scheme: WebhookScheme): string | undefined {
  const signed = scheme === 'standard' || scheme === 'svix';
  if (id === undefined) return signed ? `msg_${base64urlEncode(randomBytes(18))}` : undefined;
  assertString(id, 'message.id');
  if (id.length > MAX_ID_LENGTH)
    invalidArgument('message.id', `at most ${MAX_ID_LENGTH} characters`, id);
  if (signed && !MESSAGE_ID.test(id))
    invalidArgument('message.id', 'visible ASCII without "."', id);
  if (!signed && !HEADER_SAFE.test(id)) invalidArgument('message.id', 'printable ASCII', id);
  return id;
}

/**
 * Signs a webhook and returns the headers to send with it.
 *
 * Several secrets (during a rotation) give several signatures where the scheme allows it
 * (standard, svix, stripe). Standard and svix sign with `whsec_` secrets (HMAC-SHA-256,
 * `v1`) or `whsk_` keys and Ed25519 Keys (`v1a`); the other schemes with their secret
 * string (used as UTF-8), raw bytes or an HS256 Key.
 *
 * @param message - `{ id?, timestamp?, payload }`
 * @param secrets - one secret or several
 * @param options - `scheme` (default `'standard'`)
 * @returns the headers, e.g. `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a bad message, id or timestamp,
 *   or several secrets for a one-signature scheme; ERR_BODY_ALREADY_PARSED for an object payload
 * @throws {@link cachet!KeyError} ERR_INVALID_KEY for an unusable or too short secret,
 *   ERR_WRONG_KEY_TYPE for a public key or a key of another algorithm
 * @example
 * ```ts
 * import { signWebhook } from 'cachet/webhooks';
 * const headers = signWebhook(
 *   { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, payload: '{"test": 2432232314}' },
 *   'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 * );
 * console.log(headers['webhook-signature']); // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 * ```
 */
export function signWebhook(
  message: WebhookMessage,
  secrets: WebhookSecrets,
  options: SignWebhookOptions = {},
): WebhookHeaders {
  assertObject(message, 'message');
  assertObject(options, 'options');
  const name = options.scheme ?? 'standard';
  assertOneOf(name, 'options.scheme', SCHEME_NAMES);
  const scheme = SCHEMES[name];
  const payload = payloadOf(message.payload);
  const timestamp = String(seconds(message.timestamp));
  const id = messageId(message.id, name);
  const keys = prepareSecrets(secrets, scheme.secrets);
  if (!MULTIPLE.includes(name) && keys.length > 1) {
    invalidArgument('secrets', `one secret (${name} carries one signature)`, secrets);
  }
  const writer = WRITERS[name];
  const prefix = scheme.prefixOf(id ?? '', timestamp);
  let message1a: Uint8Array | undefined;
  const signatures = keys.map((key): Signature => {
    if (key instanceof MacKey) {
      if (scheme.secrets === 'standard' && key.raw.length < MIN_STANDARD_SECRET) {
        throw new KeyError(
          'ERR_INVALID_KEY',
          `Standard Webhooks secrets are at least ${MIN_STANDARD_SECRET} bytes; use generateWebhookSecret()`,
        );
      }
      return { version: 'v1', text: key.mac(prefix, payload, scheme.encoding) };
    }
    if (!scheme.ed25519) hmacOnly(name);
    const seed = key.signingSeed;
    message1a ??= signedContent(prefix, payload);
    return { version: 'v1a', text: base64Encode(ed25519Sign(seed, message1a)) };
  });
  return writer(id, timestamp, signatures);
}

/**
 * verifyWebhook: one function for every scheme. The checks run in a fixed order, each with
 * its own error code: arguments and secrets (configuration errors first), the headers
 * (ERR_SIGNATURE_MISSING, ERR_COMPONENT_MISSING, ERR_INVALID_FORMAT), the timestamp
 * (ERR_TIMESTAMP_TOO_OLD / ERR_TIMESTAMP_IN_FUTURE: cheap, so before any MAC), the
 * signatures (ERR_SIGNATURE_INVALID), then the replay store (ERR_REPLAY).
 */
import { assertInteger, assertOneOf, assertOptions, invalidArgument } from '../assert.js';
import { base64Decode } from '../bytes.js';
import { ReplayError, VerificationError } from '../errors.js';
import { MemoryReplayStore } from '../replay/memory.js';
import type { ReplayStore } from '../replay/store.js';
import { ed25519Verify, signedContent } from './ed25519.js';
import { headerGetter, type WebhookHeadersInput } from './headers.js';
import { DEFAULT_TOLERANCE, DEFAULT_UNTIMED_REPLAY_TTL, MAX_TOLERANCE } from './limits.js';
import { equalText, MacKey } from './mac.js';
import { payloadOf, type WebhookPayload } from './payload.js';
import {
  type Delivery,
  SCHEME_NAMES,
  SCHEMES,
  type Scheme,
  type WebhookScheme,
} from './schemes.js';
import {
  Ed25519Key,
  hmacOnly,
  type Prepared,
  prepareSecrets,
  type WebhookSecrets,
} from './secrets.js';
import { checkTimestamp } from './timestamp.js';

/**
 * Options of {@link verifyWebhook}.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore, type VerifyWebhookOptions } from 'cachet/webhooks';
 * const options: VerifyWebhookOptions = { scheme: 'svix', tolerance: 600, replay: new MemoryReplayStore() };
 * ```
 */
export interface VerifyWebhookOptions {
  /** The signature scheme (default `'standard'`, Standard Webhooks). */
  scheme?: WebhookScheme;
  /**
   * Largest distance between the signed timestamp and now, either way, in seconds
   * (default 300, at most one week). Schemes without a timestamp (GitHub, Shopify) have
   * nothing to check.
   */
  tolerance?: number;
  /** A replay store: each delivery is accepted once (see docs/webhooks.md#replay-protection). */
  replay?: ReplayStore;
  /**
   * How long the store remembers a delivery, in ms. Default: twice the tolerance (after
   * that the timestamp refuses it anyway); 3 days for GitHub and Shopify, which sign no
   * timestamp.
   */
  replayTtl?: number;
  /**
   * The current time, default `Date.now()` (for tests and replays of old fixtures): a Date,
   * or ms since the epoch. A number below 10^11 is read as Unix seconds (no current time
   * in ms is that small).
   */
  now?: Date | number;
}

/**
 * A verified delivery.
 *
 * @example
 * ```ts
 * import { signWebhook, type VerifiedWebhook, verifyWebhook } from 'cachet/webhooks';
 * const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
 * const body = '{"type":"invoice.paid"}';
 * const result: VerifiedWebhook<string> = verifyWebhook(body, signWebhook({ payload: body }, secret), secret);
 * const event = JSON.parse(result.payload) as { type: string };
 * ```
 */
export interface VerifiedWebhook<P extends WebhookPayload = WebhookPayload> {
  /** The scheme it was verified under. */
  scheme: WebhookScheme;
  /**
   * The message id (standard, svix: signed), or the delivery id header (github:
   * X-GitHub-Delivery, shopify: X-Shopify-Webhook-Id: not signed); undefined for stripe
   * and slack, whose ids are inside the payload.
   */
  id: string | undefined;
  /** The signed timestamp, Unix seconds; undefined for github and shopify. */
  timestamp: number | undefined;
  /** The payload, exactly as passed in. Parse it now: it is authentic. */
  payload: P;
}

/**
 * A replay store whose `claim` answers synchronously (MemoryReplayStore): with one,
 * `verifyWebhook` stays synchronous.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore, type SyncReplayStore } from 'cachet/webhooks';
 * const replay: SyncReplayStore = new MemoryReplayStore();
 * ```
 */
export type SyncReplayStore = MemoryReplayStore;

interface Checked<P extends WebhookPayload> {
  result: VerifiedWebhook<P>;
  replay: ReplayStore | undefined;
  replayKey: string;
  ttl: number;
}

// Below 10^11, a number cannot be a current time in ms (that is March 1973) but is one in
// Unix seconds (until the year 5138): webhook timestamps are seconds, so such a `now` is
// read as seconds rather than failing every delivery as "in the future".
const SECONDS_BELOW = 1e11;

function nowOf(now: unknown): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    return invalidArgument('options.now', 'a valid Date or ms since the epoch', now);
  }
  return ms < SECONDS_BELOW ? ms * 1000 : ms;
}

/** Strict base64 of an Ed25519 signature, or undefined (such an entry cannot verify). */
function signatureBytes(text: string): Uint8Array | undefined {
  try {
    return base64Decode(text);
  } catch {
    return undefined;
  }
}

/** The signature text that verifies under one of the keys, or a VerificationError. */
function match(
  scheme: Scheme,
  keys: Prepared[],
  delivery: Delivery,
  payload: string | Uint8Array,
): string {
  let message: Uint8Array | undefined;
  for (const key of keys) {
    if (key instanceof MacKey) {
      let mac: string | undefined;
      for (const s of delivery.signatures) {
        if (s.version !== 'v1') continue;
        mac ??= key.mac(delivery.prefix, payload, scheme.encoding);
        if (equalText(mac, s.text)) return s.text;
      }
    } else {
      for (const s of delivery.signatures) {
        if (s.version !== 'v1a') continue;
        const signature = signatureBytes(s.text);
        if (!signature) continue;
        message ??= signedContent(delivery.prefix, payload);
        if (ed25519Verify(key.publicKey, message, signature)) return s.text;
      }
    }
  }
  // Deliberately generic: which entry or key came closest is not said.
  throw new VerificationError(
    'ERR_SIGNATURE_INVALID',
    `no ${scheme.name} webhook signature matches: the body, id or timestamp changed on the way, the body is not the raw one, or another secret signed it`,
  );
}

function check<P extends WebhookPayload>(
  payload: P,
  headers: unknown,
  secrets: unknown,
  options: VerifyWebhookOptions,
): Checked<P> {
  assertOptions(options);
  const name = options.scheme ?? 'standard';
  assertOneOf(name, 'options.scheme', SCHEME_NAMES);
  const scheme = SCHEMES[name];
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  assertInteger(tolerance, 'options.tolerance', 1, MAX_TOLERANCE);
  const { replay } = options;
  const ttl =
    options.replayTtl ?? (scheme.timed ? 2 * tolerance * 1000 : DEFAULT_UNTIMED_REPLAY_TTL);
  assertInteger(ttl, 'options.replayTtl', 1);
  const nowMs = nowOf(options.now);
  const body = payloadOf(payload);
  const keys = prepareSecrets(secrets, scheme.secrets);
  if (!scheme.ed25519 && keys.some((k) => k instanceof Ed25519Key)) hmacOnly(name);
  const delivery = scheme.read(headerGetter(headers));
  if (delivery.timestamp !== undefined) checkTimestamp(delivery.timestamp, tolerance, nowMs);
  const mac = match(scheme, keys, delivery, body);
  return {
    result: { scheme: name, id: delivery.id, timestamp: delivery.timestamp, payload },
    replay,
    replayKey: `webhook:${scheme.replayKey(delivery, mac)}`,
    ttl,
  };
}

/**
 * Verifies a webhook: its signature over the exact payload bytes, its timestamp (both
 * directions), and optionally that it was not accepted before.
 *
 * Secrets: one, or a list during a rotation (a signature by any of them is accepted); as
 * each scheme writes them: `whsec_…` / `whpk_…` / `whsk_…` for standard and svix, the
 * signing secret string for stripe (its `whsec_…` as is), github, slack and shopify; raw
 * HMAC key bytes; or cachet Keys (HS256, Ed25519). Headers: Fetch `Headers`, Node's
 * `req.headers` or a plain record, looked up case-insensitively.
 *
 * Synchronous unless `replay` is an asynchronous store (Redis): then it returns a promise
 * and every failure rejects it.
 *
 * @param payload - the raw body: a string, Uint8Array/Buffer or ArrayBuffer (not parsed JSON)
 * @param headers - the request headers
 * @param secrets - one secret or several
 * @param options - `scheme`, `tolerance` (s), `replay`, `replayTtl` (ms), `now`
 * @returns the delivery: `{ scheme, id, timestamp, payload }`
 * @throws {@link cachet!VerificationError} ERR_SIGNATURE_MISSING (no signature header),
 *   ERR_COMPONENT_MISSING (no id or timestamp header), ERR_SIGNATURE_INVALID (no signature matches)
 * @throws {@link cachet!TimestampError} ERR_TIMESTAMP_TOO_OLD, ERR_TIMESTAMP_IN_FUTURE
 * @throws {@link cachet!ReplayError} ERR_REPLAY when the store has seen this delivery
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT (malformed header), ERR_LIMIT_EXCEEDED,
 *   ERR_BODY_ALREADY_PARSED (a parsed object instead of the raw body), ERR_INVALID_ARGUMENT
 * @throws {@link cachet!KeyError} ERR_INVALID_KEY / ERR_WRONG_KEY_TYPE for unusable secrets
 * @throws {@link cachet!ProviderError} ERR_PROVIDER when the replay store fails (the delivery is refused)
 * @example
 * ```ts
 * import { signWebhook, verifyWebhook } from 'cachet/webhooks';
 * const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
 * const payload = '{"type":"invoice.paid"}';
 * const headers = signWebhook({ id: 'msg_1', payload }, secret);
 * const { id, timestamp } = verifyWebhook(payload, headers, secret);
 * console.log(id, timestamp); // 'msg_1' and the current Unix time
 * ```
 */
export function verifyWebhook<P extends WebhookPayload>(
  payload: P,
  headers: WebhookHeadersInput,
  secrets: WebhookSecrets,
  options?: VerifyWebhookOptions & { replay?: SyncReplayStore },
): VerifiedWebhook<P>;
export function verifyWebhook<P extends WebhookPayload>(
  payload: P,
  headers: WebhookHeadersInput,
  secrets: WebhookSecrets,
  options: VerifyWebhookOptions & { replay: ReplayStore },
): Promise<VerifiedWebhook<P>>;
export function verifyWebhook<P extends WebhookPayload>(
  payload: P,
  headers: WebhookHeadersInput,
  secrets: WebhookSecrets,
  options?: VerifyWebhookOptions,
): VerifiedWebhook<P> | Promise<VerifiedWebhook<P>>;
export function verifyWebhook<P extends WebhookPayload>(
  payload: P,
  headers: WebhookHeadersInput,
  secrets: WebhookSecrets,
  options: VerifyWebhookOptions = {},
): VerifiedWebhook<P> | Promise<VerifiedWebhook<P>> {
  const replay = (options as { replay?: unknown } | null)?.replay;
  if (replay !== undefined && typeof (replay as { claim?: unknown }).claim !== 'function') {
    invalidArgument('options.replay', 'a ReplayStore', replay);
  }
  if (replay === undefined || replay instanceof MemoryReplayStore) {
    const checked = check(payload, headers, secrets, options);
    if (replay && !replay.claim(checked.replayKey, checked.ttl)) throw new ReplayError();
    return checked.result;
  }
  // An asynchronous store: one promise, rejected by every failure.
  return (async () => {
    const checked = check(payload, headers, secrets, options);
    if (!(await checked.replay!.claim(checked.replayKey, checked.ttl))) throw new ReplayError();
    return checked.result;
  })();
}

/**
 * The scheme table (verifying side): every webhook signature scheme cachet speaks,
 * described once — which headers carry what, the text signed before the body, how MACs
 * are encoded, how secret strings are read, and what identifies a delivery for replay
 * protection. The sending side (header writers) is in sign.ts.
 *
 * | scheme   | signed content            | signature header                          |
 * | -------- | ------------------------- | ----------------------------------------- |
 * | standard | `{id}.{timestamp}.{body}` | `webhook-signature: v1,<b64> v1a,<b64>`   |
 * | svix     | same                      | `svix-signature` (falls back to webhook-) |
 * | stripe   | `{t}.{body}`              | `Stripe-Signature: t=…,v1=<hex>,v1=<hex>` |
 * | github   | `{body}`                  | `X-Hub-Signature-256: sha256=<hex>`       |
 * | slack    | `v0:{timestamp}:{body}`   | `X-Slack-Signature: v0=<hex>`             |
 * | shopify  | `{body}`                  | `X-Shopify-Hmac-Sha256: <b64>`            |
 *
 * MACs are compared as text, in constant time, against the canonical encoding of the
 * computed MAC (as the official libraries do): no decoding of untrusted header values on
 * the hot path. Hex is compared case-insensitively.
 */
import { InvalidInputError, VerificationError } from '../errors.js';
import type { HeaderGetter } from './headers.js';
import { MAX_ID_LENGTH, MAX_SIGNATURE_HEADER, MAX_SIGNATURES } from './limits.js';
import type { SecretFormat } from './secrets.js';
import { parseTimestamp } from './timestamp.js';

/**
 * The schemes `signWebhook` and `verifyWebhook` accept.
 *
 * @example
 * ```ts
 * import { signWebhook, type WebhookScheme } from 'cachet/webhooks';
 * const scheme: WebhookScheme = 'github';
 * signWebhook({ payload: '{}' }, 'my github secret', { scheme }); // { 'x-hub-signature-256': 'sha256=…' }
 * ```
 */
export type WebhookScheme = 'standard' | 'svix' | 'stripe' | 'github' | 'slack' | 'shopify';

/** One signature from a header: `v1` is an HMAC-SHA-256, `v1a` an Ed25519 signature. */
export interface Signature {
  readonly version: 'v1' | 'v1a';
  /** As sent: base64 (v1a, standard/svix/shopify v1) or lowercase hex (stripe, github, slack). */
  readonly text: string;
}

/** What a scheme's headers say about a delivery. */
export interface Delivery {
  /** Message or delivery id (signed in standard/svix; informational in github/shopify). */
  readonly id: string | undefined;
  /** Signed timestamp, Unix seconds (absent for github/shopify). */
  readonly timestamp: number | undefined;
  /** The signed text that precedes the body. */
  readonly prefix: string;
  /** Signatures of a version this scheme checks, of the right length (possibly none). */
  readonly signatures: readonly Signature[];
}

/** A scheme's description. */
export interface Scheme {
  readonly name: WebhookScheme;
  /** How secret strings are read. */
  readonly secrets: SecretFormat;
  /** How the HMAC is written in headers. */
  readonly encoding: 'base64' | 'hex';
  /** Whether Ed25519 (`v1a`) keys take part. */
  readonly ed25519: boolean;
  /** Whether the signed content includes a timestamp (then tolerance applies). */
  readonly timed: boolean;
  /** The signed text before the body, from the id and timestamp as sent (sign and verify). */
  prefixOf(id: string, timestamp: string): string;
  /** Reads a delivery from the headers. */
  read(get: HeaderGetter): Delivery;
  /** The replay-store key of a verified delivery (`mac`: the signature text that matched). */
  replayKey(delivery: Delivery, mac: string): string;
}

/** Length of an HMAC-SHA-256 in base64 (with padding) and hex; of an Ed25519 signature. */
const B64_MAC = 44;
const HEX_MAC = 64;
const B64_ED25519 = 88;

function missingSignature(header: string): never {
  throw new VerificationError(
    'ERR_SIGNATURE_MISSING',
    `no "${header}" header: the request is not signed for this scheme, or a proxy dropped the header`,
  );
}

function missingPart(header: string): never {
  throw new VerificationError(
    'ERR_COMPONENT_MISSING',
    `no "${header}" header; it is part of the signed content, so it is required`,
  );
}

function malformed(header: string, expected: string): never {
  throw new InvalidInputError(
    'ERR_INVALID_FORMAT',
    `header "${header}" is malformed: expected ${expected}`,
  );
}

function tooLong(header: string, max: number): never {
  throw new InvalidInputError('ERR_LIMIT_EXCEEDED', `header "${header}" is longer than ${max}`);
}

function signatureHeader(value: string | undefined, header: string): string {
  if (value === undefined || value === '') missingSignature(header);
  if (value.length > MAX_SIGNATURE_HEADER) tooLong(header, MAX_SIGNATURE_HEADER);
  return value;
}

function tooMany(header: string): never {
  throw new InvalidInputError(
    'ERR_LIMIT_EXCEEDED',
    `header "${header}" has more than ${MAX_SIGNATURES} signatures`,
  );
}

// Standard Webhooks: "it's important that the message id … not be allowed to include any
// `.`" (spec, "Signature scheme"), or `{id}.{timestamp}.` would be ambiguous. Visible
// ASCII without the dot.
export const MESSAGE_ID: RegExp = /^[\x21-\x2d\x2f-\x7e]+$/;
const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function checkMessageId(id: string, header: string): string {
  if (id.length > MAX_ID_LENGTH) tooLong(header, MAX_ID_LENGTH);
  if (!MESSAGE_ID.test(id)) malformed(header, 'visible ASCII without "."');
  return id;
}

function unsignedId(get: HeaderGetter, header: string): string | undefined {
  const id = get(header);
  if (id !== undefined && id.length > MAX_ID_LENGTH) tooLong(header, MAX_ID_LENGTH);
  return id === '' ? undefined : id;
}

/** `v1,<b64> v1a,<b64> …`: unknown versions and entries of the wrong length are skipped. */
function standardSignatures(value: string, header: string): Signature[] {
  const out: Signature[] = [];
  let entries = 0;
  let wellFormed = 0;
  // Walks the entries with indexOf: no array of substrings for the usual single entry.
  for (let start = 0; start <= value.length; ) {
    let end = value.indexOf(' ', start);
    if (end < 0) end = value.length;
    const next = end + 1;
    // A header sent twice reaches Node and Fetch joined by ", ": drop that trailing comma.
    if (value.charCodeAt(end - 1) === 44 && value.indexOf(',', start) < end - 1) end--;
    if (end > start) {
      if (++entries > MAX_SIGNATURES) tooMany(header);
      const comma = value.indexOf(',', start);
      if (comma > start && comma < end) {
        wellFormed++;
        const version = value.slice(start, comma);
        const length = end - comma - 1;
        if (version === 'v1' && length === B64_MAC) {
          out.push({ version, text: value.slice(comma + 1, end) });
        } else if (version === 'v1a' && length === B64_ED25519) {
          out.push({ version, text: value.slice(comma + 1, end) });
        }
      }
    }
    start = next;
  }
  if (wellFormed === 0) malformed(header, 'space-separated "<version>,<base64>" entries');
  return out;
}

const standardPrefix = (id: string, timestamp: string) => `${id}.${timestamp}.`;
const timestampPrefix = (_id: string, timestamp: string) => `${timestamp}.`;
const slackPrefix = (_id: string, timestamp: string) => `v0:${timestamp}:`;
const noPrefix = () => '';

function standardLike(name: 'standard' | 'svix'): Scheme {
  const own = name === 'svix' ? 'svix' : 'webhook';
  const ID = `${own}-id`;
  const TIMESTAMP = `${own}-timestamp`;
  const SIGNATURE = `${own}-signature`;
  // Svix's library reads each svix-* header and falls back to its webhook-* twin.
  const read = (get: HeaderGetter, header: string, suffix: string) =>
    get(header) ?? (name === 'svix' ? get(`webhook-${suffix}`) : undefined);
  return {
    name,
    secrets: 'standard',
    encoding: 'base64',
    ed25519: true,
    timed: true,
    prefixOf: standardPrefix,
    read(get) {
      const value = signatureHeader(read(get, SIGNATURE, 'signature'), SIGNATURE);
      const id = read(get, ID, 'id');
      if (id === undefined) missingPart(ID);
      const timestamp = read(get, TIMESTAMP, 'timestamp');
      if (timestamp === undefined) missingPart(TIMESTAMP);
      return {
        id: checkMessageId(id, ID),
        timestamp: parseTimestamp(timestamp, TIMESTAMP),
        prefix: standardPrefix(id, timestamp),
        signatures: standardSignatures(value, SIGNATURE),
      };
    },
    // The id is signed and the spec makes it the idempotency key (see docs/webhooks.md).
    replayKey: (delivery) => `${name}:${delivery.id}`,
  };
}

const stripe: Scheme = {
  name: 'stripe',
  secrets: 'utf8',
  encoding: 'hex',
  ed25519: false,
  timed: true,
  prefixOf: timestampPrefix,
  read(get) {
    const HEADER = 'stripe-signature';
    const value = signatureHeader(get(HEADER), HEADER);
    let t: string | undefined;
    const signatures: Signature[] = [];
    let entries = 0;
    for (const item of value.split(',')) {
      if (item.startsWith('t=')) {
        if (t !== undefined) malformed(HEADER, 'one t= timestamp');
        t = item.slice(2);
      } else if (item.startsWith('v1=')) {
        if (++entries > MAX_SIGNATURES) tooMany(HEADER);
        const text = item.slice(3);
        if (text.length === HEX_MAC) signatures.push({ version: 'v1', text: text.toLowerCase() });
      }
    }
    if (t === undefined) malformed(HEADER, '"t=<timestamp>,v1=<hex>"');
    return {
      id: undefined,
      timestamp: parseTimestamp(t, `${HEADER} t=`),
      prefix: timestampPrefix('', t),
      signatures,
    };
  },
  // No id header: a delivery is its timestamp and signature. Stripe re-signs each retry
  // with a fresh timestamp, so retries pass and only a replayed request is refused.
  replayKey: (delivery, mac) => `stripe:${delivery.timestamp}:${mac}`,
};

/** One `<prefix><hex>` or bare-base64 HMAC in one header. */
function oneMac(get: HeaderGetter, header: string, prefix: string, hex: boolean): Signature[] {
  const value = signatureHeader(get(header), header);
  const text = value.startsWith(prefix) ? value.slice(prefix.length) : '';
  const ok = hex
    ? text.length === HEX_MAC && HEX.test(text)
    : text.length === B64_MAC && BASE64.test(text);
  if (!ok) malformed(header, hex ? `"${prefix}" and 64 hex digits` : 'base64 of 32 bytes');
  return [{ version: 'v1', text: hex ? text.toLowerCase() : text }];
}

const github: Scheme = {
  name: 'github',
  secrets: 'utf8',
  encoding: 'hex',
  ed25519: false,
  timed: false,
  prefixOf: noPrefix,
  read: (get) => ({
    // The SHA-1 X-Hub-Signature header is never read.
    signatures: oneMac(get, 'x-hub-signature-256', 'sha256=', true),
    id: unsignedId(get, 'x-github-delivery'),
    timestamp: undefined,
    prefix: '',
  }),
  // X-GitHub-Delivery is not signed (a replay could carry any value), and nothing signed
  // is unique per delivery but the body: the signature of the body is the key.
  replayKey: (_delivery, mac) => `github:${mac}`,
};

const slack: Scheme = {
  name: 'slack',
  secrets: 'utf8',
  encoding: 'hex',
  ed25519: false,
  timed: true,
  prefixOf: slackPrefix,
  read(get) {
    const signatures = oneMac(get, 'x-slack-signature', 'v0=', true);
    const timestamp = get('x-slack-request-timestamp');
    if (timestamp === undefined) missingPart('x-slack-request-timestamp');
    return {
      signatures,
      id: undefined,
      timestamp: parseTimestamp(timestamp, 'x-slack-request-timestamp'),
      prefix: slackPrefix('', timestamp),
    };
  },
  replayKey: (delivery, mac) => `slack:${delivery.timestamp}:${mac}`,
};

const shopify: Scheme = {
  name: 'shopify',
  secrets: 'utf8',
  encoding: 'base64',
  ed25519: false,
  timed: false,
  prefixOf: noPrefix,
  read: (get) => ({
    signatures: oneMac(get, 'x-shopify-hmac-sha256', '', false),
    id: unsignedId(get, 'x-shopify-webhook-id'),
    timestamp: undefined,
    prefix: '',
  }),
  // X-Shopify-Webhook-Id is not signed: as for GitHub, the body's signature is the key.
  replayKey: (_delivery, mac) => `shopify:${mac}`,
};

/** The table. */
export const SCHEMES: { readonly [S in WebhookScheme]: Scheme } = {
  standard: standardLike('standard'),
  svix: standardLike('svix'),
  stripe,
  github,
  slack,
  shopify,
};

/** Every scheme name, in the order of {@link SCHEMES}. */
export const SCHEME_NAMES: readonly WebhookScheme[] = Object.keys(SCHEMES) as WebhookScheme[];

/**
 * The scheme table: every webhook signature scheme cachet speaks, described once — which
 * headers carry what, the text signed before the body, how signatures are encoded, how
 * secret strings are read, and what identifies a delivery for replay protection.
 *
 * | scheme   | signed content                  | signature header                          |
 * | -------- | ------------------------------- | ----------------------------------------- |
 * | standard | `{id}.{timestamp}.{body}`       | `webhook-signature: v1,<b64> v1a,<b64>`   |
 * | svix     | same                            | `svix-signature` (falls back to webhook-) |
 * | stripe   | `{t}.{body}`                    | `Stripe-Signature: t=…,v1=<hex>,v1=<hex>` |
 * | github   | `{body}`                        | `X-Hub-Signature-256: sha256=<hex>`       |
 * | slack    | `v0:{timestamp}:{body}`         | `X-Slack-Signature: v0=<hex>`             |
 * | shopify  | `{body}`                        | `X-Shopify-Hmac-Sha256: <b64>`            |
 */
import { base64Decode, base64Encode, hexDecode, hexEncode } from '../bytes.js';
import { InvalidInputError, VerificationError } from '../errors.js';
import type { HeaderGetter } from './headers.js';
import { MAX_ID_LENGTH, MAX_SIGNATURE_HEADER, MAX_SIGNATURES } from './limits.js';
import type { SecretFormat } from './secrets.js';
import { parseTimestamp } from './timestamp.js';

/** The schemes `signWebhook` and `verifyWebhook` accept. */
export type WebhookScheme = 'standard' | 'svix' | 'stripe' | 'github' | 'slack' | 'shopify';

/** One signature from a header: `v1` is HMAC-SHA-256, `v1a` Ed25519. */
export interface Signature {
  readonly version: 'v1' | 'v1a';
  readonly bytes: Uint8Array;
}

/** What a scheme's headers say about a delivery. */
export interface Delivery {
  /** Message or delivery id (signed in standard/svix; informational in github/shopify). */
  readonly id: string | undefined;
  /** Signed timestamp, Unix seconds (absent for github/shopify). */
  readonly timestamp: number | undefined;
  /** The signed text that precedes the body. */
  readonly prefix: string;
  /** Well-formed signatures of a version this scheme checks (possibly none). */
  readonly signatures: readonly Signature[];
}

/** A scheme's description. */
export interface Scheme {
  readonly name: WebhookScheme;
  /** How secret strings are read. */
  readonly secrets: SecretFormat;
  /** Whether Ed25519 (`v1a`) keys take part. */
  readonly ed25519: boolean;
  /** Whether one header can carry several signatures (rotation). */
  readonly multiple: boolean;
  /** Whether the signed content includes a timestamp (then tolerance applies). */
  readonly timed: boolean;
  /** Reads a delivery from the headers. */
  read(get: HeaderGetter): Delivery;
  /** The signed text before the body, for signing. */
  prefix(id: string, timestamp: string): string;
  /** The headers a sender sets. */
  write(id: string | undefined, timestamp: string, signatures: Signature[]): Record<string, string>;
  /** The replay-store key of a verified delivery (`mac`: the signature that matched). */
  replayKey(delivery: Delivery, mac: Uint8Array): string;
}

function missingSignature(header: string): never {
  throw new VerificationError(
    'ERR_SIGNATURE_MISSING',
    `no "${header}" header: the request is not signed for this scheme (or a proxy dropped the header)`,
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

function signatureHeader(value: string | undefined, header: string): string {
  if (value === undefined || value === '') missingSignature(header);
  if (value.length > MAX_SIGNATURE_HEADER) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `header "${header}" is longer than ${MAX_SIGNATURE_HEADER} characters`,
    );
  }
  return value;
}

function tooMany(header: string): never {
  throw new InvalidInputError(
    'ERR_LIMIT_EXCEEDED',
    `header "${header}" has more than ${MAX_SIGNATURES} signatures`,
  );
}

/** Strict base64 or hex of an exact length, or undefined (such an entry cannot match). */
function decoded(text: string, hex: boolean, length: number): Uint8Array | undefined {
  if (text.length !== (hex ? 2 * length : 4 * Math.ceil(length / 3))) return undefined;
  try {
    return hex ? hexDecode(text) : base64Decode(text);
  } catch {
    return undefined;
  }
}

// Standard Webhooks: "it's important that the message id … not be allowed to include any
// `.`" (spec, "Signature scheme"), or `{id}.{timestamp}.` would be ambiguous. Visible
// ASCII without the dot.
const MESSAGE_ID = /^[\x21-\x2d\x2f-\x7e]+$/;

/** Checks a signed message id. */
export function checkMessageId(id: string, header: string): string {
  if (id.length > MAX_ID_LENGTH) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `header "${header}" is longer than ${MAX_ID_LENGTH}`,
    );
  }
  if (!MESSAGE_ID.test(id)) malformed(header, 'visible ASCII without "."');
  return id;
}

function unsignedId(get: HeaderGetter, header: string): string | undefined {
  const id = get(header);
  if (id !== undefined && id.length > MAX_ID_LENGTH) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `header "${header}" is longer than ${MAX_ID_LENGTH}`,
    );
  }
  return id === '' ? undefined : id;
}

/** `v1,<b64> v1a,<b64> …`: unknown versions and undecodable entries are skipped. */
function standardSignatures(value: string, header: string): Signature[] {
  const out: Signature[] = [];
  let entries = 0;
  let wellFormed = 0;
  for (const entry of value.split(' ')) {
    if (entry === '') continue;
    if (++entries > MAX_SIGNATURES) tooMany(header);
    const comma = entry.indexOf(',');
    if (comma <= 0) continue;
    wellFormed++;
    const version = entry.slice(0, comma);
    if (version !== 'v1' && version !== 'v1a') continue;
    const bytes = decoded(entry.slice(comma + 1), false, version === 'v1' ? 32 : 64);
    if (bytes) out.push({ version, bytes });
  }
  if (wellFormed === 0) malformed(header, 'space-separated "<version>,<base64>" entries');
  return out;
}

function standardLike(name: 'standard' | 'svix'): Scheme {
  const own = name === 'svix' ? 'svix' : 'webhook';
  const ID = `${own}-id`;
  const TIMESTAMP = `${own}-timestamp`;
  const SIGNATURE = `${own}-signature`;
  // Svix's library reads each svix-* header and falls back to its webhook-* twin.
  const read = (get: HeaderGetter, suffix: string) =>
    get(`${own}-${suffix}`) ?? (name === 'svix' ? get(`webhook-${suffix}`) : undefined);
  return {
    name,
    secrets: 'standard',
    ed25519: true,
    multiple: true,
    timed: true,
    read(get) {
      const value = signatureHeader(read(get, 'signature'), SIGNATURE);
      const id = read(get, 'id');
      if (id === undefined) missingPart(ID);
      const timestamp = read(get, 'timestamp');
      if (timestamp === undefined) missingPart(TIMESTAMP);
      return {
        id: checkMessageId(id, ID),
        timestamp: parseTimestamp(timestamp, TIMESTAMP),
        prefix: `${id}.${timestamp}.`,
        signatures: standardSignatures(value, SIGNATURE),
      };
    },
    prefix: (id, timestamp) => `${id}.${timestamp}.`,
    write: (id, timestamp, signatures) => ({
      [ID]: id!,
      [TIMESTAMP]: timestamp,
      [SIGNATURE]: signatures.map((s) => `${s.version},${base64Encode(s.bytes)}`).join(' '),
    }),
    // The id is signed and the spec makes it the idempotency key (see docs/webhooks.md).
    replayKey: (delivery) => `${name}:${delivery.id}`,
  };
}

const stripe: Scheme = {
  name: 'stripe',
  secrets: 'utf8',
  ed25519: false,
  multiple: true,
  timed: true,
  read(get) {
    const HEADER = 'stripe-signature';
    const value = signatureHeader(get(HEADER), HEADER);
    let t: string | undefined;
    const signatures: Signature[] = [];
    let entries = 0;
    for (const item of value.split(',')) {
      const eq = item.indexOf('=');
      if (eq <= 0) continue;
      const key = item.slice(0, eq);
      if (key === 't') {
        if (t !== undefined) malformed(HEADER, 'one t= timestamp');
        t = item.slice(eq + 1);
      } else if (key === 'v1') {
        if (++entries > MAX_SIGNATURES) tooMany(HEADER);
        const bytes = decoded(item.slice(eq + 1), true, 32);
        if (bytes) signatures.push({ version: 'v1', bytes });
      }
    }
    if (t === undefined) malformed(HEADER, '"t=<timestamp>,v1=<hex>"');
    return {
      id: undefined,
      timestamp: parseTimestamp(t, `${HEADER} t=`),
      prefix: `${t}.`,
      signatures,
    };
  },
  prefix: (_id, timestamp) => `${timestamp}.`,
  write: (_id, timestamp, signatures) => ({
    'stripe-signature': [
      `t=${timestamp}`,
      ...signatures.map((s) => `v1=${hexEncode(s.bytes)}`),
    ].join(','),
  }),
  // No id header: a delivery is its timestamp and signature. Stripe re-signs each retry
  // with a fresh timestamp, so retries pass and only a replayed request is refused.
  replayKey: (delivery, mac) => `stripe:${delivery.timestamp}:${hexEncode(mac)}`,
};

/** One `<prefix><hex>` or bare base64 HMAC in one header. */
function oneMac(get: HeaderGetter, header: string, prefix: string, hex: boolean): Signature[] {
  const value = signatureHeader(get(header), header);
  const bytes = value.startsWith(prefix) ? decoded(value.slice(prefix.length), hex, 32) : undefined;
  if (!bytes) malformed(header, hex ? `"${prefix}" and 64 hex digits` : 'base64 of 32 bytes');
  return [{ version: 'v1', bytes }];
}

const github: Scheme = {
  name: 'github',
  secrets: 'utf8',
  ed25519: false,
  multiple: false,
  timed: false,
  read: (get) => ({
    // The SHA-1 X-Hub-Signature header is never read.
    signatures: oneMac(get, 'x-hub-signature-256', 'sha256=', true),
    id: unsignedId(get, 'x-github-delivery'),
    timestamp: undefined,
    prefix: '',
  }),
  prefix: () => '',
  write: (id, _timestamp, [s]) => ({
    'x-hub-signature-256': `sha256=${hexEncode(s!.bytes)}`,
    ...(id === undefined ? {} : { 'x-github-delivery': id }),
  }),
  // X-GitHub-Delivery is not signed (a replay could carry any value), and nothing signed
  // is unique per delivery but the body: the signature of the body is the key.
  replayKey: (_delivery, mac) => `github:${hexEncode(mac)}`,
};

const slack: Scheme = {
  name: 'slack',
  secrets: 'utf8',
  ed25519: false,
  multiple: false,
  timed: true,
  read(get) {
    const signatures = oneMac(get, 'x-slack-signature', 'v0=', true);
    const timestamp = get('x-slack-request-timestamp');
    if (timestamp === undefined) missingPart('x-slack-request-timestamp');
    return {
      signatures,
      id: undefined,
      timestamp: parseTimestamp(timestamp, 'x-slack-request-timestamp'),
      prefix: `v0:${timestamp}:`,
    };
  },
  prefix: (_id, timestamp) => `v0:${timestamp}:`,
  write: (_id, timestamp, [s]) => ({
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': `v0=${hexEncode(s!.bytes)}`,
  }),
  replayKey: (delivery, mac) => `slack:${delivery.timestamp}:${hexEncode(mac)}`,
};

const shopify: Scheme = {
  name: 'shopify',
  secrets: 'utf8',
  ed25519: false,
  multiple: false,
  timed: false,
  read: (get) => ({
    signatures: oneMac(get, 'x-shopify-hmac-sha256', '', false),
    id: unsignedId(get, 'x-shopify-webhook-id'),
    timestamp: undefined,
    prefix: '',
  }),
  prefix: () => '',
  write: (id, _timestamp, [s]) => ({
    'x-shopify-hmac-sha256': base64Encode(s!.bytes),
    ...(id === undefined ? {} : { 'x-shopify-webhook-id': id }),
  }),
  // X-Shopify-Webhook-Id is not signed: as for GitHub, the body's signature is the key.
  replayKey: (_delivery, mac) => `shopify:${hexEncode(mac)}`,
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

/** Every scheme name. */
export const SCHEME_NAMES: readonly WebhookScheme[] = Object.keys(SCHEMES) as WebhookScheme[];

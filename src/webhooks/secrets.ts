/**
 * Webhook secrets as each scheme writes them, turned once into prepared keys:
 * - Standard Webhooks and Svix: `whsec_<base64>` (the prefix is optional, as in the official
 *   libraries) is an HMAC-SHA-256 key; `whsk_<base64>` an Ed25519 signing key and
 *   `whpk_<base64>` an Ed25519 public key (layout in docs/formats.md#webhook-keys);
 * - Stripe, GitHub, Slack, Shopify: the string's UTF-8 bytes are the HMAC key (Stripe's
 *   `whsec_…` included, prefix and all);
 * - bytes: the raw HMAC key, in every scheme;
 * - cachet Keys: HS256 (HMAC key), Ed25519 private (signs; verifies with its public half)
 *   or public (verifies).
 *
 * Prepared keys are cached: strings in a small bounded map keyed by the string, Keys in a
 * WeakMap (both immutable). Caller-owned bytes may change between calls, so they are not.
 */
import { invalidArgument } from '../assert.js';
import { base64Decode, timingSafeEqual } from '../bytes.js';
import { InvalidInputError, KeyError } from '../errors.js';
import { isKey, type Key, materialOf } from '../keys/key.js';
import { ed25519PublicKey } from './ed25519.js';
import { MAX_SECRETS } from './limits.js';
import { MacKey } from './mac.js';

/**
 * One secret: a string as the provider shows it, raw HMAC key bytes, or a cachet Key.
 *
 * @example
 * ```ts
 * import { generateKey } from 'cachet/keys';
 * import type { WebhookSecret } from 'cachet/webhooks';
 * const fromDashboard: WebhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
 * const rawKey: WebhookSecret = crypto.getRandomValues(new Uint8Array(32));
 * const key: WebhookSecret = generateKey('HS256'); // or an Ed25519 key for v1a
 * ```
 */
export type WebhookSecret = string | Uint8Array | Key;

/**
 * One secret, or several during a rotation (any of them may have signed).
 *
 * @example
 * ```ts
 * import { generateWebhookSecret, type WebhookSecrets } from 'cachet/webhooks';
 * const secrets: WebhookSecrets = [generateWebhookSecret(), generateWebhookSecret()]; // new, old
 * ```
 */
export type WebhookSecrets = WebhookSecret | readonly WebhookSecret[];

/** How a scheme reads secret strings. */
export type SecretFormat = 'standard' | 'utf8';

/** An Ed25519 key: a seed (can sign) or only a public key (verifies). */
export class Ed25519Key {
  readonly seed: Uint8Array | undefined;
  readonly #claimed: Uint8Array | undefined;
  #public: Uint8Array | undefined;

  /**
   * @param seed - the 32-byte private seed, when this key can sign
   * @param publicKey - the public key; derived from the seed when absent, else checked
   *   against it on first use
   */
  constructor(seed: Uint8Array | undefined, publicKey: Uint8Array | undefined) {
    this.seed = seed;
    this.#claimed = publicKey;
    if (!seed) this.#public = publicKey;
  }

  /** The public key (derived lazily: deriving may need the portable Ed25519 code). */
  get publicKey(): Uint8Array {
    if (this.#public) return this.#public;
    const derived = ed25519PublicKey(this.seed!);
    if (this.#claimed && !timingSafeEqual(derived, this.#claimed)) {
      throw new KeyError(
        'ERR_INVALID_KEY',
        'whsk_ key: its public half does not belong to its seed',
      );
    }
    this.#public = derived;
    return derived;
  }

  /** The seed, for signing; a public key, or a whsk_ key with a foreign public half, throws. */
  get signingSeed(): Uint8Array {
    if (!this.seed) {
      throw new KeyError('ERR_WRONG_KEY_TYPE', 'a public key (whpk_) verifies but cannot sign');
    }
    void this.publicKey; // checks a whsk_ key's public half against its seed
    return this.seed;
  }
}

/** A prepared secret. */
export type Prepared = MacKey | Ed25519Key;

/** An Ed25519 key given to a scheme that signs with HMAC only (sign and verify say the same). */
export function hmacOnly(scheme: string): never {
  throw new KeyError(
    'ERR_WRONG_KEY_TYPE',
    `${scheme} webhooks are signed with HMAC secrets, not Ed25519 keys`,
  );
}

const SECRET_PREFIX = 'whsec_';
const SIGNING_PREFIX = 'whsk_';
const PUBLIC_PREFIX = 'whpk_';
const CACHE_SIZE = 256;
const encoder = new TextEncoder();

const strings: Record<SecretFormat, Map<string, Prepared>> = {
  standard: new Map(),
  utf8: new Map(),
};
const keys = new WeakMap<Key, Prepared>();

function decodeBase64(text: string, what: string, name: string): Uint8Array {
  try {
    return base64Decode(text, name);
  } catch (cause) {
    throw new KeyError('ERR_INVALID_KEY', `"${name}": not a valid ${what} (bad base64)`, {
      cause,
    });
  }
}

function parseStandard(secret: string, name: string): Prepared {
  if (secret.startsWith(SIGNING_PREFIX)) {
    const bytes = decodeBase64(secret.slice(SIGNING_PREFIX.length), 'whsk_ key', name);
    // Svix's layout is the 64-byte seed ‖ public key; a bare 32-byte seed is read too.
    if (bytes.length === 64) return new Ed25519Key(bytes.slice(0, 32), bytes.slice(32));
    if (bytes.length === 32) return new Ed25519Key(bytes, undefined);
    throw new KeyError('ERR_INVALID_KEY', `"${name}": a whsk_ key is 64 (or 32) bytes`);
  }
  if (secret.startsWith(PUBLIC_PREFIX)) {
    const bytes = decodeBase64(secret.slice(PUBLIC_PREFIX.length), 'whpk_ key', name);
    if (bytes.length !== 32) {
      throw new KeyError('ERR_INVALID_KEY', `"${name}": a whpk_ key is 32 bytes`);
    }
    return new Ed25519Key(undefined, bytes);
  }
  // The official libraries base64-decode the secret with or without its prefix.
  const body = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const bytes = decodeBase64(body, 'whsec_ secret', name);
  if (bytes.length === 0) throw new KeyError('ERR_INVALID_KEY', `"${name}": the secret is empty`);
  return new MacKey(bytes, true);
}

function fromString(secret: string, format: SecretFormat, name: string): Prepared {
  const cache = strings[format];
  let prepared = cache.get(secret);
  if (prepared) return prepared;
  if (secret.length === 0) throw new KeyError('ERR_INVALID_KEY', `"${name}": the secret is empty`);
  prepared =
    format === 'standard' ? parseStandard(secret, name) : new MacKey(encoder.encode(secret), true);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(secret, prepared);
  return prepared;
}

function fromKey(key: Key, name: string): Prepared {
  let prepared = keys.get(key);
  if (prepared) return prepared;
  const material = materialOf(key);
  if (key.alg === 'HS256') prepared = new MacKey(material.secret!, true);
  else if (key.alg === 'Ed25519') prepared = new Ed25519Key(material.private, material.public);
  else {
    throw new KeyError(
      'ERR_WRONG_KEY_TYPE',
      `"${name}": webhooks use HS256 or Ed25519 keys, got ${key.alg}`,
    );
  }
  keys.set(key, prepared);
  return prepared;
}

function prepareOne(secret: unknown, format: SecretFormat, name: string): Prepared {
  if (typeof secret === 'string') return fromString(secret, format, name);
  if (secret instanceof Uint8Array) {
    if (secret.length === 0)
      throw new KeyError('ERR_INVALID_KEY', `"${name}": the secret is empty`);
    return new MacKey(secret.slice(), false);
  }
  if (isKey(secret)) return fromKey(secret, name);
  return invalidArgument(
    name,
    'a secret string, Uint8Array or cachet Key (HS256, Ed25519)',
    secret,
  );
}

/**
 * Prepares one secret or a list of them.
 *
 * @param input - what the caller passed
 * @param format - how the scheme reads strings
 * @returns the prepared keys, in order
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a wrong type or an empty or oversized list
 * @throws {@link cachet!KeyError} ERR_INVALID_KEY for undecodable or empty secrets, ERR_WRONG_KEY_TYPE for other key algorithms
 */
export function prepareSecrets(input: unknown, format: SecretFormat): Prepared[] {
  if (!Array.isArray(input)) return [prepareOne(input, format, 'secret')];
  if (input.length === 0) invalidArgument('secrets', 'at least one secret', input);
  if (input.length > MAX_SECRETS) {
    throw new InvalidInputError('ERR_LIMIT_EXCEEDED', `"secrets": more than ${MAX_SECRETS}`);
  }
  return input.map((s, i) => prepareOne(s, format, `secrets[${i}]`));
}

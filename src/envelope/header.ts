/**
 * Builds a new header for sealing: validates the recipients and context, gets a data key
 * (fresh, or from a {@link DataKeyCache}), wraps it for every recipient, derives the
 * payload key and MACs the header.
 */
import { assertObject, invalidArgument } from '../assert.js';
import { randomBytesPooled } from '../backend/random.js';
import { hexEncode } from '../bytes.js';
import { InvalidInputError } from '../errors.js';
import { type DataKeyCache, isDataKeyCache, putDataKey, takeDataKey } from './cache.js';
import { type BoundContext, bindContext, type EncryptionContext } from './context.js';
import { buildFixed, encodeHeader, type Stanza } from './format.js';
import { DEK_LENGTH, MAC_LENGTH, MAX_RECIPIENTS, SALT_LENGTH } from './limits.js';
import { derivePayloadKeys, headerMac } from './payload.js';
import { type Recipient, type Sealer, sealerFor } from './recipients.js';

/**
 * Options shared by `seal` and `encryptStream`.
 *
 * @example
 * ```ts
 * import { type SealOptions, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const backupKek = Keyring.generate('A256KW');
 * const server = Keyring.generate('X25519');
 * const options: SealOptions = {
 *   recipients: [backupKek, server.publicKeyring()], // either can open it
 *   context: { bucket: 'backups' },
 * };
 * const envelope = await seal('nightly dump', options);
 * ```
 */
export interface SealOptions {
  /** One recipient or up to 64: Keyrings, Keys, KeyProviders or `{ key, wrap }`. */
  recipients: Recipient | readonly Recipient[];
  /** Names and values bound to the payload and every wrapped key; needed again to open. */
  context?: EncryptionContext;
  /** Reuse data keys across envelopes (see {@link DataKeyCache}); off by default. */
  cache?: DataKeyCache;
}

/** Checked options, ready to seal. */
export interface Plan {
  readonly sealers: readonly Sealer[];
  readonly context: BoundContext;
  readonly cache?: DataKeyCache;
}

/** Validates seal options synchronously (so bad arguments throw before any I/O). */
export function planSeal(options: unknown): Plan {
  assertObject(options, 'options');
  const { recipients, context, cache } = options as Partial<SealOptions>;
  const list = Array.isArray(recipients)
    ? recipients
    : recipients === undefined
      ? []
      : [recipients];
  if (list.length === 0)
    invalidArgument('options.recipients', 'at least one recipient', recipients);
  if (list.length > MAX_RECIPIENTS) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `"options.recipients": at most ${MAX_RECIPIENTS} recipients, got ${list.length}`,
    );
  }
  if (cache !== undefined && !isDataKeyCache(cache)) {
    invalidArgument('options.cache', 'a DataKeyCache', cache);
  }
  const sealers = list.map((r, i) =>
    sealerFor(r, list.length === 1 ? 'options.recipients' : `options.recipients[${i}]`),
  );
  return { sealers, context: bindContext(context), ...(cache ? { cache } : {}) };
}

/** Wraps `dek` for every sealer; awaits only when a provider is asynchronous. */
export function wrapAll(
  sealers: readonly Sealer[],
  dek: Uint8Array,
  context: BoundContext,
): Stanza[] | Promise<Stanza[]> {
  const stanzas = sealers.map((s) => s.wrap(dek, context));
  return stanzas.some((s) => s instanceof Promise) ? Promise.all(stanzas) : (stanzas as Stanza[]);
}

/** A new header with its payload key. */
export interface NewHeader {
  readonly bytes: Uint8Array;
  readonly fixed: Uint8Array;
  readonly key: Uint8Array;
}

function finish(
  plan: Plan,
  mode: number,
  chunkSize: number,
  dek: Uint8Array,
  salt: Uint8Array,
  stanzas: readonly Stanza[],
  fresh: boolean,
): NewHeader {
  const fixed = buildFixed(mode, chunkSize, salt);
  const { key, macKey } = derivePayloadKeys(dek, fixed, plan.context.bytes);
  if (fresh) dek.fill(0);
  return { bytes: finishHeader(encodeHeader(fixed, stanzas), macKey), fixed, key };
}

/** Writes the MAC into the last MAC_LENGTH bytes of an encoded header. */
export function finishHeader(header: Uint8Array, macKey: Uint8Array): Uint8Array {
  header.set(
    headerMac(macKey, header.subarray(0, header.length - MAC_LENGTH)),
    header.length - MAC_LENGTH,
  );
  macKey.fill(0);
  return header;
}

/** Builds a header; synchronous unless a provider is asynchronous. */
export function newHeader(
  plan: Plan,
  mode: number,
  chunkSize: number,
): NewHeader | Promise<NewHeader> {
  if (plan.cache) return cachedHeader(plan, plan.cache, mode, chunkSize);
  // The data key and the salt in one draw (a CSPRNG call costs more than the AES-KW).
  const fresh = randomBytesPooled(DEK_LENGTH + SALT_LENGTH);
  const dek = fresh.subarray(0, DEK_LENGTH);
  const salt = fresh.subarray(DEK_LENGTH);
  const stanzas = wrapOrWipe(plan, dek);
  if (stanzas instanceof Promise) {
    return stanzas.then((s) => finish(plan, mode, chunkSize, dek, salt, s, true));
  }
  return finish(plan, mode, chunkSize, dek, salt, stanzas, true);
}

/** {@link wrapAll}, wiping the data key when wrapping fails. */
function wrapOrWipe(plan: Plan, dek: Uint8Array): Stanza[] | Promise<Stanza[]> {
  let stanzas: Stanza[] | Promise<Stanza[]>;
  try {
    stanzas = wrapAll(plan.sealers, dek, plan.context);
  } catch (err) {
    dek.fill(0);
    throw err;
  }
  if (!(stanzas instanceof Promise)) return stanzas;
  return stanzas.catch((err: unknown) => {
    dek.fill(0);
    throw err;
  });
}

/** A header whose data key comes from (or goes into) the data-key cache. */
function cachedHeader(
  plan: Plan,
  cache: DataKeyCache,
  mode: number,
  chunkSize: number,
): NewHeader | Promise<NewHeader> {
  const cacheId = `${plan.sealers.map((s) => s.cacheKey).join('|')}#${hexEncode(plan.context.bytes)}`;
  const hit = takeDataKey(cache, cacheId, Date.now());
  if (hit) {
    const salt = randomBytesPooled(SALT_LENGTH);
    return finish(plan, mode, chunkSize, hit.dek, salt, hit.stanzas, false);
  }
  const fresh = randomBytesPooled(DEK_LENGTH + SALT_LENGTH);
  const dek = fresh.subarray(0, DEK_LENGTH);
  const salt = fresh.subarray(DEK_LENGTH);
  const done = (stanzas: Stanza[]): NewHeader => {
    putDataKey(cache, cacheId, dek, stanzas, Date.now());
    return finish(plan, mode, chunkSize, dek, salt, stanzas, true);
  };
  const stanzas = wrapOrWipe(plan, dek);
  return stanzas instanceof Promise ? stanzas.then(done) : done(stanzas);
}

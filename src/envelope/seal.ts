/**
 * seal, open and rewrap: whole envelopes in memory. For large data use the streams
 * (stream.ts), which write the same header and read the same format.
 */
import { assertObject, invalidArgument } from '../assert.js';
import { utf8Encode } from '../bytes.js';
import { AuthenticationError, InvalidInputError } from '../errors.js';
import { bindContext, type EncryptionContext } from './context.js';
import { encodeHeader, type Header, parseHeader, type Stanza } from './format.js';
import { finishHeader, newHeader, planSeal, type SealOptions, wrapAll } from './header.js';
import { MAX_RECIPIENTS, MODE_ONE_SHOT, TAG_LENGTH } from './limits.js';
import { openChunk, sealChunkInto } from './payload.js';
import { addressedTo, type Recipient, sealerFor } from './recipients.js';
import { unwrapHeader } from './unwrap.js';

/**
 * Options of {@link open}.
 *
 * @example
 * ```ts
 * import { type OpenOptions, open, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const server = Keyring.generate('X25519');
 * const envelope = await seal('hi', { recipients: server.publicKeyring(), context: { user: '42' } });
 * const options: OpenOptions = { recipient: server, context: { user: '42' } }; // the private keyring
 * await open(envelope, options);
 * ```
 */
export interface OpenOptions {
  /** A Keyring or Key holding one of the recipients' keys (private for HPKE), or a KeyProvider. */
  recipient: Recipient;
  /** The encryption context given to seal; a different one fails with ERR_AUTH_FAILED. */
  context?: EncryptionContext;
}

/**
 * Options of {@link rewrap}.
 *
 * @example
 * ```ts
 * import { open, type RewrapOptions, rewrap, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const oldKek = Keyring.generate('A256KW');
 * const newKek = Keyring.generate('A256KW');
 * const envelope = await seal('x', { recipients: oldKek });
 * const move: RewrapOptions = { from: oldKek, to: newKek, removeFrom: true };
 * const moved = await rewrap(envelope, move);
 * await open(moved, { recipient: newKek }); // oldKek can no longer open it
 * ```
 */
export interface RewrapOptions {
  /** A recipient that can open the envelope now. */
  from: Recipient;
  /** Recipients to wrap the data key for; their old stanzas (same key ids) are replaced. */
  to: Recipient | readonly Recipient[];
  /** The envelope's encryption context. */
  context?: EncryptionContext;
  /** Also drop the stanzas addressed to `from` (moving the envelope to another KEK). */
  removeFrom?: boolean;
}

function toBytes(value: unknown, name: string): Uint8Array {
  if (typeof value === 'string') return utf8Encode(value);
  if (!(value instanceof Uint8Array)) invalidArgument(name, 'Uint8Array or string', value);
  return value;
}

function parseWhole(envelope: unknown): Header {
  if (!(envelope instanceof Uint8Array)) invalidArgument('envelope', 'Uint8Array', envelope);
  const header = parseHeader(envelope);
  if ('need' in header) {
    throw new InvalidInputError('ERR_INVALID_FORMAT', 'envelope: truncated header');
  }
  return header;
}

/**
 * Encrypts `plaintext` under a fresh 256-bit data key and wraps that key for each
 * recipient. The result carries a versioned header (recipients' key ids and wrapped keys,
 * authenticated by a MAC that commits to the data key) and the AES-256-GCM payload; the
 * context is bound but not stored.
 *
 * @param plaintext - bytes, or a string (encoded as UTF-8)
 * @param options - `recipients` (1 to 64), `context`, `cache`
 * @returns the envelope
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT / ERR_LIMIT_EXCEEDED for bad options
 * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE for a key that cannot receive envelopes
 * @throws {@link cachet!ProviderError} ERR_PROVIDER when a key provider fails
 * @example
 * ```ts
 * import { open, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const kek = Keyring.generate('A256KW');
 * const envelope = await seal('hello', { recipients: kek, context: { bucket: 'invoices' } });
 * const plaintext = await open(envelope, { recipient: kek, context: { bucket: 'invoices' } });
 * ```
 */
export async function seal(
  plaintext: Uint8Array | string,
  options: SealOptions,
): Promise<Uint8Array> {
  const data = toBytes(plaintext, 'plaintext');
  const plan = planSeal(options);
  const made = newHeader(plan, MODE_ONE_SHOT, 0);
  const { bytes, fixed, key } = made instanceof Promise ? await made : made;
  // header ‖ ciphertext ‖ tag, the payload sealed straight into its place.
  const out = new Uint8Array(bytes.length + data.length + TAG_LENGTH);
  out.set(bytes);
  try {
    sealChunkInto(key, fixed, 0, true, data, out, bytes.length);
  } finally {
    key.fill(0);
  }
  return out;
}

/**
 * Opens an envelope made by {@link seal} or by `encryptStream` (read whole into memory).
 *
 * @param envelope - the envelope bytes
 * @param options - `recipient` and the same `context` as when sealing
 * @returns the plaintext
 * @throws {@link cachet!AuthenticationError} ERR_AUTH_FAILED for altered data, a wrong key or context
 * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND when no stanza is addressed to the recipient
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT / ERR_LIMIT_EXCEEDED for a malformed header
 * @throws {@link cachet!UnsupportedError} for an unknown version or payload mode
 * @example
 * ```ts
 * import { open, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const privateKeyring = Keyring.generate('ES256'); // HPKE with P-256
 * const envelope = await seal('hi', { recipients: privateKeyring.publicKeyring(), context: { user: '42' } });
 * const plaintext = await open(envelope, { recipient: privateKeyring, context: { user: '42' } });
 * console.log(new TextDecoder().decode(plaintext)); // 'hi'
 * ```
 */
export async function open(envelope: Uint8Array, options: OpenOptions): Promise<Uint8Array> {
  assertObject(options, 'options');
  const header = parseWhole(envelope);
  const context = bindContext(options.context);
  const { dek, key, macKey } = await unwrapHeader(
    options.recipient,
    'options.recipient',
    header,
    context,
  );
  dek.fill(0);
  macKey.fill(0);
  const fixed = header.fixed;
  try {
    const payload = envelope.subarray(header.length);
    if (header.mode === MODE_ONE_SHOT) {
      const plaintext = openChunk(key, fixed, 0, true, payload);
      if (!plaintext) throw new AuthenticationError();
      return plaintext;
    }
    return openChunks(key, fixed, header.chunkSize, payload);
  } finally {
    key.fill(0);
  }
}

function openChunks(
  key: Uint8Array,
  fixed: Uint8Array,
  chunkSize: number,
  payload: Uint8Array,
): Uint8Array {
  const sealedSize = chunkSize + TAG_LENGTH;
  // Every chunk but the last is full; the last holds 0..chunkSize bytes of plaintext.
  if (payload.length < TAG_LENGTH) throw new AuthenticationError();
  const count = Math.max(1, Math.ceil(payload.length / sealedSize));
  const out = new Uint8Array(payload.length - count * TAG_LENGTH);
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const sealed = payload.subarray(i * sealedSize, last ? payload.length : (i + 1) * sealedSize);
    const plaintext = openChunk(key, fixed, i, last, sealed);
    if (!plaintext) throw new AuthenticationError();
    out.set(plaintext, i * chunkSize);
  }
  return out;
}

/**
 * Re-wraps an envelope's data key without touching its payload: add recipients, or rotate
 * a KEK (wrap for the keyring's new primary; the stanza of the old key id is replaced).
 * The data key is checked against the header MAC and context first, and the new header
 * gets a new MAC.
 *
 * @param envelope - the envelope (one-shot or stream)
 * @param options - `from`, `to`, `context`, `removeFrom`
 * @returns the new envelope (same payload bytes)
 * @throws {@link cachet!AuthenticationError} ERR_AUTH_FAILED when `from` cannot open it with this context
 * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND when no stanza is addressed to `from`
 * @throws {@link cachet!InvalidInputError} ERR_LIMIT_EXCEEDED past 64 recipients
 * @example
 * ```ts
 * import { open, rewrap, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const kek = Keyring.generate('A256KW');
 * const envelope = await seal('invoice', { recipients: kek });
 * const oldId = kek.primary.id;
 * kek.rotate();
 * const updated = await rewrap(envelope, { from: kek, to: kek, removeFrom: true }); // new primary only
 * kek.remove(oldId);
 * await open(updated, { recipient: kek });
 * ```
 */
export async function rewrap(envelope: Uint8Array, options: RewrapOptions): Promise<Uint8Array> {
  assertObject(options, 'options');
  const header = parseWhole(envelope);
  const context = bindContext(options.context);
  const list = Array.isArray(options.to) ? options.to : [options.to];
  if (list.length === 0) invalidArgument('options.to', 'at least one recipient', options.to);
  const sealers = list.map((r, i) => sealerFor(r, `options.to[${i}]`));
  const { dek, key, macKey } = await unwrapHeader(options.from, 'options.from', header, context);
  key.fill(0);
  let added: Stanza[];
  try {
    const wrapped = wrapAll(sealers, dek, context);
    added = wrapped instanceof Promise ? await wrapped : wrapped;
  } finally {
    dek.fill(0);
  }
  const kept = header.stanzas.filter(
    (s) =>
      !list.some((r, i) => addressedTo(r, `options.to[${i}]`, s)) &&
      !(options.removeFrom === true && addressedTo(options.from, 'options.from', s)),
  );
  const stanzas = [...kept, ...added];
  if (stanzas.length > MAX_RECIPIENTS) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `rewrap: the envelope would have ${stanzas.length} recipients; at most ${MAX_RECIPIENTS}`,
    );
  }
  const head = finishHeader(encodeHeader(header.fixed, stanzas), macKey);
  const payload = envelope.subarray(header.length);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

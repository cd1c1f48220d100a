/**
 * Streaming envelopes: Web TransformStreams that encrypt and decrypt chunk by chunk with
 * the STREAM construction of payload.ts. Memory stays bounded by one chunk (plus the
 * header, whose fields are all capped in limits.ts). Decryption releases a chunk's plaintext only
 * after that chunk authenticates, and the last chunk is known by its flag, so truncation,
 * reordering, duplication and splicing between envelopes all fail with ERR_AUTH_FAILED.
 * Plaintext already released before a failure is authentic but incomplete: consumers must
 * treat the stream as failed (the file helpers delete their output).
 */
import { assertInteger, assertObject, invalidArgument } from '../assert.js';
import { AuthenticationError, InvalidInputError } from '../errors.js';
import { bindContext } from './context.js';
import { type Header, parseHeader } from './format.js';
import { newHeader, planSeal, type SealOptions } from './header.js';
import { DEFAULT_CHUNK, MAX_CHUNK, MIN_CHUNK, MODE_STREAM, TAG_LENGTH } from './limits.js';
import { openChunk, sealChunkSplit } from './payload.js';
import type { OpenOptions } from './seal.js';
import { unwrapHeader } from './unwrap.js';

/**
 * Options of {@link encryptStream}.
 *
 * @example
 * ```ts
 * import { type EncryptStreamOptions, encryptStream } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const options: EncryptStreamOptions = {
 *   recipients: Keyring.generate('X25519').publicKeyring(),
 *   context: { path: 'backups/2025-01-01.tar' },
 *   chunkSize: 1024 * 1024, // 1 MiB chunks: fewer tags for very large files
 * };
 * const encrypt = encryptStream(options);
 * ```
 */
export interface EncryptStreamOptions extends SealOptions {
  /** Plaintext bytes per chunk: 64 B to 16 MiB, default 64 KiB. */
  chunkSize?: number;
}

/**
 * Options of {@link decryptStream}: the same as {@link open}'s.
 *
 * @example
 * ```ts
 * import { type DecryptStreamOptions, decryptStream } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const server = Keyring.generate('X25519');
 * const options: DecryptStreamOptions = { recipient: server, context: { path: 'backups/2025-01-01.tar' } };
 * const decrypt = decryptStream(options);
 * ```
 */
export type DecryptStreamOptions = OpenOptions;

function checkChunk(chunk: unknown): Uint8Array {
  if (!(chunk instanceof Uint8Array)) invalidArgument('stream chunk', 'Uint8Array', chunk);
  return chunk;
}

/**
 * A TransformStream that turns plaintext bytes into a streaming envelope: the header
 * first, then one sealed chunk per `chunkSize` bytes of input. Data keys are wrapped when
 * the stream starts (providers are awaited then).
 *
 * @param options - `recipients`, `context`, `cache`, `chunkSize`
 * @returns the transform (write plaintext, read the envelope)
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options (thrown at once)
 * @example
 * ```ts
 * import { encryptStream } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const serverPublicKeyring = Keyring.generate('X25519').publicKeyring(); // fetched from the server
 * const file = new Blob(['a large file']); // in a browser: a File from <input type="file">
 * const encrypted = file.stream().pipeThrough(encryptStream({ recipients: serverPublicKeyring }));
 * // Upload while encrypting: fetch(url, { method: 'POST', body: encrypted, duplex: 'half' })
 * const envelope = new Uint8Array(await new Response(encrypted).arrayBuffer());
 * ```
 */
export function encryptStream(
  options: EncryptStreamOptions,
): TransformStream<Uint8Array, Uint8Array> {
  const plan = planSeal(options);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  assertInteger(chunkSize, 'options.chunkSize', MIN_CHUNK, MAX_CHUNK);
  const buffer = new Uint8Array(chunkSize);
  let filled = 0;
  let index = 0;
  let key: Uint8Array;
  let fixed: Uint8Array;
  return new TransformStream<Uint8Array, Uint8Array>({
    async start(controller) {
      const made = newHeader(plan, MODE_STREAM, chunkSize);
      const header = made instanceof Promise ? await made : made;
      key = header.key;
      fixed = header.fixed;
      controller.enqueue(header.bytes);
    },
    transform(chunk, controller) {
      const data = checkChunk(chunk);
      let offset = 0;
      while (offset < data.length) {
        // A full buffer is sealed only once more input exists: the final chunk may be full.
        if (filled === chunkSize) {
          emit(controller, sealChunkSplit(key, fixed, index++, false, buffer));
          filled = 0;
        }
        const n = Math.min(chunkSize - filled, data.length - offset);
        buffer.set(data.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
      }
    },
    flush(controller) {
      emit(controller, sealChunkSplit(key, fixed, index, true, buffer.subarray(0, filled)));
      key.fill(0);
      buffer.fill(0);
    },
  });
}

/**
 * Writes a sealed chunk as two pieces, ciphertext then tag: readers see the same bytes,
 * and OpenSSL's output is passed on without a copy into a joined array.
 */
function emit(
  controller: TransformStreamDefaultController<Uint8Array>,
  [ciphertext, tag]: [Uint8Array, Uint8Array],
): void {
  if (ciphertext.length > 0) controller.enqueue(ciphertext);
  controller.enqueue(tag);
}

/** Collects input until `need` bytes are there, without quadratic copying. */
class Accumulator {
  #parts: Uint8Array[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(part: Uint8Array): void {
    if (part.length > 0) {
      this.#parts.push(part);
      this.#length += part.length;
    }
  }

  /** Everything collected as one array (which then becomes the only part). */
  join(): Uint8Array {
    if (this.#parts.length !== 1) {
      const all = new Uint8Array(this.#length);
      let offset = 0;
      for (const part of this.#parts) {
        all.set(part, offset);
        offset += part.length;
      }
      this.#parts = [all];
    }
    return this.#parts[0] ?? new Uint8Array(0);
  }
}

/**
 * A TransformStream that reads a streaming envelope and yields its plaintext chunk by
 * chunk, each released only after it authenticates. The stream errors with
 * ERR_AUTH_FAILED on any alteration, truncation, reordering or extension.
 *
 * @param options - `recipient` and the `context` used when encrypting
 * @returns the transform (write the envelope, read plaintext)
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options (thrown at once)
 * @example
 * ```ts
 * import { decryptStream, encryptStream } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const privateKeyring = Keyring.generate('X25519');
 * const upload = new Blob(['a large file'])
 *   .stream()
 *   .pipeThrough(encryptStream({ recipients: privateKeyring.publicKeyring() }));
 * // On the server the source is the request body: request.body!.pipeThrough(...)
 * const plaintext = upload.pipeThrough(decryptStream({ recipient: privateKeyring }));
 * console.log(await new Response(plaintext).text()); // 'a large file'
 * ```
 */
export function decryptStream(
  options: DecryptStreamOptions,
): TransformStream<Uint8Array, Uint8Array> {
  assertObject(options, 'options');
  const context = bindContext(options.context);
  const recipient = options.recipient;
  const pending = new Accumulator();
  let need = 6;
  let header: Header | undefined;
  let key: Uint8Array;
  let sealedSize = 0;
  let buffer: Uint8Array;
  let filled = 0;
  let index = 0;

  function open(sealed: Uint8Array, last: boolean): Uint8Array {
    const plaintext = openChunk(key, header!.fixed, index++, last, sealed);
    if (!plaintext) throw new AuthenticationError();
    return plaintext;
  }

  async function readHeader(
    controller: TransformStreamDefaultController<Uint8Array>,
  ): Promise<void> {
    while (!header && pending.length >= need) {
      const bytes = pending.join();
      const parsed = parseHeader(bytes);
      if ('need' in parsed) {
        need = parsed.need; // each field is capped, so the header is at most ~147 KB
        continue;
      }
      if (parsed.mode !== MODE_STREAM) {
        throw new InvalidInputError(
          'ERR_INVALID_FORMAT',
          'envelope: this is a one-shot envelope; open it with open(), not decryptStream()',
        );
      }
      header = parsed;
      const unwrapped = await unwrapHeader(recipient, 'options.recipient', parsed, context);
      unwrapped.dek.fill(0);
      unwrapped.macKey.fill(0);
      key = unwrapped.key;
      sealedSize = parsed.chunkSize + TAG_LENGTH;
      buffer = new Uint8Array(sealedSize);
      feed(bytes.subarray(parsed.length), controller);
    }
  }

  function feed(data: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>): void {
    let offset = 0;
    while (offset < data.length) {
      // A full chunk is opened as non-final only when more bytes follow it.
      if (filled === sealedSize) {
        controller.enqueue(open(buffer, false));
        filled = 0;
      }
      const n = Math.min(sealedSize - filled, data.length - offset);
      buffer.set(data.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
    }
  }

  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      const data = checkChunk(chunk);
      if (header) return feed(data, controller);
      pending.push(data.slice());
      await readHeader(controller);
    },
    flush(controller) {
      if (!header) {
        throw new InvalidInputError(
          'ERR_INVALID_FORMAT',
          'envelope: the stream ended inside the header',
        );
      }
      controller.enqueue(open(buffer.subarray(0, filled), true));
      key.fill(0);
    },
  });
}

/**
 * File helpers for Node: stream a file through encryptStream/decryptStream. Output goes to
 * a temporary file beside the destination and is renamed into place only when the whole
 * stream succeeded, so a failed decryption never leaves partial plaintext at `output`.
 */

import { assertString } from '../assert.js';
import { randomBytes } from '../backend/random.js';
import { hexEncode } from '../bytes.js';
import { UnsupportedError } from '../errors.js';
import {
  type DecryptStreamOptions,
  decryptStream,
  type EncryptStreamOptions,
  encryptStream,
} from './stream.js';

interface NodeFs {
  createReadStream(path: string): unknown;
  createWriteStream(path: string, options: { flags: 'wx'; mode: number }): unknown;
  promises: {
    rename(from: string, to: string): Promise<void>;
    rm(path: string, options: { force: boolean }): Promise<void>;
  };
}
interface NodeStream {
  Readable: { toWeb(stream: unknown): ReadableStream<Uint8Array> };
  Writable: { toWeb(stream: unknown): WritableStream<Uint8Array> };
}

function builtins(): { fs: NodeFs; stream: NodeStream } {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (!get) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      'encryptFile/decryptFile need Node (>= 20.16); use encryptStream/decryptStream elsewhere',
    );
  }
  return { fs: get('node:fs') as NodeFs, stream: get('node:stream') as NodeStream };
}

async function pipeFile(
  input: string,
  output: string,
  transform: TransformStream<Uint8Array, Uint8Array>,
): Promise<void> {
  const { fs, stream } = builtins();
  const temp = `${output}.${hexEncode(randomBytes(6))}.partial`;
  try {
    const source = stream.Readable.toWeb(fs.createReadStream(input));
    // 0o600: the partial file may hold plaintext; `wx` never follows an existing path.
    const sink = stream.Writable.toWeb(fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    await source.pipeThrough(transform).pipeTo(sink);
    await fs.promises.rename(temp, output);
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}

/**
 * Encrypts a file into a streaming envelope (Node only), in bounded memory.
 *
 * @param input - path of the plaintext file
 * @param output - path of the envelope to write (replaced only on success)
 * @param options - as for encryptStream
 * @returns when the envelope is complete on disk
 * @throws {@link cachet!InvalidInputError} for bad options; file-system errors pass through
 * @throws {@link cachet!UnsupportedError} outside Node
 * @example
 * ```ts
 * import { encryptFile } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const { writeFile } = process.getBuiltinModule('node:fs/promises');
 * const { tmpdir } = process.getBuiltinModule('node:os');
 * const { join } = process.getBuiltinModule('node:path');
 * const server = Keyring.generate('X25519');
 * const path = join(tmpdir(), `report-${Date.now()}.txt`);
 * await writeFile(path, 'quarterly report');
 * await encryptFile(path, `${path}.cenv`, { recipients: server.publicKeyring() });
 * ```
 */
export async function encryptFile(
  input: string,
  output: string,
  options: EncryptStreamOptions,
): Promise<void> {
  assertString(input, 'input');
  assertString(output, 'output');
  await pipeFile(input, output, encryptStream(options));
}

/**
 * Decrypts a streaming envelope file (Node only). `output` appears only if every chunk
 * authenticated; otherwise it is left untouched and the error is thrown.
 *
 * @param input - path of the envelope
 * @param output - path of the plaintext to write
 * @param options - as for decryptStream
 * @returns when the plaintext is complete on disk
 * @throws {@link cachet!AuthenticationError} ERR_AUTH_FAILED for an altered or truncated file
 * @throws {@link cachet!UnsupportedError} outside Node
 * @example
 * ```ts
 * import { decryptFile, encryptFile } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const { readFile, writeFile } = process.getBuiltinModule('node:fs/promises');
 * const { tmpdir } = process.getBuiltinModule('node:os');
 * const { join } = process.getBuiltinModule('node:path');
 * const server = Keyring.generate('X25519');
 * const path = join(tmpdir(), `report-${Date.now()}.txt`);
 * await writeFile(path, 'quarterly report');
 * await encryptFile(path, `${path}.cenv`, { recipients: server.publicKeyring() });
 * await decryptFile(`${path}.cenv`, `${path}.out`, { recipient: server });
 * console.log(await readFile(`${path}.out`, 'utf8')); // 'quarterly report'
 * ```
 */
export async function decryptFile(
  input: string,
  output: string,
  options: DecryptStreamOptions,
): Promise<void> {
  assertString(input, 'input');
  assertString(output, 'output');
  await pipeFile(input, output, decryptStream(options));
}

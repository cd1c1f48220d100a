// Input and output byte streams for the file commands: a file or stdin in, a file (written
// beside its destination and renamed into place only on success) or stdout out.

import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  fstatSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { tempBeside } from './io.js';
import { InputError } from './usage.js';

/** A readable input and its size when known (regular files). */
export interface Input {
  stream: ReadableStream<Uint8Array>;
  size: number | undefined;
}

/** Opens a file, or stdin when `path` is '-' or absent. */
export function openInput(path: string | undefined): Input {
  if (path === undefined || path === '-') {
    const stat = fstatSync(0);
    return {
      stream: Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>,
      size: stat.isFile() ? stat.size : undefined,
    };
  }
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
  if (stat.isDirectory()) throw new InputError(`cannot read ${path}: it is a directory`);
  return {
    stream: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    size: stat.isFile() ? stat.size : undefined,
  };
}

/**
 * Pipes `source` through `transforms` into a file or stdout. A file appears at `path` only
 * when the whole pipeline succeeded; on failure the partial file is deleted. `secret`
 * output (plaintext) gets mode 0600.
 */
export async function pipeToOutput(
  source: ReadableStream<Uint8Array>,
  transforms: TransformStream<Uint8Array, Uint8Array>[],
  path: string | undefined,
  secret: boolean,
): Promise<void> {
  const stream = transforms.reduce((s, t) => s.pipeThrough(t), source);
  if (path === undefined || path === '-') {
    await stream.pipeTo(stdoutSink());
    return;
  }
  const temp = tempBeside(path);
  const file = createWriteStream(temp, { flags: 'wx', mode: secret ? 0o600 : 0o666 });
  const closed = once(file, 'close').catch(() => undefined);
  try {
    await stream.pipeTo(Writable.toWeb(file) as WritableStream<Uint8Array>);
    renameSync(temp, path);
  } catch (err) {
    // The file may still be opening or flushing: remove it only once it is closed.
    file.destroy();
    await closed;
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * stdout as a WritableStream with backpressure. (Writable.toWeb would destroy stdout with
 * the pipeline's error on abort, turning a failed decryption into an unhandled error.)
 */
function stdoutSink(): WritableStream<Uint8Array> {
  return new WritableStream({
    async write(chunk) {
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    },
  });
}

/** A pass-through stream that counts the bytes going through it. */
export function counter(): {
  stream: TransformStream<Uint8Array, Uint8Array>;
  bytes: () => number;
} {
  let n = 0;
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      n += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, bytes: () => n };
}

/** Reads a whole stream into memory. */
export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Reads the first `n` bytes of a stream without losing them: returns them (fewer if the
 * stream is shorter) and a stream that yields everything, those bytes included.
 */
export async function peek(
  stream: ReadableStream<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const buffered: Uint8Array[] = [];
  let length = 0;
  while (length < n) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered.push(value);
    length += value.length;
  }
  const head = new Uint8Array(Math.min(n, length));
  let offset = 0;
  for (const part of buffered) {
    if (offset >= head.length) break;
    head.set(part.subarray(0, head.length - offset), offset);
    offset += Math.min(part.length, head.length - offset);
  }
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of buffered) controller.enqueue(part);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head, stream: rest };
}

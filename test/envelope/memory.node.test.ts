// Memory stays bounded: 1 GiB (generated, never stored) is encrypted and decrypted through
// the streams with resident memory growth under 64 MiB, and the output checked by a
// running hash against the input's.
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { decryptStream, encryptStream } from '../../src/envelope/index.js';
import { Keyring } from '../../src/keys/index.js';

// GC-friendly: a full collection every 64 MiB, so RSS shows live memory rather than
// garbage V8 has not collected yet (a leak or unbounded buffering would still show).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TOTAL = 1024 * 1024 * 1024;
const PIECE = 64 * 1024;

it('encrypts and decrypts 1 GiB with RSS growth under 64 MiB', { timeout: 600_000 }, async () => {
  const kek = Keyring.generate('A256GCM');
  const block = new Uint8Array(PIECE);
  let produced = 0;
  const inHash = createHash('sha256');
  const source = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced >= TOTAL) return controller.close();
        // Distinct content per piece so reordering would show in the hash.
        new DataView(block.buffer).setUint32(0, produced / PIECE);
        const piece = block.slice();
        inHash.update(piece);
        produced += PIECE;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 2 },
  );
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const outHash = createHash('sha256');
  let seen = 0;
  await source
    .pipeThrough(encryptStream({ recipients: kek, context: { test: 'memory' } }))
    .pipeThrough(decryptStream({ recipient: kek, context: { test: 'memory' } }))
    .pipeTo(
      new WritableStream({
        write(chunk) {
          outHash.update(chunk);
          seen += chunk.length;
          if ((seen & (1024 * PIECE - 1)) < chunk.length) {
            // Collect first, as the header says: what is measured is what the streams hold.
            gc();
            peak = Math.max(peak, process.memoryUsage().rss);
          }
        },
      }),
    );
  gc();
  peak = Math.max(peak, process.memoryUsage().rss);
  expect(seen).toBe(TOTAL);
  expect(outHash.digest('hex')).toBe(inHash.digest('hex'));
  const growth = (peak - before) / 2 ** 20;
  console.info(`1 GiB through encrypt+decrypt streams: RSS growth ${growth.toFixed(1)} MiB`);
  expect(growth).toBeLessThan(64);
});

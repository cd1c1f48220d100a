// encryptStream / decryptStream: round trips under arbitrary chunking, and every
// truncation, reordering, duplication, splice or extension of chunks rejected with a typed
// error; no plaintext of a chunk released before it authenticates.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decryptStream, encryptStream, open, seal } from '../../src/envelope/index.js';
import { AuthenticationError, CachetError } from '../../src/errors.js';
import { Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const CHUNK = 64;

/** Feeds `data` in pieces of the given sizes (cycled) through a transform. */
async function run(
  transform: TransformStream<Uint8Array, Uint8Array>,
  data: Uint8Array,
  pieces: number[] = [data.length || 1],
): Promise<{ out: Uint8Array; chunks: number; error?: unknown }> {
  const readable = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let o = 0, i = 0; o < data.length; i++) {
        const n = Math.max(1, pieces[i % pieces.length]!);
        controller.enqueue(data.slice(o, o + n));
        o += n;
      }
      controller.close();
    },
  });
  const parts: Uint8Array[] = [];
  let error: unknown;
  try {
    const reader = readable.pipeThrough(transform).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (err) {
    error = err;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { out, chunks: parts.length, ...(error === undefined ? {} : { error }) };
}

async function encrypt(
  keyring: Keyring,
  data: Uint8Array,
  context?: Record<string, string>,
): Promise<Uint8Array> {
  return (
    await run(
      encryptStream({ recipients: keyring, chunkSize: CHUNK, ...(context ? { context } : {}) }),
      data,
    )
  ).out;
}

function headerLength(env: Uint8Array): number {
  // fixed 42 ‖ count ‖ one stanza (type, id length, id, body length, body) ‖ MAC 32
  const id = env[45]!;
  const body = (env[46 + id]! << 8) | env[47 + id]!;
  return 48 + id + body + 32;
}

describeEachBackend('envelope streams', () => {
  const kek = Keyring.generate('A256GCM');

  it('round-trips arbitrary data under arbitrary piece sizes, and open() reads the result', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 700 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 }),
        async (data, inPieces, outPieces) => {
          const env = (
            await run(
              encryptStream({ recipients: kek, chunkSize: CHUNK, context: { f: 'x' } }),
              data,
              inPieces,
            )
          ).out;
          const back = await run(
            decryptStream({ recipient: kek, context: { f: 'x' } }),
            env,
            outPieces,
          );
          expect(back.error).toBeUndefined();
          expect(back.out).toEqual(data);
          expect(await open(env, { recipient: kek, context: { f: 'x' } })).toEqual(data);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects truncation, reordering, duplication, extension and splicing of chunks', async () => {
    const data = new Uint8Array(CHUNK * 4 + 10).map((_, i) => i);
    const env = await encrypt(kek, data);
    const h = headerLength(env);
    const S = CHUNK + 16;
    const head = env.subarray(0, h);
    const chunk = (i: number) => env.subarray(h + i * S, Math.min(env.length, h + (i + 1) * S));
    const join = (...parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let offset = 0;
      for (const part of parts) {
        out.set(part, offset);
        offset += part.length;
      }
      return out;
    };
    const other = await encrypt(kek, data);
    const oh = headerLength(other);
    const cases: Record<string, Uint8Array> = {
      'drop the last chunk': join(head, chunk(0), chunk(1), chunk(2), chunk(3)),
      'cut inside the last chunk': env.subarray(0, env.length - 5),
      'cut at a chunk boundary after the header': head,
      'swap two chunks': join(head, chunk(1), chunk(0), chunk(2), chunk(3), chunk(4)),
      'duplicate a chunk': join(head, chunk(0), chunk(0), chunk(1), chunk(2), chunk(3), chunk(4)),
      'append a byte': join(env, Uint8Array.of(0)),
      'append a chunk': join(env, chunk(1)),
      'splice a chunk from another stream': join(
        head,
        chunk(0),
        other.subarray(oh + S, oh + 2 * S),
        chunk(2),
        chunk(3),
        chunk(4),
      ),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const result = await run(decryptStream({ recipient: kek }), bytes, [37]);
      expect(result.error, name).toBeInstanceOf(CachetError);
      await expect(open(bytes, { recipient: kek }), name).rejects.toBeInstanceOf(CachetError);
    }
    const empty = await run(decryptStream({ recipient: kek }), new Uint8Array(0));
    expect(empty.error).toMatchObject({ code: 'ERR_INVALID_FORMAT' });
  });

  it('never releases plaintext of a chunk that does not authenticate', async () => {
    const data = new Uint8Array(CHUNK * 3).fill(1);
    const env = await encrypt(kek, data);
    const h = headerLength(env);
    const firstBad = env.slice();
    firstBad[h + 3]! ^= 1;
    const r1 = await run(decryptStream({ recipient: kek }), firstBad, [5]);
    expect(r1.error).toBeInstanceOf(AuthenticationError);
    expect(r1.out.length).toBe(0);
    const secondBad = env.slice();
    secondBad[h + CHUNK + 16 + 3]! ^= 1;
    const r2 = await run(decryptStream({ recipient: kek }), secondBad);
    expect(r2.error).toBeInstanceOf(AuthenticationError);
    expect(r2.out.length).toBe(CHUNK); // only the authenticated first chunk
  });

  it('checks context and recipients, and refuses one-shot envelopes', async () => {
    const env = await encrypt(kek, new Uint8Array(10), { a: '1' });
    expect(
      (await run(decryptStream({ recipient: kek, context: { a: '2' } }), env)).error,
    ).toBeInstanceOf(AuthenticationError);
    expect(
      (await run(decryptStream({ recipient: Keyring.generate('A256GCM') }), env)).error,
    ).toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    });
    const oneShot = await seal('x', { recipients: kek });
    expect((await run(decryptStream({ recipient: kek }), oneShot)).error).toMatchObject({
      code: 'ERR_INVALID_FORMAT',
    });
    expect(() => encryptStream({ recipients: kek, chunkSize: 10 })).toThrow(CachetError);
    expect(() => encryptStream({ recipients: [] })).toThrow(CachetError);
    const t = encryptStream({ recipients: kek });
    const draining = new Response(t.readable).arrayBuffer().catch((e: unknown) => e);
    await expect(t.writable.getWriter().write('text' as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await draining;
  });
});

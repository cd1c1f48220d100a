// seal / open / rewrap: round trips for arbitrary payloads, contexts and recipient sets;
// every altered, truncated or extended envelope rejected with a typed error; hostile
// headers failing fast; keyring rotation; providers receiving the context.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  DataKeyCache,
  type KeyProvider,
  open,
  type Recipient,
  rewrap,
  seal,
} from '../../src/envelope/index.js';
import {
  AuthenticationError,
  CachetError,
  InvalidInputError,
  KeyError,
  ProviderError,
  UnsupportedError,
} from '../../src/errors.js';
import { Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const kinds = ['A256KW', 'A256GCM', 'X25519', 'ES256'] as const;

/** Recipients for sealing and the keyrings that open them. */
function recipientsOf(keyrings: Keyring[]): Recipient[] {
  return keyrings.map((k) =>
    k.primary.alg === 'X25519' || k.primary.alg === 'ES256' ? k.publicKeyring() : k,
  );
}

const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();
const contextArb = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 20 }).filter(wellFormed),
  fc.string({ maxLength: 40 }).filter(wellFormed),
  { maxKeys: 6 },
);

/** An in-memory provider that wraps with AES-KW-like opacity and records what it saw. */
function memoryProvider(keyId: string): KeyProvider & { seen: Array<Record<string, string>> } {
  const store = new Map<string, Uint8Array>();
  const seen: Array<Record<string, string>> = [];
  return {
    keyId,
    seen,
    async wrapKey(dek, { context, aad }) {
      seen.push({ ...context });
      const handle = crypto.getRandomValues(new Uint8Array(16));
      store.set(Array.from(handle).join(',') + Array.from(aad).join(','), dek.slice());
      return handle;
    },
    async unwrapKey(wrapped, { context, aad }) {
      seen.push({ ...context });
      const dek = store.get(Array.from(wrapped).join(',') + Array.from(aad).join(','));
      if (!dek) throw new AuthenticationError();
      return dek.slice();
    },
  };
}

describeEachBackend('envelope seal/open', () => {
  it('round-trips arbitrary payloads, contexts and recipient sets', async () => {
    const pool = kinds.map((k) => Keyring.generate(k));
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        contextArb,
        fc.subarray([0, 1, 2, 3], { minLength: 1 }),
        async (plaintext, context, picks) => {
          const chosen = picks.map((i) => pool[i]!);
          const env = await seal(plaintext, { recipients: recipientsOf(chosen), context });
          for (const keyring of chosen) {
            expect(await open(env, { recipient: keyring, context })).toEqual(plaintext);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('binds the context: reordered keys are the same context, any change is not', async () => {
    const kek = Keyring.generate('A256GCM');
    const env = await seal('x', { recipients: kek, context: { a: '1', b: '2' } });
    expect(await open(env, { recipient: kek, context: { b: '2', a: '1' } })).toEqual(
      new TextEncoder().encode('x'),
    );
    for (const context of [
      undefined,
      {},
      { a: '1' },
      { a: '1', b: '3' },
      { a: '1', b: '2', c: '' },
      { a: '1', B: '2' },
    ]) {
      await expect(
        open(env, { recipient: kek, ...(context ? { context } : {}) }),
      ).rejects.toBeInstanceOf(AuthenticationError);
    }
  });

  it('every single-byte change, truncation or extension is rejected with a typed error', async () => {
    const keyrings = kinds.map((k) => Keyring.generate(k));
    const env = await seal(new Uint8Array(100).fill(7), {
      recipients: recipientsOf(keyrings),
      context: { t: '1' },
    });
    const opener = keyrings[2]!; // X25519: the last stanzas but one
    for (let i = 0; i < env.length; i++) {
      const bad = env.slice();
      bad[i]! ^= 0x01;
      const err = await open(bad, { recipient: opener, context: { t: '1' } }).catch(
        (e: unknown) => e,
      );
      expect(err, `byte ${i}`).toBeInstanceOf(CachetError);
    }
    for (const length of [0, 3, 41, 43, 44, 100, env.length - 17, env.length - 1]) {
      const err = await open(env.subarray(0, length), {
        recipient: opener,
        context: { t: '1' },
      }).catch((e: unknown) => e);
      expect(err, `length ${length}`).toBeInstanceOf(CachetError);
    }
    const extended = new Uint8Array(env.length + 1);
    extended.set(env);
    await expect(open(extended, { recipient: opener, context: { t: '1' } })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it('fuzz: arbitrary bytes and mutated envelopes give CachetErrors, never a crash or wrong data', async () => {
    const kek = Keyring.generate('A256KW');
    const env = await seal('payload', { recipients: kek });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.tuple(fc.nat(env.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
            const b = env.slice();
            b[i]! ^= x;
            return b;
          }),
        ),
        async (bytes) => {
          const result = await open(bytes, { recipient: kek }).catch((e: unknown) => e);
          expect(result).toBeInstanceOf(CachetError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hostile headers fail fast: thousands of recipients, huge lengths, unknown versions', async () => {
    const kek = Keyring.generate('A256KW');
    const env = await seal('x', { recipients: kek });
    const many = env.slice(0, 60);
    new DataView(many.buffer).setUint16(42, 5000);
    const started = performance.now();
    await expect(open(many, { recipient: kek })).rejects.toMatchObject({
      code: 'ERR_LIMIT_EXCEEDED',
    });
    const huge = env.slice();
    const idLength = huge[45]!;
    new DataView(huge.buffer).setUint16(46 + idLength, 0xffff);
    await expect(open(huge, { recipient: kek })).rejects.toMatchObject({
      code: 'ERR_LIMIT_EXCEEDED',
    });
    const chunk = env.slice();
    new DataView(chunk.buffer).setUint32(6, 0xffffffff);
    await expect(open(chunk, { recipient: kek })).rejects.toMatchObject({
      code: 'ERR_INVALID_FORMAT',
    });
    expect(performance.now() - started).toBeLessThan(500);
    const v2 = env.slice();
    v2[4] = 2;
    await expect(open(v2, { recipient: kek })).rejects.toBeInstanceOf(UnsupportedError);
    const mode = env.slice();
    mode[5] = 9;
    await expect(open(mode, { recipient: kek })).rejects.toMatchObject({
      code: 'ERR_UNSUPPORTED_ALGORITHM',
    });
    await expect(
      open(new TextEncoder().encode('not an envelope at all'), { recipient: kek }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_FORMAT',
    });
  });

  it('refuses bad arguments with clear errors', async () => {
    const kek = Keyring.generate('A256KW');
    const hmacKey = Keyring.generate('HS256');
    await expect(seal('x', { recipients: [] })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(seal('x', { recipients: hmacKey })).rejects.toMatchObject({
      code: 'ERR_WRONG_KEY_TYPE',
    });
    await expect(
      seal('x', { recipients: { key: kek, wrap: 'HPKE-X25519' } }),
    ).rejects.toMatchObject({
      code: 'ERR_WRONG_KEY_TYPE',
    });
    await expect(seal('x', { recipients: Array(65).fill(kek) })).rejects.toMatchObject({
      code: 'ERR_LIMIT_EXCEEDED',
    });
    await expect(seal(42 as never, { recipients: kek })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(seal('x', { recipients: kek, context: { a: 1 } as never })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(seal('x', { recipients: kek, context: { a: '\ud800' } })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    const tooMany = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    await expect(seal('x', { recipients: kek, context: tooMany })).rejects.toMatchObject({
      code: 'ERR_LIMIT_EXCEEDED',
    });
    await expect(
      seal('x', { recipients: kek, context: { k: 'v'.repeat(5000) } }),
    ).rejects.toMatchObject({
      code: 'ERR_LIMIT_EXCEEDED',
    });
  });

  it('finds the right key, reports missing, disabled and public-only keys', async () => {
    const a = Keyring.generate('A256KW');
    const b = Keyring.generate('A256KW');
    const x = Keyring.generate('X25519');
    const env = await seal('x', { recipients: [a, x.publicKeyring()] });
    await expect(open(env, { recipient: b })).rejects.toBeInstanceOf(KeyError);
    await expect(open(env, { recipient: b })).rejects.toMatchObject({ code: 'ERR_KEY_NOT_FOUND' });
    await expect(open(env, { recipient: x.publicKeyring() })).rejects.toMatchObject({
      code: 'ERR_WRONG_KEY_TYPE',
    });
    const old = a.primary.id;
    a.rotate().disable(old);
    await expect(open(env, { recipient: a })).rejects.toMatchObject({ code: 'ERR_KEY_DISABLED' });
    expect(await open(env, { recipient: x.primary })).toEqual(new TextEncoder().encode('x'));
  });

  it('AES-KWP is chosen explicitly and opens only as KWP', async () => {
    const kek = Keyring.generate('A256KW');
    const env = await seal('kwp', { recipients: { key: kek, wrap: 'A256KWP' } });
    expect(env[44]).toBe(0x02);
    expect(await open(env, { recipient: kek })).toEqual(new TextEncoder().encode('kwp'));
    // Relabelling the stanza as AES-KW makes the integrity check of RFC 3394 fail.
    const relabelled = env.slice();
    relabelled[44] = 0x01;
    await expect(open(relabelled, { recipient: kek })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('rewrap rotates a KEK and adds or removes recipients without touching the payload', async () => {
    const kek = Keyring.generate('A256KW');
    const bob = Keyring.generate('X25519');
    const context = { doc: '7' };
    const env = await seal('secret', { recipients: kek, context });
    const oldId = kek.primary.id;
    kek.rotate();
    const rotated = await rewrap(env, { from: kek, to: kek, context });
    expect(rotated.subarray(rotated.length - 22)).toEqual(env.subarray(env.length - 22));
    kek.remove(oldId);
    expect(await open(rotated, { recipient: kek, context })).toEqual(
      new TextEncoder().encode('secret'),
    );
    await expect(open(env, { recipient: kek, context })).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    });

    const shared = await rewrap(rotated, { from: kek, to: bob.publicKeyring(), context });
    expect(await open(shared, { recipient: bob, context })).toEqual(
      new TextEncoder().encode('secret'),
    );
    expect(await open(shared, { recipient: kek, context })).toEqual(
      new TextEncoder().encode('secret'),
    );
    const moved = await rewrap(shared, {
      from: kek,
      to: bob.publicKeyring(),
      context,
      removeFrom: true,
    });
    await expect(open(moved, { recipient: kek, context })).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    });
    await expect(rewrap(env, { from: bob, to: kek, context })).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    });
    // A wrong context is caught by the commitment even for AES-KW, so nothing is re-wrapped.
    const kw2 = Keyring.generate('A256KW');
    const env2 = await seal('x', { recipients: kw2, context });
    await expect(
      rewrap(env2, { from: kw2, to: bob.publicKeyring(), context: { doc: '8' } }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('a swapped-in stanza for another data key is rejected by the key commitment', async () => {
    const kek = Keyring.generate('A256KW');
    const a = await seal('message A', { recipients: kek });
    const b = await seal('message B', { recipients: kek });
    // Header of A with the stanza (wrapped data key) and header MAC of B.
    const spliced = a.slice();
    spliced.set(b.subarray(44, 44 + 2 + 8 + 2 + 40 + 32), 44);
    await expect(open(spliced, { recipient: kek })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('providers receive the context and the stanza AAD; their failures become ProviderErrors', async () => {
    const provider = memoryProvider('kms:test');
    const env = await seal('via provider', { recipients: provider, context: { tenant: 't' } });
    expect(await open(env, { recipient: provider, context: { tenant: 't' } })).toEqual(
      new TextEncoder().encode('via provider'),
    );
    expect(provider.seen).toEqual([{ tenant: 't' }, { tenant: 't' }]);
    await expect(
      open(env, { recipient: provider, context: { tenant: 'u' } }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    await expect(open(env, { recipient: memoryProvider('kms:other') })).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    });
    const broken: KeyProvider = {
      keyId: 'kms:test',
      wrapKey: async () => {
        throw new Error('network down');
      },
      unwrapKey: async () => {
        throw new Error('network down');
      },
    };
    await expect(seal('x', { recipients: broken })).rejects.toBeInstanceOf(ProviderError);
    await expect(open(env, { recipient: broken, context: { tenant: 't' } })).rejects.toBeInstanceOf(
      ProviderError,
    );
    const liar: KeyProvider = {
      keyId: 'kms:test',
      wrapKey: () => new Uint8Array(0),
      unwrapKey: () => new Uint8Array(3),
    };
    await expect(seal('x', { recipients: liar })).rejects.toBeInstanceOf(ProviderError);
    await expect(open(env, { recipient: liar, context: { tenant: 't' } })).rejects.toBeInstanceOf(
      ProviderError,
    );
  });

  it('caches data keys only when asked, bounded by message count and context', async () => {
    const provider = memoryProvider('kms:cache');
    const cache = new DataKeyCache({ maxMessages: 3, maxAge: 60_000 });
    const envs: Uint8Array[] = [];
    for (let i = 0; i < 4; i++)
      envs.push(await seal(`m${i}`, { recipients: provider, context: { c: '1' }, cache }));
    await seal('other', { recipients: provider, context: { c: '2' }, cache });
    // 1 wrap for m0-m2 (3 messages), 1 for m3, 1 for the other context.
    expect(provider.seen.length).toBe(3);
    for (let i = 0; i < 4; i++) {
      expect(await open(envs[i]!, { recipient: provider, context: { c: '1' } })).toEqual(
        new TextEncoder().encode(`m${i}`),
      );
    }
    // Same data key, but each envelope has its own salt, payload key and commitment.
    expect(envs[0]!.subarray(10, 42)).not.toEqual(envs[1]!.subarray(10, 42));
    await seal('no cache', { recipients: provider, context: { c: '1' } });
    expect(provider.seen.length).toBe(3 + 4 + 1);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(() => new DataKeyCache({ maxAge: 0 })).toThrow(InvalidInputError);
  });
});

// Hostile input: oversized fields, thousands of signatures, huge component and parameter
// lists, nesting, duplicate labels, oversized bodies; all refused with typed errors by
// configurable limits before the work they bound. Then fuzzing: arbitrary and mutated
// Signature-Input / Signature / Content-Digest values and covered header values give a
// CachetError, never a crash, and never a different successful result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import {
  type HttpRequestLike,
  signRequest,
  type VerifiedSignature,
  verifyContentDigest,
  verifyRequest,
} from '../../src/http/index.js';
import { Keyring } from '../../src/keys/index.js';

const keyring = Keyring.generate('HS256');
const base: HttpRequestLike = {
  method: 'POST',
  url: 'https://api.example.com/v1/items?x=1',
  headers: { 'content-type': 'text/plain', 'x-a': 'one' },
  body: 'payload',
};
const now = 1_700_000_000;

function withSignature(
  input: string,
  signature: string,
  extra: Record<string, string> = {},
): HttpRequestLike {
  return {
    ...base,
    headers: { ...(base.headers as object), 'signature-input': input, signature, ...extra },
  };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (!(err instanceof CachetError)) throw err;
    return err.code;
  }
}

describe('cachet/http limits on hostile input', () => {
  const sig = `:${btoa('x'.repeat(32))}:`;
  const keys = keyring;

  it('refuses an oversized field before parsing it', async () => {
    const huge = `sig1=(${'"a" '.repeat(300_000)})`;
    expect(await code(verifyRequest(withSignature(huge, `sig1=${sig}`), { keys }))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
    expect(
      await code(verifyRequest(withSignature('sig1=()', `sig1=:${'A'.repeat(20_000)}:`), { keys })),
    ).toBe('ERR_LIMIT_EXCEEDED');
  });

  it('refuses thousands of signatures, components and parameters', async () => {
    const limits = { maxFieldLength: 50_000_000 };
    const labels = Array.from({ length: 5000 }, (_, i) => `s${i}=()`).join(', ');
    const values = Array.from({ length: 5000 }, (_, i) => `s${i}=${sig}`).join(', ');
    expect(await code(verifyRequest(withSignature(labels, values), { keys, limits }))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
    const components = Array.from({ length: 10_000 }, (_, i) => `"x-${i}"`).join(' ');
    expect(
      await code(
        verifyRequest(withSignature(`sig1=(${components})`, `sig1=${sig}`), { keys, limits }),
      ),
    ).toBe('ERR_LIMIT_EXCEEDED');
    const params = Array.from({ length: 10_000 }, (_, i) => `;p${i}=${i}`).join('');
    expect(
      await code(verifyRequest(withSignature(`sig1=()${params}`, `sig1=${sig}`), { keys, limits })),
    ).toBe('ERR_LIMIT_EXCEEDED');
    const componentParams = Array.from({ length: 10_000 }, (_, i) => `;k${i}`).join('');
    expect(
      await code(
        verifyRequest(withSignature(`sig1=("x-a"${componentParams})`, `sig1=${sig}`), {
          keys,
          limits,
        }),
      ),
    ).toBe('ERR_LIMIT_EXCEEDED');
  });

  it('refuses nesting, duplicate labels and unmatched labels as malformed', async () => {
    expect(
      await code(verifyRequest(withSignature(`sig1=${'('.repeat(5000)}`, `sig1=${sig}`), { keys })),
    ).toBe('ERR_INVALID_FORMAT');
    expect(
      await code(
        verifyRequest(withSignature('sig1=(), sig1=("@method")', `sig1=${sig}`), { keys }),
      ),
    ).toBe('ERR_INVALID_FORMAT');
    expect(await code(verifyRequest(withSignature('sig1=()', `sig2=${sig}`), { keys }))).toBe(
      'ERR_SIGNATURE_MISSING',
    );
    expect(await code(verifyRequest(withSignature('sig1=()', 'sig1=("a")'), { keys }))).toBe(
      'ERR_INVALID_FORMAT',
    );
    expect(await code(verifyRequest(withSignature('sig1="x"', `sig1=${sig}`), { keys }))).toBe(
      'ERR_INVALID_FORMAT',
    );
    expect(
      await code(verifyRequest(withSignature('sig1=(x);created=1', `sig1=${sig}`), { keys })),
    ).toBe('ERR_INVALID_FORMAT');
    expect(
      await code(
        verifyRequest(withSignature('sig1=("@method" "@method");created=1', `sig1=${sig}`), {
          keys,
        }),
      ),
    ).toBe('ERR_INVALID_FORMAT');
    expect(
      await code(verifyRequest(withSignature('sig1=();created="1"', `sig1=${sig}`), { keys })),
    ).toBe('ERR_INVALID_FORMAT');
    expect(
      await code(verifyRequest(withSignature('sig1=("Content-Type")', `sig1=${sig}`), { keys })),
    ).toBe('ERR_INVALID_FORMAT');
    expect(
      await code(
        verifyRequest(withSignature('sig1=();alg="none"', `sig1=${sig}`), { keys, required: [] }),
      ),
    ).toBe('ERR_UNSUPPORTED_ALGORITHM');
  });

  it('refuses oversized bodies and Content-Digest fields', async () => {
    const big = new Request('https://api.example.com/', {
      method: 'POST',
      body: new Uint8Array(2048),
    });
    expect(await code(verifyRequest(big, { keys, limits: { maxBodyBytes: 1024 } }))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
    expect(await code(signRequest(big, { key: keyring, limits: { maxBodyBytes: 1024 } }))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
    expect(() => verifyContentDigest(`sha-256=:${'A'.repeat(100_000)}:`, '')).toThrow(
      expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }),
    );
  });

  it('limits are configurable: a large legitimate signature passes when allowed', async () => {
    const headers = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-h${i}`, `v${i}`]));
    const request = { ...base, headers: { ...(base.headers as object), ...headers } };
    const components = ['@method', '@target-uri', 'content-digest', ...Object.keys(headers)];
    const signed = await signRequest(request, { key: keyring, components });
    expect(await code(verifyRequest(signed, { keys }))).toBe('ERR_LIMIT_EXCEEDED');
    expect(await code(verifyRequest(signed, { keys, limits: { maxComponents: 64 } }))).toBe('ok');
    expect(await code(verifyRequest(signed, { keys, limits: { maxComponents: 0 } }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
  });
});

describe('cachet/http fuzzing', () => {
  const ascii = fc.string({
    unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)),
    maxLength: 80,
  });
  const fragments = fc.constantFrom(
    '(',
    ')',
    '"',
    '"@method"',
    '"content-digest"',
    ';',
    ';created=',
    ';keyid="k"',
    ',',
    ', sig2=()',
    '=',
    ':',
    '::',
    '\\',
    ' ',
    '\t',
    '1',
    '-1',
    '?1',
    ';req',
    ';key="a"',
    ';bs',
    ';sf',
    '@',
    '%"',
  );

  it('arbitrary signature fields give a CachetError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(ascii, ascii, ascii, async (input, signature, digest) => {
        const request = withSignature(input, signature, { 'content-digest': digest });
        const outcome = await code(
          verifyRequest(request, { keys: keyring, required: [], maxAge: null }),
        );
        expect(outcome).not.toBe('ok');
      }),
      { numRuns: 600 },
    );
  });

  it('mutated valid signatures either fail with a CachetError or verify to the same result', async () => {
    const signed = await signRequest(base, {
      key: keyring,
      created: now,
      keyId: 'k',
      components: ['@method', '@target-uri', 'content-digest', 'x-a;bs', 'content-type'],
    });
    const keys = (id: string | undefined) => (id === 'k' ? keyring.primary : undefined);
    const original: VerifiedSignature = await verifyRequest(signed, { keys, now });
    const headers = signed.headers as Record<string, string>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('signature-input', 'signature', 'content-digest', 'x-a', 'content-type'),
        fc.nat(),
        fc.oneof(fragments, fc.constant('')),
        fc.nat({ max: 3 }),
        async (field, at, fragment, cut) => {
          const value = headers[field]!;
          const i = at % (value.length + 1);
          const mutated = value.slice(0, i) + fragment + value.slice(i + cut);
          const request = { ...signed, headers: { ...headers, [field]: mutated } };
          let result: VerifiedSignature;
          try {
            result = await verifyRequest(request, { keys, now });
          } catch (err) {
            expect(err).toBeInstanceOf(CachetError);
            return;
          }
          expect(result).toEqual(original);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('arbitrary covered header values and bodies sign and verify, or are refused as malformed', async () => {
    await fc.assert(
      fc.asyncProperty(ascii, fc.uint8Array({ maxLength: 64 }), async (value, body) => {
        const request = { ...base, headers: { 'x-v': value }, body };
        let signed: HttpRequestLike;
        try {
          signed = await signRequest(request, {
            key: keyring,
            components: ['@method', 'x-v', 'x-v;bs', 'content-digest'],
          });
        } catch (err) {
          // Only line breaks and NUL are refused in values.
          expect(err).toMatchObject({ code: 'ERR_INVALID_FORMAT' });
          expect(value).toMatch(/[\r\n\0]/);
          return;
        }
        expect(
          (await verifyRequest(signed, { keys: keyring, required: [] })).components,
        ).toHaveLength(4);
      }),
      { numRuns: 300 },
    );
  });
});

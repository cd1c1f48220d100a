// Content-Digest (RFC 9530): the examples of RFC 9530 Appendix B, computed and verified on
// both backends; mismatches, unusable algorithms and malformed fields refused.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { contentDigest, signResponse, verifyContentDigest } from '../../src/http/index.js';
import { Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
// Brotli-encoded {"hello": "world"} from RFC 9530 §B.4 and §B.6, shown there in base64.
const brotli = fromBase64('iwiAeyJoZWxsbyI6ICJ3b3JsZCJ9Aw==');

// [content, algorithm, expected field value] from RFC 9530 Appendix B.
const EXAMPLES: Array<[string | Uint8Array, 'sha-256' | 'sha-512', string]> = [
  ['{"hello": "world"}', 'sha-256', 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'],
  [
    '{"hello": "world"}',
    'sha-512',
    'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
  ],
  ['', 'sha-256', 'sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:'],
  ['"hello"', 'sha-256', 'sha-256=:Wqdirjg/u3J688ejbUlApbjECpiUUtIwT8lY/z81Tno=:'],
  [brotli, 'sha-256', 'sha-256=:4REjxQ4yrqUVicfSKYNO/cF9zNj5ANbzgDZt3/h3Qxo=:'],
  [
    brotli,
    'sha-512',
    'sha-512=:pxo7aYzcGI88pnDnoSmAnaOEVys0MABhgvHY9+VI+ElE60jBCwnMPyA/s3NF3ZO5oIWA7lf8ukk+5KJzm3p5og==:',
  ],
  ['{"title": "New Title"}', 'sha-256', 'sha-256=:bWopGGNiZtbVgHsG+I4knzfEJpmmmQHf7RHDXA3o1hQ=:'],
  [
    '{\n  "id": "123",\n  "title": "New Title"\n}',
    'sha-256',
    'sha-256=:yxOAqEeoj+reqygSIsLpT0LhumrNkIds5uLKtmdLyYE=:',
  ],
];

describeEachBackend('Content-Digest (RFC 9530)', () => {
  it('computes every Appendix B example', () => {
    for (const [content, alg, expected] of EXAMPLES) {
      expect(contentDigest(content, alg)).toBe(expected);
      expect(verifyContentDigest(expected, content)).toEqual([alg]);
    }
    expect(contentDigest(null)).toBe(EXAMPLES[2]![2]);
  });

  it('checks every sha-256 and sha-512 member and ignores other algorithms', () => {
    const body = '{"hello": "world"}';
    const both = `${EXAMPLES[0]![2]}, ${EXAMPLES[1]![2]}`;
    expect(verifyContentDigest(both, body)).toEqual(['sha-256', 'sha-512']);
    expect(verifyContentDigest(`md5=:AAAA:, unixsum=3, ${EXAMPLES[0]![2]}`, body)).toEqual([
      'sha-256',
    ]);
    // One wrong member is enough to fail, whatever the others say.
    const wrong512 = `${EXAMPLES[0]![2]}, sha-512=:${btoa('x'.repeat(64))}:`;
    expect(() => verifyContentDigest(wrong512, body)).toThrow(
      expect.objectContaining({ code: 'ERR_DIGEST_MISMATCH' }),
    );
  });

  it('refuses a digest of other content, no usable algorithm, and malformed fields', () => {
    expect(() => verifyContentDigest(EXAMPLES[0]![2], '{"hello": "World"}')).toThrow(
      expect.objectContaining({ code: 'ERR_DIGEST_MISMATCH' }),
    );
    expect(() => verifyContentDigest('md5=:HUXZLQLMuI/KZ5KDcJPcOA==:', 'x')).toThrow(
      expect.objectContaining({
        code: 'ERR_DIGEST_MISMATCH',
        message: expect.stringMatching(/no sha-256 or sha-512/),
      }),
    );
    for (const bad of [
      'sha-256=X48E9q',
      'sha-256=:X48E9q',
      'sha-256=(1 2)',
      'SHA-256=:AA==:',
      '',
    ]) {
      expect(() => verifyContentDigest(bad, 'x'), bad).toThrow(
        expect.objectContaining({
          code: expect.stringMatching(/ERR_INVALID_FORMAT|ERR_DIGEST_MISMATCH/),
        }),
      );
    }
    expect(() => verifyContentDigest(`sha-256=:${'A'.repeat(5000)}:`, 'x')).toThrow(
      expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }),
    );
    expect(() => contentDigest('x', 'md5' as 'sha-256')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => contentDigest({ parsed: true } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_BODY_ALREADY_PARSED' }),
    );
  });

  it('digests a streamed Fetch body read in several chunks (RFC 9530 §B.1)', async () => {
    const streamed = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const part of ['{"hel', 'lo": ', '"world"}']) {
              controller.enqueue(new TextEncoder().encode(part));
            }
            controller.close();
          },
        }),
        { status: 200 },
      );
    const signed = await signResponse(streamed(), {
      key: Keyring.generate('HS256'),
      components: ['@status', 'content-digest'],
    });
    expect(signed.headers.get('content-digest')).toBe(EXAMPLES[0]![2]);
    expect(await signed.text()).toBe('{"hello": "world"}');
  });

  it('round-trips arbitrary content, and any changed byte fails', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 2000 }),
        fc.constantFrom('sha-256', 'sha-512') as fc.Arbitrary<'sha-256' | 'sha-512'>,
        fc.nat(),
        (body, alg, at) => {
          const field = contentDigest(body, alg);
          expect(verifyContentDigest(field, body)).toEqual([alg]);
          const changed = body.slice();
          changed[at % body.length]! ^= 1;
          expect(() => verifyContentDigest(field, changed)).toThrow(/does not match/);
        },
      ),
      { numRuns: 100 },
    );
  });
});

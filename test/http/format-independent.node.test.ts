// The format vectors checked without cachet: Content-Digest recomputed and every signature
// verified over the stored signature base with node:crypto, following docs/formats.md#http.
import * as crypto from 'node:crypto';
import { expect, it } from 'vitest';
import file from '../vectors/http/signatures.json' with { type: 'json' };

const header = (headers: string[][], name: string) =>
  headers.find(([k]) => k!.toLowerCase() === name)?.[1];

for (const v of file.vectors) {
  it(`independently: ${v.name}`, () => {
    const jwk = (file.keys as Record<string, JsonWebKey & { k?: string }>)[v.key]!;
    const headers = v.signedHeaders as string[][];
    const body =
      'response' in v && v.response ? v.response.body : (v.request.body as string | undefined);
    const digest = header(headers, 'content-digest');
    if (digest) {
      const [alg, b64] = /^(sha-256|sha-512)=:(.*):$/.exec(digest)!.slice(1) as [string, string];
      expect(
        crypto
          .createHash(alg.replace('-', ''))
          .update(body ?? '')
          .digest('base64'),
      ).toBe(b64);
    }
    const input = header(headers, 'signature-input')!;
    const label = input.slice(0, input.indexOf('='));
    // The last line of the base is the Signature-Input member without its label.
    expect(v.signatureBase.split('\n').at(-1)).toBe(
      `"@signature-params": ${input.slice(label.length + 1)}`,
    );
    const signature = Buffer.from(/=:(.*):$/.exec(header(headers, 'signature')!)![1]!, 'base64');
    const base = Buffer.from(v.signatureBase, 'utf8');
    if (v.key === 'hmac') {
      const mac = crypto
        .createHmac('sha256', Buffer.from(jwk.k!, 'base64url'))
        .update(base)
        .digest();
      expect(crypto.timingSafeEqual(mac, signature)).toBe(true);
    } else {
      const { d: _d, ...pub } = jwk as JsonWebKey;
      const key = crypto.createPublicKey({ key: pub, format: 'jwk' });
      const hash = v.key === 'ed25519' ? null : v.key === 'es256' ? 'sha256' : 'sha384';
      expect(crypto.verify(hash, base, { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    }
  });
}

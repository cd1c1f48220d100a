// Helpers for proving that secret bytes do not appear in some output: every common text
// encoding of the bytes is searched for.
import { expect } from 'vitest';
import { refBase64, refHex } from '../helpers/reference-codecs.js';

/** The encodings a leak could take: hex (both cases), base64, base64url, decimal lists. */
export function encodingsOf(secret: Uint8Array): string[] {
  const b64 = refBase64(secret);
  return [
    refHex(secret),
    refHex(secret).toUpperCase(),
    b64,
    b64.replace(/=+$/, ''),
    refBase64(secret, true),
    Array.from(secret).join(','),
    Array.from(secret).join(', '),
    Array.from(secret).join(' '),
    // Node prints typed arrays as `Uint8Array(n) [ 1, 2, ... ]`; the first bytes suffice.
    Array.from(secret.subarray(0, 12)).join(', '),
  ];
}

/**
 * Windows long enough that random key material cannot match by chance, short enough to
 * catch a quoted fragment (V8's JSON errors quote about ten characters of their input).
 */
function fragmentsOf(secret: Uint8Array): string[] {
  const out: string[] = [];
  const windows: Array<[string, number]> = [
    [refHex(secret), 12],
    [refBase64(secret), 8],
    [refBase64(secret, true), 8],
  ];
  for (const [text, size] of windows) {
    for (let i = 0; i + size <= text.length; i++) out.push(text.slice(i, i + size));
  }
  return out;
}

/** Fails if any encoding of any secret, or a fragment of one, occurs in `text`. */
export function expectNoSecret(text: string, secrets: Uint8Array[], where: string): void {
  for (const secret of secrets) {
    for (const encoded of [...encodingsOf(secret), ...fragmentsOf(secret)]) {
      if (text.includes(encoded)) {
        expect.fail(`${where} leaks secret material (found ${encoded.length} chars of it)`);
      }
    }
  }
}

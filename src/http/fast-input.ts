/**
 * The common case of verification, read in one scan: a message with one signature whose
 * Signature-Input is already in canonical form, e.g.
 * `sig1=("@method" "@target-uri" "content-digest");created=1767225600;keyid="k1"` and
 * `sig1=:<base64>:`. Canonical text is its own serialization, so it is the
 * `@signature-params` value as it stands (RFC 9421 §3.2 step 7) and no general parse,
 * map or re-serialization is needed. Anything else (several signatures, component
 * parameters, other spacing, unusual parameter types) returns undefined and takes the
 * general structured-field parser; test/http/fast-input.test.ts checks on random input
 * that both read the same thing.
 */
import type { SignatureParams } from './params.js';

/** One signature read by the fast path. */
export interface FastSignature {
  readonly label: string;
  /** Covered component names (no parameters on the fast path). */
  readonly names: string[];
  readonly params: SignatureParams;
  /** The serialized Inner List: the `@signature-params` value. */
  readonly signatureParams: string;
  /** The signature in canonical base64. */
  readonly signature: string;
}

function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 0x2a;
}
function isKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 0x5f ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x2a
  );
}
function isBase64(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 0x2b ||
    c === 0x2f
  );
}

/** End of a key starting at `i`, or -1. */
function keyEnd(s: string, i: number): number {
  if (!isKeyStart(s.charCodeAt(i))) return -1;
  let j = i + 1;
  while (j < s.length && isKeyChar(s.charCodeAt(j))) j++;
  return j;
}

/** End of an sf-string without escapes starting at `i` (on the opening quote), or -1. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20 || c > 0x7e || c === 0x5c) return -1;
  }
  return -1;
}

/**
 * Reads a single, canonical signature, or returns undefined.
 *
 * @param input - the Signature-Input field value
 * @param signature - the Signature field value
 * @param maxComponents - the limit on covered components
 * @param maxParameters - the limit on parameters
 */
export function fastSignature(
  input: string,
  signature: string,
  maxComponents: number,
  maxParameters: number,
): FastSignature | undefined {
  const labelEnd = keyEnd(input, 0);
  if (
    labelEnd < 0 ||
    input.charCodeAt(labelEnd) !== 0x3d ||
    input.charCodeAt(labelEnd + 1) !== 0x28
  )
    return undefined;
  const label = input.slice(0, labelEnd);
  const names: string[] = [];
  let i = labelEnd + 2;
  if (input.charCodeAt(i) !== 0x29) {
    for (;;) {
      if (input.charCodeAt(i) !== 0x22) return undefined;
      const end = stringEnd(input, i);
      if (end < 0 || names.length === maxComponents) return undefined;
      names.push(input.slice(i + 1, end - 1));
      i = end;
      const c = input.charCodeAt(i);
      if (c === 0x29) break;
      if (c !== 0x20) return undefined;
      i++;
    }
  }
  i++; // ")"
  const params: SignatureParams = {};
  const seen: string[] = [];
  while (i < input.length) {
    if (input.charCodeAt(i) !== 0x3b) return undefined;
    const end = keyEnd(input, i + 1);
    if (end < 0 || input.charCodeAt(end) !== 0x3d) return undefined;
    const key = input.slice(i + 1, end);
    if (seen.includes(key) || seen.length === maxParameters) return undefined;
    seen.push(key);
    i = end + 1;
    const c = input.charCodeAt(i);
    if (c === 0x22) {
      const stop = stringEnd(input, i);
      if (stop < 0) return undefined;
      const value = input.slice(i + 1, stop - 1);
      if (key === 'nonce' || key === 'alg' || key === 'keyid' || key === 'tag') params[key] = value;
      else if (key === 'created' || key === 'expires') return undefined;
      i = stop;
    } else if (c >= 48 && c <= 57) {
      const start = i;
      while (i < input.length && input.charCodeAt(i) >= 48 && input.charCodeAt(i) <= 57) i++;
      // Canonical Integers: no leading zero, at most 15 digits.
      if ((c === 48 && i - start > 1) || i - start > 15) return undefined;
      const value = Number(input.slice(start, i));
      if (key === 'created' || key === 'expires') params[key] = value;
      else if (key === 'nonce' || key === 'alg' || key === 'keyid' || key === 'tag')
        return undefined;
    } else return undefined;
  }
  // Signature: "<label>=:<canonical base64>:".
  const prefix = label.length + 2;
  if (
    signature.length < prefix + 1 ||
    !signature.startsWith(label) ||
    signature.charCodeAt(label.length) !== 0x3d ||
    signature.charCodeAt(label.length + 1) !== 0x3a ||
    signature.charCodeAt(signature.length - 1) !== 0x3a
  ) {
    return undefined;
  }
  const text = signature.slice(prefix, -1);
  if (text.length % 4 !== 0) return undefined;
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  for (let j = 0; j < text.length - pad; j++) if (!isBase64(text.charCodeAt(j))) return undefined;
  // Canonical: the bits after the last byte are zero (RFC 4648 §3.5).
  if (pad > 0) {
    const last = text.charCodeAt(text.length - pad - 1);
    const v =
      last >= 97
        ? last - 71
        : last >= 65
          ? last - 65
          : last >= 48
            ? last + 4
            : last === 0x2b
              ? 62
              : 63;
    if ((pad === 1 && v & 3) || (pad === 2 && v & 15)) return undefined;
  }
  return { label, names, params, signatureParams: input.slice(labelEnd + 1), signature: text };
}

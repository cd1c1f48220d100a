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
  /** Covered component names (no parameters on the fast path); shared, never changed. */
  readonly names: readonly string[];
  readonly params: SignatureParams;
  /** The serialized Inner List: the `@signature-params` value. */
  readonly signatureParams: string;
  /** The signature in canonical base64. */
  readonly signature: string;
}

// A canonical Signature-Input with one member, whole: the label, the Inner List of
// component names (sf-strings without escapes or parameters), then parameters whose values
// are sf-strings without escapes or canonical non-negative Integers (no leading zero, at
// most 15 digits). One regular expression reads it; every repetition in it is unambiguous,
// so it runs in linear time (and the field length is bounded before it gets here).
const INPUT =
  /^([a-z*][a-z0-9_\-.*]*)=\(((?:"[ !#-[\]-~]*"(?: "[ !#-[\]-~]*")*)?)\)((?:;[a-z*][a-z0-9_\-.*]*=(?:"[ !#-[\]-~]*"|[1-9][0-9]{0,14}|0))*)$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Component names by the text of their Inner List: clients send the same list every time. */
const lists = new Map<string, readonly string[]>();
const NO_NAMES: readonly string[] = Object.freeze([]);

function namesOf(list: string): readonly string[] {
  if (list.length === 0) return NO_NAMES;
  let names = lists.get(list);
  if (!names) {
    // Names cannot contain '"', so the separators are exactly the `" "` sequences.
    names = Object.freeze(list.slice(1, -1).split('" "'));
    if (lists.size >= 256) lists.delete(lists.keys().next().value!);
    lists.set(list, names);
  }
  return names;
}

/** Canonical padded base64 (RFC 4648 §4), with zero bits after the last byte (§3.5). */
function isCanonicalBase64(text: string): boolean {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return false;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (pad === 0) return true;
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
  return pad === 1 ? (v & 3) === 0 : (v & 15) === 0;
}

/** The registered parameters, or undefined for a duplicate, a wrong type or too many. */
function paramsOf(text: string, maxParameters: number): SignatureParams | undefined {
  const params: SignatureParams = {};
  let count = 0;
  let others: string[] | undefined;
  // The regular expression has checked the shape: `;key=value` repeated.
  for (let i = 0; i < text.length; ) {
    const eq = text.indexOf('=', i);
    const key = text.slice(i + 1, eq);
    let end: number;
    let value: string | number;
    if (text.charCodeAt(eq + 1) === 0x22) {
      end = text.indexOf('"', eq + 2) + 1;
      value = text.slice(eq + 2, end - 1);
    } else {
      end = text.indexOf(';', eq);
      if (end < 0) end = text.length;
      value = Number(text.slice(eq + 1, end));
    }
    i = end;
    if (++count > maxParameters) return undefined;
    switch (key) {
      case 'created':
      case 'expires':
        if (typeof value !== 'number' || params[key] !== undefined) return undefined;
        params[key] = value;
        break;
      case 'nonce':
      case 'alg':
      case 'keyid':
      case 'tag':
        if (typeof value !== 'string' || params[key] !== undefined) return undefined;
        params[key] = value;
        break;
      default:
        others ??= [];
        if (others.includes(key)) return undefined;
        others.push(key);
    }
  }
  return params;
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
  const m = INPUT.exec(input);
  if (!m) return undefined;
  const label = m[1]!;
  const names = namesOf(m[2]!);
  if (names.length > maxComponents) return undefined;
  const params = paramsOf(m[3]!, maxParameters);
  if (!params) return undefined;
  // Signature: "<label>=:<canonical base64>:".
  const n = label.length;
  if (
    signature.length < n + 3 ||
    !signature.startsWith(label) ||
    signature.charCodeAt(n) !== 0x3d ||
    signature.charCodeAt(n + 1) !== 0x3a ||
    signature.charCodeAt(signature.length - 1) !== 0x3a
  ) {
    return undefined;
  }
  const text = signature.slice(n + 2, -1);
  if (!isCanonicalBase64(text)) return undefined;
  return { label, names, params, signatureParams: input.slice(n + 1), signature: text };
}

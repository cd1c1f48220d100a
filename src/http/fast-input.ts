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
  /**
   * The signature's text between the colons, not yet checked: an HMAC compared as base64
   * text only matches canonical text; anything else is checked with
   * {@link isCanonicalBase64} before it is decoded, or when verification fails.
   */
  readonly signature: string;
}

// A canonical Signature-Input with one member: the label and the Inner List of component
// names (sf-strings without escapes or parameters), then parameters whose values are
// sf-strings without escapes or canonical non-negative Integers (no leading zero, at most
// 15 digits), to the end. Every repetition in these expressions is unambiguous, so they run
// in linear time (and the field length is bounded before it gets here).
const HEAD = /^([a-z*][a-z0-9_\-.*]*)=\(((?:"[ !#-[\]-~]*"(?: "[ !#-[\]-~]*")*)?)\)/;
const PARAMS = /(?:;[a-z*][a-z0-9_\-.*]*=(?:"[ !#-[\]-~]*"|[1-9][0-9]{0,14}|0))*$/y;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The label and Inner List part of a Signature-Input, as text and as read. */
interface Head {
  readonly text: string;
  readonly label: string;
  readonly names: readonly string[];
}

// A client sends the same label and components on every request (only the parameters
// change), so the last head read is kept, and so are the component lists by their text.
let lastHead: Head | undefined;
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

function headOf(input: string): Head | undefined {
  // The expression reads a prefix the same way whatever follows it. (`lastIndexOf` from 0
  // compares in place; `startsWith` is several times slower on Node 20 for this length.)
  if (lastHead && input.lastIndexOf(lastHead.text, 0) === 0) return lastHead;
  const m = HEAD.exec(input);
  if (!m) return undefined;
  lastHead = { text: m[0], label: m[1]!, names: namesOf(m[2]!) };
  return lastHead;
}

/**
 * Whether the fast path's signature text is canonical padded base64 (RFC 4648 §4, zero
 * bits after the last byte, §3.5), which is what the general parser would read as the
 * same bytes.
 *
 * @param text - {@link FastSignature.signature}
 */
export function isCanonicalBase64(text: string): boolean {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return false;
  const pad =
    text.charCodeAt(text.length - 1) !== 0x3d
      ? 0
      : text.charCodeAt(text.length - 2) === 0x3d
        ? 2
        : 1;
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

/** Which registered parameter the key between `from` and `to` is, if any (§2.3). */
function keyAt(text: string, from: number, to: number): keyof SignatureParams | undefined {
  let name: keyof SignatureParams;
  switch (text.charCodeAt(from)) {
    case 0x63:
      name = 'created';
      break;
    case 0x65:
      name = 'expires';
      break;
    case 0x6e:
      name = 'nonce';
      break;
    case 0x61:
      name = 'alg';
      break;
    case 0x6b:
      name = 'keyid';
      break;
    case 0x74:
      name = 'tag';
      break;
    default:
      return undefined;
  }
  return name.length === to - from && text.startsWith(name, from) ? name : undefined;
}

/**
 * The registered parameters from `start` (parameters checked by PARAMS), or undefined for
 * a duplicate, a wrong type or too many.
 */
function paramsOf(text: string, start: number, maxParameters: number): SignatureParams | undefined {
  // Every field present from the start: one object shape for all signatures.
  const params: SignatureParams = {
    created: undefined,
    expires: undefined,
    nonce: undefined,
    alg: undefined,
    keyid: undefined,
    tag: undefined,
  };
  let count = 0;
  let others: string[] | undefined;
  for (let i = start; i < text.length; ) {
    if (++count > maxParameters) return undefined;
    const eq = text.indexOf('=', i);
    const quoted = text.charCodeAt(eq + 1) === 0x22;
    let end: number;
    if (quoted) end = text.indexOf('"', eq + 2) + 1;
    else {
      end = text.indexOf(';', eq);
      if (end < 0) end = text.length;
    }
    const key = keyAt(text, i + 1, eq);
    if (key === undefined) {
      const other = text.slice(i + 1, eq);
      others ??= [];
      if (others.includes(other)) return undefined;
      others.push(other);
    } else if (params[key] !== undefined) return undefined;
    else if (key === 'created' || key === 'expires') {
      if (quoted) return undefined;
      params[key] = Number(text.slice(eq + 1, end));
    } else {
      if (!quoted) return undefined;
      params[key] = text.slice(eq + 2, end - 1);
    }
    i = end;
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
  const head = headOf(input);
  if (!head || head.names.length > maxComponents) return undefined;
  PARAMS.lastIndex = head.text.length;
  if (!PARAMS.test(input)) return undefined;
  const params = paramsOf(input, head.text.length, maxParameters);
  if (!params) return undefined;
  // Signature: "<label>=:<base64>:" (the base64 is checked when it matters, see above).
  const { label } = head;
  const n = label.length;
  if (
    signature.length < n + 3 ||
    !signature.startsWith(label) ||
    signature.charCodeAt(n) !== 0x3d ||
    signature.charCodeAt(n + 1) !== 0x3a ||
    // One colon at the end and none before it: a single Byte Sequence, whatever is in it.
    signature.indexOf(':', n + 2) !== signature.length - 1
  ) {
    return undefined;
  }
  return {
    label,
    names: head.names,
    params,
    signatureParams: input.slice(n + 1),
    signature: signature.slice(n + 2, -1),
  };
}

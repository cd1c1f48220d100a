/**
 * Content-Digest (RFC 9530): a Dictionary of hash algorithm to Byte Sequence digest of the
 * message content. cachet writes `sha-256` (or `sha-512`) and accepts only those two on
 * verification (§5: the others in the registry are deprecated or insecure).
 */
import { assertOneOf } from '../assert.js';
import { digestBase64, digestBytes } from '../backend/digest-oneshot.js';
import type { HashName } from '../backend/types.js';
import { timingSafeEqual } from '../bytes.js';
import { InvalidInputError, VerificationError } from '../errors.js';
import { type BodyInput, plainBody } from './message.js';
import { parseDictionary, parseLimits } from './sf/parse.js';
import { isInnerList } from './sf/types.js';

/**
 * Content-Digest algorithms cachet reads and writes (RFC 9530 §7.2, status "Active").
 *
 * @example
 * ```ts
 * import { contentDigest, type DigestAlgorithm } from 'cachet/http';
 * const algorithm: DigestAlgorithm = 'sha-512';
 * console.log(contentDigest('{"hello": "world"}', algorithm).slice(0, 9)); // 'sha-512=:'
 * ```
 */
export type DigestAlgorithm = 'sha-256' | 'sha-512';

const HASH: Readonly<Record<DigestAlgorithm, HashName>> = {
  'sha-256': 'SHA-256',
  'sha-512': 'SHA-512',
};
const NAMES = Object.keys(HASH) as DigestAlgorithm[];
const DIGEST_LIMITS = parseLimits({ maxMembers: 16, maxItems: 16, maxParams: 16 });

function bodyBytes(body: BodyInput, name: string): Uint8Array {
  return plainBody(body, name) ?? new Uint8Array(0);
}

/** The field value for `bytes` (internal: bytes already checked). */
export function digestField(bytes: Uint8Array, algorithm: DigestAlgorithm): string {
  return `${algorithm}=:${digestBase64(HASH[algorithm], bytes)}:`;
}

/**
 * Computes a Content-Digest field value (RFC 9530 §2).
 *
 * @param body - the content: bytes, or text (UTF-8); `null`/`undefined` for none
 * @param algorithm - `'sha-256'` (default) or `'sha-512'`
 * @returns the field value, e.g. `sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:`
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a bad algorithm or body
 * @example
 * ```ts
 * import { contentDigest } from 'cachet/http';
 * contentDigest('{"hello": "world"}'); // 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'
 * ```
 */
export function contentDigest(body: BodyInput, algorithm: DigestAlgorithm = 'sha-256'): string {
  assertOneOf(algorithm, 'algorithm', NAMES);
  return digestField(bodyBytes(body, 'body'), algorithm);
}

// The common field, one member as cachet and most senders write it, compared as text
// (digests are not secret); anything else is parsed.
function quickCheck(value: string, bytes: Uint8Array): DigestAlgorithm | undefined {
  for (const name of NAMES) {
    const size = name === 'sha-256' ? 44 : 88;
    if (
      value.length === name.length + size + 3 &&
      value.startsWith(name) &&
      value.charCodeAt(name.length) === 0x3d &&
      value.charCodeAt(name.length + 1) === 0x3a &&
      value.charCodeAt(value.length - 1) === 0x3a &&
      value.slice(name.length + 2, -1) === digestBase64(HASH[name], bytes)
    ) {
      return name;
    }
  }
  return undefined;
}

/** Checks a Content-Digest value against bytes (internal). */
export function checkDigest(value: string, bytes: Uint8Array): DigestAlgorithm[] {
  const quick = quickCheck(value, bytes);
  if (quick) return [quick];
  const dict = parseDictionary(value, 'Content-Digest', DIGEST_LIMITS);
  const checked: DigestAlgorithm[] = [];
  for (const [name, member] of dict) {
    if (name !== 'sha-256' && name !== 'sha-512') continue;
    if (isInnerList(member) || !(member.value instanceof Uint8Array)) {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        `Content-Digest: "${name}" must be a byte sequence`,
      );
    }
    if (!timingSafeEqual(digestBytes(HASH[name], bytes), member.value)) {
      throw new VerificationError(
        'ERR_DIGEST_MISMATCH',
        `the body does not match its Content-Digest (${name})`,
      );
    }
    checked.push(name);
  }
  if (checked.length === 0) {
    throw new VerificationError(
      'ERR_DIGEST_MISMATCH',
      'Content-Digest has no sha-256 or sha-512 digest, the only algorithms accepted',
    );
  }
  return checked;
}

/**
 * Verifies a Content-Digest field value against the content (RFC 9530 §2). Every
 * `sha-256` and `sha-512` member must match; other algorithms are ignored, and at least
 * one of the two must be present.
 *
 * @param value - the Content-Digest field value
 * @param body - the content as received
 * @returns the algorithms that were checked
 * @throws {@link cachet!VerificationError} ERR_DIGEST_MISMATCH when a digest differs or none is usable
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT for a malformed field
 * @example
 * ```ts
 * import { verifyContentDigest } from 'cachet/http';
 * verifyContentDigest('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:', '{"hello": "world"}'); // ['sha-256']
 * ```
 */
export function verifyContentDigest(value: string, body: BodyInput): DigestAlgorithm[] {
  if (typeof value !== 'string')
    throw new InvalidInputError('ERR_INVALID_ARGUMENT', '"value": expected a string');
  if (value.length > 4096)
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      'Content-Digest: longer than 4096 characters',
    );
  return checkDigest(value, bodyBytes(body, 'body'));
}

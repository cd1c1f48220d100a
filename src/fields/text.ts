/**
 * The text form of a field ciphertext (docs/formats.md#fields-text): `cf1.` followed by
 * the bytes form in unpadded base64url (RFC 4648 §5). Safe in TEXT and VARCHAR columns,
 * URLs and JSON; recognisable at a glance; one text per ciphertext (strict decoding).
 */
import { base64urlFast, base64urlStrict } from '../backend/buffer.js';

/** Prefix of every text-form field ciphertext, version 1. */
export const TEXT_PREFIX = 'cf1.';

/** The text form of bytes-form ciphertext. */
export function toText(bytes: Uint8Array): string {
  return TEXT_PREFIX + base64urlFast(bytes);
}

/** The bytes form of a text-form ciphertext, or null when `text` is not one. */
export function fromText(text: string): Uint8Array | null {
  return text.startsWith(TEXT_PREFIX) ? base64urlStrict(text, TEXT_PREFIX.length) : null;
}

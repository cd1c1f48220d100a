/**
 * The ciphertext layout shared by cachet/aead and cachet/fields (docs/formats.md#aead):
 *
 *   version (1) ‖ suite (1) ‖ key id (4) ‖ nonce (0, 12 or 24) ‖ [commitment (32)] ‖ body
 *
 * `body` is the algorithm's output (ciphertext ‖ 16-byte tag; SIV ‖ ciphertext for
 * AES-SIV). The first six bytes are bound as associated data, ahead of the caller's.
 * cachet/aead writes version 0x01; cachet/fields writes 0xF1 for its bytes form, so one is
 * never mistaken for the other.
 */
import { COMMITTED, type Suite, suiteById } from './suites.js';

/** cachet/aead format version. */
export const AEAD_VERSION = 0x01;
/** cachet/fields bytes-form version. */
export const FIELDS_VERSION = 0xf1;
/** version ‖ suite ‖ key id. */
export const PREFIX_LENGTH = 6;
export const COMMITMENT_LENGTH = 32;

/** Header length for a suite, with or without the key commitment. */
export function headerLength(suite: Suite, committed: boolean): number {
  return PREFIX_LENGTH + suite.nonceLength + (committed ? COMMITMENT_LENGTH : 0);
}

/** What a reader learns from the header before any cryptography. */
export interface Parsed {
  readonly suite: Suite;
  readonly committed: boolean;
  /** Key id, 8 lowercase hex characters. */
  readonly keyId: string;
  readonly headerLength: number;
}

const HEX = '0123456789abcdef';

/**
 * Parses the header of `bytes` written in format `version`; null when the bytes cannot be
 * such a ciphertext (wrong version, unknown suite, shorter than header and tag).
 */
export function parseHeader(bytes: Uint8Array, version: number): Parsed | null {
  if (bytes.length < PREFIX_LENGTH || bytes[0] !== version) return null;
  const byte = bytes[1]!;
  const suite = suiteById(byte);
  if (!suite) return null;
  const committed = (byte & COMMITTED) !== 0;
  const length = headerLength(suite, committed);
  if (bytes.length < length + suite.tagLength) return null;
  let keyId = '';
  for (let i = 2; i < PREFIX_LENGTH; i++) {
    const b = bytes[i]!;
    keyId += HEX[b >>> 4]! + HEX[b & 15]!;
  }
  return { suite, committed, keyId, headerLength: length };
}

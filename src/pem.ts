/**
 * PEM armour (RFC 7468): `-----BEGIN LABEL-----`, base64 lines, `-----END LABEL-----`.
 * Parsing follows RFC 7468 §3's lax form (any whitespace inside the base64 body; text
 * before, between and after blocks is ignored) but the base64 itself is strict.
 */
import { assertString } from './assert.js';
import { base64Decode, base64Encode } from './bytes.js';
import { InvalidInputError } from './errors.js';

/** One PEM block. */
export interface PemBlock {
  label: string;
  der: Uint8Array;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/** Every PEM block in `text`, in order. Throws when there is none or one is malformed. */
export function pemDecodeAll(text: string, name = 'pem'): PemBlock[] {
  assertString(text, name);
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label, body, endLabel] = match;
    if (label !== endLabel) {
      throw new InvalidInputError('ERR_INVALID_FORMAT', `"${name}": PEM BEGIN/END labels differ`);
    }
    const der = base64Decode(body!.replace(/\s+/g, ''), name);
    if (der.length === 0)
      throw new InvalidInputError('ERR_INVALID_FORMAT', `"${name}": empty PEM block`);
    blocks.push({ label: label!, der });
  }
  if (blocks.length === 0) {
    throw new InvalidInputError(
      'ERR_INVALID_FORMAT',
      `"${name}": no PEM block (-----BEGIN ...-----) found`,
    );
  }
  return blocks;
}

/** Exactly one PEM block. */
export function pemDecode(text: string, name = 'pem'): PemBlock {
  const blocks = pemDecodeAll(text, name);
  if (blocks.length !== 1) {
    throw new InvalidInputError(
      'ERR_INVALID_FORMAT',
      `"${name}": expected one PEM block, found ${blocks.length}`,
    );
  }
  return blocks[0]!;
}

/** Armours DER bytes with 64-character lines (RFC 7468 §2). */
export function pemEncode(label: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

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

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';
const LABEL = /^[A-Z0-9 ]+$/;

function malformed(name: string, why: string): never {
  throw new InvalidInputError('ERR_INVALID_FORMAT', `"${name}": ${why}`);
}

/**
 * Every PEM block in `text`, in order. Throws when there is none or one is malformed.
 *
 * A single forward scan with `indexOf` (no backtracking regular expression), so hostile
 * input of any size is rejected in linear time.
 */
export function pemDecodeAll(text: string, name = 'pem'): PemBlock[] {
  assertString(text, name);
  const blocks: PemBlock[] = [];
  let pos = 0;
  for (;;) {
    const begin = text.indexOf(BEGIN, pos);
    if (begin < 0) break;
    const labelStart = begin + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    if (labelEnd < 0) break;
    const label = text.slice(labelStart, labelEnd);
    // Not an encapsulation boundary (RFC 7468 §3 labels); keep looking after it.
    if (!LABEL.test(label)) {
      pos = labelStart;
      continue;
    }
    const bodyStart = labelEnd + DASHES.length;
    const end = text.indexOf(END, bodyStart);
    if (end < 0) malformed(name, `PEM block "${label}" has no -----END line`);
    const endLabelStart = end + END.length;
    const endLabelEnd = text.indexOf(DASHES, endLabelStart);
    if (endLabelEnd < 0 || text.slice(endLabelStart, endLabelEnd) !== label) {
      malformed(name, 'PEM BEGIN/END labels differ');
    }
    const der = base64Decode(text.slice(bodyStart, end).replace(/\s+/g, ''), name);
    if (der.length === 0) malformed(name, 'empty PEM block');
    blocks.push({ label, der });
    pos = endLabelEnd + DASHES.length;
  }
  if (blocks.length === 0) malformed(name, 'no PEM block (-----BEGIN ...-----) found');
  return blocks;
}

/** Exactly one PEM block. */
export function pemDecode(text: string, name = 'pem'): PemBlock {
  const blocks = pemDecodeAll(text, name);
  if (blocks.length !== 1) malformed(name, `expected one PEM block, found ${blocks.length}`);
  return blocks[0]!;
}

/**
 * PEM sent as bytes (a file read without an encoding): its text, or undefined when `bytes`
 * is DER (every structure read from PEM here is a SEQUENCE, first byte 0x30) or holds no
 * encapsulation boundary. A byte-order mark or explanatory text before the boundary is
 * fine (RFC 7468 §2), as it is for PEM given as a string.
 */
export function pemTextOf(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x30) return undefined;
  // Look for the boundary in the bytes before decoding anything (large non-PEM input).
  const first = BEGIN.charCodeAt(0);
  search: for (let i = bytes.indexOf(first); i >= 0; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < BEGIN.length; j++)
      if (bytes[i + j] !== BEGIN.charCodeAt(j)) continue search;
    return new TextDecoder().decode(bytes);
  }
  return undefined;
}

/** Armours DER bytes with 64-character lines (RFC 7468 §2). */
export function pemEncode(label: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// How bytes such as signatures are printed and read back: base64 (default), base64url,
// hex, or raw bytes.
import {
  base64Decode,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  hexDecode,
  hexEncode,
} from '../bytes.js';
import type { Flag } from './command.js';

export const ENCODINGS = ['base64', 'base64url', 'hex', 'raw'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The --encoding flag. */
export const encodingFlag: Flag = {
  type: 'string',
  short: 'e',
  arg: 'ENC',
  help: 'base64 (default), base64url, hex or raw',
};

/** Bytes as text (with a newline) or, for raw, as they are. */
export function encodeBytes(bytes: Uint8Array, encoding: Encoding): Uint8Array | string {
  if (encoding === 'raw') return bytes;
  const text =
    encoding === 'hex'
      ? hexEncode(bytes)
      : encoding === 'base64'
        ? base64Encode(bytes)
        : base64urlEncode(bytes);
  return `${text}\n`;
}

/** Reads bytes written by {@link encodeBytes}; surrounding whitespace is ignored for text. */
export function decodeBytes(data: Uint8Array, encoding: Encoding, name: string): Uint8Array {
  if (encoding === 'raw') return data;
  const text = new TextDecoder().decode(data).trim();
  if (encoding === 'hex') return hexDecode(text, name);
  return encoding === 'base64' ? base64Decode(text, name) : base64urlDecode(text, name);
}

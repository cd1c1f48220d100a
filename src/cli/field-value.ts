// Field values on the command line: read as text, JSON or bytes; printed by their type.
import { base64Encode } from '../bytes.js';
import type { FieldValue } from '../fields/index.js';
import { UsageError } from './usage.js';

export const VALUE_TYPES = ['string', 'json', 'bytes'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/**
 * The value to encrypt from input bytes. Text drops one trailing newline (the one `echo`
 * and editors add), so `echo alice@example.com | cachet encrypt ...` encrypts the address.
 */
export function readValue(data: Uint8Array, type: ValueType): FieldValue {
  if (type === 'bytes') return data;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new UsageError('the value is not UTF-8 text; use --type bytes');
  }
  text = text.replace(/\r?\n$/, '');
  if (type === 'string') return text;
  try {
    return JSON.parse(text) as FieldValue;
  } catch {
    throw new UsageError('the value is not valid JSON (--type json)');
  }
}

/** The type name of a decrypted value, as --json reports it. */
export function typeOf(value: FieldValue): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Date) return 'date';
  if (typeof value === 'object') return 'json';
  return typeof value;
}

/** A JSON-safe form: bytes as base64, bigints as decimal strings, dates as ISO 8601. */
export function jsonForm(value: FieldValue): unknown {
  if (value instanceof Uint8Array) return base64Encode(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** What `decrypt` prints: strings with a newline, bytes as they are, the rest as JSON. */
export function printable(value: FieldValue): Uint8Array | string {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return `${value}\n`;
  return `${JSON.stringify(jsonForm(value))}\n`;
}

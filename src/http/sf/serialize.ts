/**
 * Strict Structured Field Values serialization (RFC 8941 §4.1, RFC 9651 §4.1.10-11). The
 * output is the canonical form that RFC 9421 signs: `sf` field values, dictionary members
 * (`key=`), component identifiers and `@signature-params`.
 */
import { encodeBase64 } from '../../backend/digest-oneshot.js';
import { InvalidInputError } from '../../errors.js';
import {
  type BareItem,
  Decimal,
  type Dictionary,
  DisplayString,
  type InnerList,
  type Item,
  isInnerList,
  type List,
  type Member,
  type Params,
  SfDate,
  Token,
} from './types.js';

const KEY = /^[a-z*][a-z0-9_\-.*]*$/;
const TOKEN = /^[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*$/;
const MAX_INTEGER = 999_999_999_999_999;
const utf8 = new TextEncoder();

function fail(why: string): never {
  throw new InvalidInputError('ERR_INVALID_ARGUMENT', `cannot serialize structured field: ${why}`);
}

/** §4.1.5: an sf-string, escaping `"` and `\`. */
export function serializeString(value: string): string {
  let simple = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) fail('strings are limited to printable ASCII');
    if (c === 0x22 || c === 0x5c) simple = false;
  }
  return simple ? `"${value}"` : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function serializeInteger(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) > MAX_INTEGER) {
    fail('integers are whole numbers of at most 15 digits');
  }
  return String(value === 0 ? 0 : value);
}

// §4.1.5: round to three fractional digits, ties to even, then drop trailing zeros.
function serializeDecimal(value: number): string {
  if (!Number.isFinite(value)) fail('decimals must be finite');
  const scaled = value * 1000;
  let rounded = Math.round(scaled);
  if (Math.abs(scaled % 1) === 0.5 && rounded % 2 !== 0) rounded -= 1;
  const integer = Math.trunc(rounded / 1000);
  if (Math.abs(integer) >= 1e12) fail('decimals have at most 12 integer digits');
  const sign = rounded < 0 ? '-' : '';
  const abs = Math.abs(rounded);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0{1,2}$/, '');
  return `${sign}${Math.floor(abs / 1000)}.${fraction}`;
}

function serializeDisplayString(value: string): string {
  let out = '%"';
  for (const byte of utf8.encode(value)) {
    out +=
      byte === 0x25 || byte === 0x22 || byte < 0x20 || byte > 0x7e
        ? `%${byte.toString(16).padStart(2, '0')}`
        : String.fromCharCode(byte);
  }
  return `${out}"`;
}

/** §4.1.3.1: any bare item. */
function serializeBareItem(value: BareItem): string {
  switch (typeof value) {
    case 'number':
      return serializeInteger(value);
    case 'string':
      return serializeString(value);
    case 'boolean':
      return value ? '?1' : '?0';
  }
  if (value instanceof Uint8Array) return `:${encodeBase64(value)}:`;
  if (value instanceof Token) {
    if (!TOKEN.test(value.value)) fail('invalid token');
    return value.value;
  }
  if (value instanceof Decimal) return serializeDecimal(value.value);
  if (value instanceof SfDate) return `@${serializeInteger(value.seconds)}`;
  if (value instanceof DisplayString) return serializeDisplayString(value.value);
  return fail('unknown bare item type');
}

/** §4.1.1.3: a key. */
function serializeKey(key: string): string {
  if (!KEY.test(key)) fail('invalid key');
  return key;
}

/** §4.1.1.2: `;key` for true, `;key=value` otherwise. */
export function serializeParams(params: Params): string {
  let out = '';
  for (const [key, value] of params) {
    out += `;${serializeKey(key)}`;
    if (value !== true) out += `=${serializeBareItem(value)}`;
  }
  return out;
}

/** §4.1.3: an item and its parameters. */
export function serializeItem(item: Item): string {
  return serializeBareItem(item.value) + serializeParams(item.params);
}

/** §4.1.1.1: an inner list and its parameters. */
export function serializeInnerList(list: InnerList): string {
  let out = '(';
  for (let i = 0; i < list.items.length; i++) {
    if (i > 0) out += ' ';
    out += serializeItem(list.items[i]!);
  }
  return `${out})${serializeParams(list.params)}`;
}

/** A List or Dictionary member. */
export function serializeMember(member: Member): string {
  return isInnerList(member) ? serializeInnerList(member) : serializeItem(member);
}

/** §4.1.1: a List. */
export function serializeList(list: List): string {
  return list.map(serializeMember).join(', ');
}

/** §4.1.2: a Dictionary. */
export function serializeDictionary(dict: Dictionary): string {
  const parts: string[] = [];
  for (const [key, member] of dict) {
    if (!isInnerList(member) && member.value === true) {
      parts.push(serializeKey(key) + serializeParams(member.params));
    } else parts.push(`${serializeKey(key)}=${serializeMember(member)}`);
  }
  return parts.join(', ');
}

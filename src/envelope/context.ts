/**
 * The encryption context: a map of strings bound to the payload and to every wrapped key.
 * It is never stored in the envelope; the opener supplies it again. Its canonical encoding
 * (docs/formats.md#envelope-context) sorts entries by the UTF-8 bytes of their keys, so
 * the same map always gives the same bytes whatever the property order.
 */
import { assertObject, invalidArgument } from '../assert.js';
import { InvalidInputError } from '../errors.js';
import { MAX_CONTEXT_ENTRIES, MAX_CONTEXT_KEY, MAX_CONTEXT_VALUE } from './limits.js';

/**
 * An encryption context: names and values that must match when opening. It is bound to
 * the payload and to every wrapped key but not stored; key order does not matter.
 *
 * @example
 * ```ts
 * import { type EncryptionContext, open, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const kek = Keyring.generate('A256KW');
 * const context: EncryptionContext = { tenant: 'acme', object: 'invoices/7.pdf' };
 * const envelope = await seal('invoice', { recipients: kek, context });
 * await open(envelope, { recipient: kek, context: { object: 'invoices/7.pdf', tenant: 'acme' } });
 * const moved = await open(envelope, { recipient: kek, context: { tenant: 'evil' } }).catch((e) => e.code);
 * console.log(moved); // 'ERR_AUTH_FAILED'
 * ```
 */
export type EncryptionContext = Readonly<Record<string, string>>;

/** A validated context: a frozen copy and its canonical bytes. */
export interface BoundContext {
  readonly map: EncryptionContext;
  readonly bytes: Uint8Array;
}

const encoder = new TextEncoder();
const EMPTY: BoundContext = Object.freeze({
  map: Object.freeze({}),
  bytes: new Uint8Array(2),
});

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function utf8(text: unknown, name: string, max: number, allowEmpty: boolean): Uint8Array {
  if (typeof text !== 'string') invalidArgument(name, 'string', text);
  // Lone surrogates would encode as U+FFFD and make two different maps collide.
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) {
    invalidArgument(name, 'well-formed Unicode string (no lone surrogates)', text);
  }
  const bytes = encoder.encode(text);
  if (bytes.length > max || (!allowEmpty && bytes.length === 0)) {
    throw new InvalidInputError(
      bytes.length > max ? 'ERR_LIMIT_EXCEEDED' : 'ERR_INVALID_ARGUMENT',
      `"${name}": expected ${allowEmpty ? '' : '1 to '}${max} UTF-8 bytes, got ${bytes.length}`,
    );
  }
  return bytes;
}

/**
 * Validates a context and computes its canonical encoding:
 * count u16 ‖ (key length u16 ‖ key ‖ value length u16 ‖ value) per entry, sorted by key.
 */
export function bindContext(context: unknown, name = 'options.context'): BoundContext {
  if (context === undefined) return EMPTY;
  assertObject(context, name);
  const names = Object.keys(context);
  if (names.length > MAX_CONTEXT_ENTRIES) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `"${name}": at most ${MAX_CONTEXT_ENTRIES} entries, got ${names.length}`,
    );
  }
  if (names.length === 0) return EMPTY;
  const entries = names.map((key) => {
    const k = utf8(key, `${name} key`, MAX_CONTEXT_KEY, false);
    const v = utf8(context[key], `${name}["${key.slice(0, 32)}"]`, MAX_CONTEXT_VALUE, true);
    return { key, value: context[key] as string, k, v };
  });
  entries.sort((a, b) => compareBytes(a.k, b.k));
  let length = 2;
  for (const e of entries) length += 4 + e.k.length + e.v.length;
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, entries.length);
  let offset = 2;
  const map: Record<string, string> = {};
  for (const e of entries) {
    view.setUint16(offset, e.k.length);
    bytes.set(e.k, offset + 2);
    offset += 2 + e.k.length;
    view.setUint16(offset, e.v.length);
    bytes.set(e.v, offset + 2);
    offset += 2 + e.v.length;
    map[e.key] = e.value;
  }
  return { map: Object.freeze(map), bytes };
}

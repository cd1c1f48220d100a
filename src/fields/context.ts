/**
 * The context a field value is bound to (docs/formats.md#fields-context): its table, its
 * column and, when given, its row. It is authenticated as associated data and never
 * stored, so a value copied to another column or row no longer decrypts.
 *
 *   context = u16 len ‖ table ‖ u16 len ‖ column ‖ (00 | 01 ‖ u16 len ‖ row id)
 *
 * Names and row ids are UTF-8. Row ids are canonical decimal text for numbers and bigints,
 * so 42, 42n and '42' are the same row (node-postgres returns BIGINT columns as strings).
 */
import { invalidArgument } from '../assert.js';
import { utf8Encode } from '../bytes.js';
import { isWellFormed } from './value.js';

/**
 * A row id: a string, a safe integer or a bigint.
 *
 * @example
 * ```ts
 * import { fieldCipher, type RowId } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const address = fieldCipher(Keyring.generate('A256GCM'), { table: 'users', column: 'address' });
 * const id: RowId = 9007199254740993n; // a BIGINT beyond Number.MAX_SAFE_INTEGER
 * const stored = address.encrypt('1 Main St', { rowId: id });
 * console.log(address.decrypt(stored, { rowId: '9007199254740993' })); // '1 Main St'
 * ```
 */
export type RowId = string | number | bigint;

/** Longest table name, column name or row id, in UTF-8 bytes. */
const MAX_NAME = 1024;

/** UTF-8 of a table or column name, checked. */
export function nameBytes(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string' || value.length === 0 || !isWellFormed(value)) {
    invalidArgument(name, 'a non-empty, well-formed string', value);
  }
  const bytes = utf8Encode(value);
  if (bytes.length > MAX_NAME) invalidArgument(name, `at most ${MAX_NAME} UTF-8 bytes`, value);
  return bytes;
}

/** The canonical text of a row id, checked. */
export function rowIdText(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      invalidArgument('options.rowId', 'a safe integer, bigint or string', value);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString(10);
  if (typeof value !== 'string' || value.length === 0 || !isWellFormed(value)) {
    return invalidArgument(
      'options.rowId',
      'a non-empty string, a safe integer or a bigint',
      value,
    );
  }
  return value;
}

function u16(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value >>> 8;
  out[offset + 1] = value & 0xff;
}

/** `u16 len ‖ table ‖ u16 len ‖ column`: the part shared by every row. */
export function columnContext(table: Uint8Array, column: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + table.length + column.length);
  u16(out, 0, table.length);
  out.set(table, 2);
  u16(out, 2 + table.length, column.length);
  out.set(column, 4 + table.length);
  return out;
}

/** The whole context: the column's part, then 00 (no row) or 01 ‖ u16 len ‖ row id. */
export function fieldContext(column: Uint8Array, rowId: string | undefined): Uint8Array {
  if (rowId === undefined) {
    const out = new Uint8Array(column.length + 1);
    out.set(column);
    return out;
  }
  const row = utf8Encode(rowId);
  if (row.length > MAX_NAME)
    invalidArgument('options.rowId', `at most ${MAX_NAME} UTF-8 bytes`, rowId);
  const out = new Uint8Array(column.length + 3 + row.length);
  out.set(column);
  out[column.length] = 1;
  u16(out, column.length + 1, row.length);
  out.set(row, column.length + 3);
  return out;
}

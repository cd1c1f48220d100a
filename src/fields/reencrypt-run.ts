/**
 * The re-encryption job behind reencryptTable (reencrypt.ts), loaded on its first call: a
 * maintenance task that browsers and request handlers never run, so its code stays out of
 * their cachet/fields bundle.
 */
import { assertInteger, assertOptions, invalidArgument } from '../assert.js';
import { AuthenticationError, CachetError, InvalidInputError, ProviderError } from '../errors.js';
import type { FieldCipher } from './cipher.js';
import type { RowId } from './context.js';
import type {
  ReencryptColumn,
  ReencryptProgress,
  ReencryptResult,
  ReencryptTableOptions,
  RowChange,
  RowKey,
} from './reencrypt.js';

interface Column<Row> {
  name: string;
  cipher: FieldCipher;
  rowId: ((row: Row) => RowId) | undefined;
  blindIndex: string | undefined;
}

function columnsOf<Row>(columns: unknown): Column<Row>[] {
  assertOptions(columns as object, 'options.columns');
  const out: Column<Row>[] = [];
  for (const [name, spec] of Object.entries(columns as Record<string, unknown>)) {
    const full = (
      typeof spec === 'object' && spec !== null && 'cipher' in spec ? spec : { cipher: spec }
    ) as ReencryptColumn<Row>;
    const { cipher, rowId, blindIndex } = full;
    if (typeof cipher !== 'object' || cipher === null || typeof cipher.reencrypt !== 'function') {
      invalidArgument(
        `options.columns.${name}`,
        'a FieldCipher or { cipher, rowId?, blindIndex? }',
        spec,
      );
    }
    if (rowId !== undefined && typeof rowId !== 'function') {
      invalidArgument(`options.columns.${name}.rowId`, 'a function', rowId);
    }
    if (blindIndex !== undefined && (typeof blindIndex !== 'string' || blindIndex.length === 0)) {
      invalidArgument(`options.columns.${name}.blindIndex`, 'a column name', blindIndex);
    }
    out.push({ name, cipher, rowId, blindIndex });
  }
  if (out.length === 0) invalidArgument('options.columns', 'at least one column', columns);
  return out;
}

async function call<T>(what: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    if (cause instanceof CachetError) throw cause;
    throw new ProviderError(`re-encryption: ${what} failed`, { cause });
  }
}

function describeId(id: RowKey): string {
  return String(id).slice(0, 64);
}

/** The change for one row, or undefined when every value is already under the primary key. */
function changeOf<Row>(row: Row, id: RowKey, columns: Column<Row>[]): RowChange<Row> | undefined {
  let set: Record<string, string | Uint8Array> | undefined;
  for (const column of columns) {
    const value = (row as Record<string, unknown>)[column.name];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        `row ${describeId(id)}, column "${column.name}": expected a field ciphertext (string or bytes)`,
      );
    }
    let stale: boolean;
    try {
      stale = column.cipher.needsReencrypt(value);
    } catch (cause) {
      throw new InvalidInputError(
        'ERR_INVALID_FORMAT',
        `row ${describeId(id)}, column "${column.name}": not a cachet field ciphertext`,
        { cause },
      );
    }
    if (!stale) continue;
    const options = column.rowId ? { rowId: column.rowId(row) } : {};
    let plain: ReturnType<FieldCipher['decrypt']>;
    try {
      plain = column.cipher.decrypt(value, options);
    } catch (cause) {
      throw new AuthenticationError(
        `re-encryption stopped: row ${describeId(id)}, column "${column.name}" does not decrypt (altered, another row or context, or its key is missing or disabled)`,
        { cause },
      );
    }
    set ??= {};
    set[column.name] =
      typeof value === 'string'
        ? column.cipher.encrypt(plain, options)
        : column.cipher.encryptBytes(plain, options);
    if (column.blindIndex) set[column.blindIndex] = column.cipher.blindIndex(plain);
  }
  return set ? { id, row, set } : undefined;
}

/**
 * Runs {@link reencryptTable}: validates the options, then batch after batch.
 *
 * @param options - as given to reencryptTable
 * @returns as reencryptTable returns
 */
export async function runReencryption<Row>(
  options: ReencryptTableOptions<Row>,
): Promise<ReencryptResult> {
  assertOptions(options);
  const columns = columnsOf<Row>(options.columns);
  if (typeof options.fetch !== 'function')
    invalidArgument('options.fetch', 'a function', options.fetch);
  if (typeof options.update !== 'function')
    invalidArgument('options.update', 'a function', options.update);
  const idOf = options.id ?? ((row: Row) => (row as { id: RowKey }).id);
  if (typeof idOf !== 'function') invalidArgument('options.id', 'a function', idOf);
  const limit = options.batchSize ?? 500;
  assertInteger(limit, 'options.batchSize', 1, 100_000);
  const progress: ReencryptProgress = { batches: 0, scanned: 0, updated: 0, cursor: options.after };
  for (;;) {
    if (options.signal?.aborted) return { ...progress, complete: false };
    const after = progress.cursor;
    const rows = await call('fetch', () => options.fetch({ after, limit }));
    if (!Array.isArray(rows)) invalidArgument('fetch() result', 'an array of rows', rows);
    if (rows.length === 0) return { ...progress, complete: true };
    if (rows.length > limit) {
      throw new InvalidInputError(
        'ERR_INVALID_ARGUMENT',
        `fetch returned ${rows.length} rows; at most ${limit} were asked for`,
      );
    }
    const changes: RowChange<Row>[] = [];
    let cursor: RowKey | undefined;
    for (const row of rows) {
      const id = idOf(row);
      if (typeof id !== 'string' && typeof id !== 'number' && typeof id !== 'bigint') {
        invalidArgument('row id', 'a string, number or bigint', id);
      }
      if (after !== undefined && String(id) === String(after)) {
        throw new InvalidInputError(
          'ERR_INVALID_ARGUMENT',
          'fetch returned the row at the cursor again: it must return only rows after `after`',
        );
      }
      const change = changeOf(row, id, columns);
      if (change) changes.push(change);
      cursor = id;
    }
    await call('update', () => options.update(changes, { cursor: cursor! }));
    progress.batches++;
    progress.scanned += rows.length;
    progress.updated += changes.length;
    progress.cursor = cursor;
    if (options.onProgress) await call('onProgress', () => options.onProgress!({ ...progress }));
  }
}

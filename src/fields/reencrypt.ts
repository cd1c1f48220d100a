/**
 * reencryptTable: moves every encrypted value of a table to the keyring's primary key, in
 * batches, through callbacks that read and write the rows, so it works with any database
 * driver or ORM. It is idempotent (values already under the primary are skipped without
 * decrypting), so a job that dies at any point is resumed by running it again, from the
 * start or from the last cursor it reported. The job itself (reencrypt-run.ts) is loaded on
 * the first call, so it adds nothing to bundles that only encrypt and decrypt.
 */
import type { FieldCipher } from './cipher.js';
import type { RowId } from './context.js';

/**
 * A primary key value: rows are read in increasing order of it.
 *
 * @example
 * ```ts
 * import { fieldCipher, reencryptTable, type RowKey } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const email = fieldCipher(keyring, { table: 'users', column: 'email' });
 * const rows = [{ uuid: 'a1', email: email.encrypt('a@example.com') }];
 * keyring.rotate();
 * let saved: RowKey | undefined; // persist it to resume after a crash
 * await reencryptTable({
 *   columns: { email },
 *   fetch: ({ after, limit }) => rows.filter((r) => after === undefined || r.uuid > String(after)).slice(0, limit),
 *   id: (row) => row.uuid, // rows are fetched in increasing uuid order
 *   update: (changes, { cursor }) => {
 *     for (const c of changes) Object.assign(c.row, c.set);
 *     saved = cursor;
 *   },
 * });
 * console.log(saved); // 'a1'
 * ```
 */
export type RowKey = string | number | bigint;

/**
 * One encrypted column and how to handle it.
 *
 * @example
 * ```ts
 * import { fieldCipher, type ReencryptColumn, reencryptTable } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * type User = { id: number; email: string; email_bidx: string };
 * const keyring = Keyring.generate('A256GCM');
 * const email = fieldCipher(keyring, { table: 'users', column: 'email', blindIndex: true });
 * const rows: User[] = [1, 2].map((id) => {
 *   const address = `user${id}@example.com`;
 *   return { id, email: email.encrypt(address, { rowId: id }), email_bidx: email.blindIndex(address) };
 * });
 * keyring.rotate();
 * const column: ReencryptColumn<User> = { cipher: email, rowId: (row) => row.id, blindIndex: 'email_bidx' };
 * await reencryptTable<User>({
 *   columns: { email: column },
 *   fetch: ({ after, limit }) => rows.filter((r) => r.id > Number(after ?? 0)).slice(0, limit),
 *   update: (changes) => {
 *     for (const c of changes) Object.assign(c.row, c.set); // new ciphertext and blind index
 *   },
 * });
 * console.log(rows[0]!.email_bidx === email.blindIndex('user1@example.com')); // true
 * ```
 */
export interface ReencryptColumn<Row> {
  cipher: FieldCipher;
  /** When the column binds the row id: how to get it from the row. */
  rowId?: (row: Row) => RowId;
  /** The column holding this column's blind index: it is recomputed under the new key. */
  blindIndex?: string;
}

/**
 * The new values of one row: column → value, ready for `UPDATE … SET`.
 *
 * @example
 * ```ts
 * import { fieldCipher, reencryptTable, type RowChange } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * type Row = { id: number; email: string };
 * const keyring = Keyring.generate('A256GCM');
 * const email = fieldCipher(keyring, { table: 'users', column: 'email' });
 * const table = new Map<number, Row>([[1, { id: 1, email: email.encrypt('a@example.com') }]]);
 * keyring.rotate();
 * const written: RowChange<Row>[] = [];
 * await reencryptTable<Row>({
 *   columns: { email },
 *   fetch: ({ after, limit }) => [...table.values()].filter((r) => r.id > Number(after ?? 0)).slice(0, limit),
 *   update: (changes) => {
 *     for (const { id, row, set } of changes) {
 *       // Compare-and-swap: skip the row if someone changed it since it was read.
 *       if (table.get(Number(id))?.email === row.email) table.set(Number(id), { ...row, ...set });
 *       written.push({ id, row, set });
 *     }
 *   },
 * });
 * console.log(written.length, Object.keys(written[0]!.set)); // 1 [ 'email' ]
 * ```
 */
export interface RowChange<Row> {
  id: RowKey;
  /** The row as fetched (compare-and-swap on its old values to avoid lost updates). */
  row: Row;
  /** Only the columns that changed (ciphertexts and blind indexes). */
  set: Record<string, string | Uint8Array>;
}

/**
 * Where a run stands.
 *
 * @example
 * ```ts
 * import { fieldCipher, type ReencryptProgress, reencryptTable } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const email = fieldCipher(keyring, { table: 'users', column: 'email' });
 * const rows = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, email: email.encrypt(`u${i}@example.com`) }));
 * keyring.rotate();
 * const seen: ReencryptProgress[] = [];
 * await reencryptTable({
 *   columns: { email },
 *   batchSize: 2,
 *   fetch: ({ after, limit }) => rows.filter((r) => r.id > Number(after ?? 0)).slice(0, limit),
 *   update: (changes) => {
 *     for (const c of changes) Object.assign(c.row, c.set);
 *   },
 *   onProgress: (p) => seen.push({ ...p }),
 * });
 * console.log(seen.map((p) => p.scanned)); // [ 2, 4, 5 ]
 * ```
 */
export interface ReencryptProgress {
  /** Batches done. */
  batches: number;
  /** Rows read. */
  scanned: number;
  /** Rows changed. */
  updated: number;
  /** The last row id done: pass it as `after` to resume from here. */
  cursor: RowKey | undefined;
}

/**
 * The result of {@link reencryptTable}.
 *
 * @example
 * ```ts
 * import { fieldCipher, type ReencryptResult, reencryptTable } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const email = fieldCipher(keyring, { table: 'users', column: 'email' });
 * const rows = [{ id: 1, email: email.encrypt('a@example.com') }];
 * keyring.rotate();
 * const stop = new AbortController();
 * stop.abort(); // e.g. on SIGTERM: the run stops between batches
 * const result: ReencryptResult = await reencryptTable({
 *   columns: { email },
 *   fetch: () => rows,
 *   update: () => {},
 *   signal: stop.signal,
 * });
 * console.log(result.complete, result.cursor); // false undefined: resume with { after: result.cursor }
 * ```
 */
export interface ReencryptResult extends ReencryptProgress {
  /** False when `signal` stopped the run early (resume with `after: cursor`). */
  complete: boolean;
}

/**
 * Options of {@link reencryptTable}.
 *
 * @example
 * ```ts
 * import { fieldCipher, type ReencryptTableOptions, reencryptTable } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * type Row = { id: bigint; ssn: string };
 * const keyring = Keyring.generate('A256GCM');
 * const ssn = fieldCipher(keyring, { table: 'people', column: 'ssn' });
 * const rows: Row[] = [{ id: 1n, ssn: ssn.encrypt('123-45-6789') }];
 * keyring.rotate();
 * const options: ReencryptTableOptions<Row> = {
 *   columns: { ssn },
 *   batchSize: 1000,
 *   fetch: ({ after, limit }) => rows.filter((r) => after === undefined || r.id > BigInt(after)).slice(0, limit),
 *   update: (changes) => {
 *     for (const c of changes) Object.assign(c.row, c.set); // one transaction per batch in a real database
 *   },
 * };
 * console.log((await reencryptTable(options)).updated); // 1
 * ```
 */
export interface ReencryptTableOptions<Row> {
  /** The encrypted columns: name → cipher, or name → {@link ReencryptColumn}. */
  columns: Record<string, FieldCipher | ReencryptColumn<Row>>;
  /**
   * Reads the next batch: at most `limit` rows whose id is greater than `after` (all rows
   * when `after` is undefined), in increasing id order, with the id and encrypted columns.
   */
  fetch(batch: {
    after: RowKey | undefined;
    limit: number;
  }): Promise<readonly Row[]> | readonly Row[];
  /**
   * Writes one batch of changes (called once per batch, possibly with none). Write them in
   * one transaction, and in that transaction save `cursor` if you want to resume from it.
   */
  update(changes: RowChange<Row>[], batch: { cursor: RowKey }): Promise<void> | void;
  /** The row's id (default `row.id`). */
  id?: ((row: Row) => RowKey) | undefined;
  /** Resume after this id (from a saved cursor). Default: from the first row. */
  after?: RowKey | undefined;
  /** Rows per batch, 1 to 100000 (default 500). */
  batchSize?: number | undefined;
  /** Called after each batch. */
  onProgress?: ((progress: ReencryptProgress) => void) | undefined;
  /** Stops between batches when aborted; the result then has `complete: false`. */
  signal?: AbortSignal | undefined;
}

/**
 * Re-encrypts a table's encrypted columns under each cipher's current primary key, in
 * batches: reads rows with `fetch`, skips values already under the primary (header check,
 * no decryption), decrypts and re-encrypts the others (and recomputes their blind
 * indexes), and writes each batch with `update`. Run it after `keyring.rotate()`; once it
 * completes, no value is left under an older key, which can then be disabled and removed.
 *
 * Crash-safe by construction: a batch is written by one `update` call (make it one
 * transaction), and values already done are skipped, so after a crash run it again, from
 * the start or from the last `cursor` you saved in that transaction.
 *
 * @param options - `columns`, `fetch`, `update`, and optionally `id`, `after`, `batchSize`,
 *   `onProgress`, `signal`
 * @returns counts and the last cursor; `complete` is false only when `signal` stopped it
 * @throws {@link cachet!AuthenticationError} ERR_AUTH_FAILED when a value does not decrypt (the
 *   message names the row id and column)
 * @throws {@link cachet!InvalidInputError} for bad options, or a value that is not a ciphertext
 * @throws {@link cachet!ProviderError} ERR_PROVIDER when `fetch` or `update` throws (its error is the cause)
 * @example
 * ```ts
 * import { fieldCipher, reencryptTable } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * const email = fieldCipher(keyring, { table: 'users', column: 'email' });
 * const rows = [1, 2, 3].map((id) => ({ id, email: email.encrypt(`user${id}@example.com`) }));
 * keyring.rotate();
 * const result = await reencryptTable({
 *   columns: { email },
 *   fetch: ({ after, limit }) => rows.filter((r) => after === undefined || r.id > Number(after)).slice(0, limit),
 *   update: (changes) => { for (const c of changes) Object.assign(rows.find((r) => r.id === c.id)!, c.set); },
 * });
 * console.log(result.updated); // 3
 * ```
 */
export async function reencryptTable<Row>(
  options: ReencryptTableOptions<Row>,
): Promise<ReencryptResult> {
  const { runReencryption } = await import('./reencrypt-run.js');
  return runReencryption(options);
}

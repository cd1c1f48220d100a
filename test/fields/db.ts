// The database side of the fields integration test, shared by the test and its worker
// process: one node-postgres Pool for both databases (PGlite through its node-postgres
// adapter, or a real PostgreSQL from DATABASE_URL), the users table, the ciphers, and the
// fetch/update callbacks reencryptTable drives.
import { existsSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { type FieldCipher, fieldCipher, type RowChange } from '../../src/fields/index.js';
import type { Keyring } from '../../src/keys/index.js';

export type DbKind = 'pglite' | 'postgres';

export interface Db {
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Opens PGlite on a data directory, or PostgreSQL at a URL. */
export async function openDb(kind: DbKind, location: string): Promise<Db> {
  if (kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: location, max: 2 });
    return { pool, close: () => pool.end() };
  }
  // A new data directory is made in memory and loaded from a tarball: initdb writing
  // thousands of small files through the WASM file system is two to three times slower.
  let lite: PGlite;
  if (existsSync(location)) lite = await PGlite.create(location);
  else {
    const blank = await PGlite.create();
    const image = await blank.dumpDataDir('none');
    await blank.close();
    lite = await PGlite.create(location, { loadDataDir: image });
  }
  const pool = new pg.Pool(createPgConfig(lite) as pg.PoolConfig);
  return {
    pool,
    close: async () => {
      await pool.end();
      await lite.close();
    },
  };
}

export interface UserRow {
  id: string; // BIGINT comes back as a string
  email: string;
  email_bidx: string;
  national_id: string;
  profile: Uint8Array;
}

export interface Ciphers {
  email: FieldCipher;
  nationalId: FieldCipher;
  profile: FieldCipher;
}

/** Email (randomized, blind-indexed), national id (deterministic), profile (JSON, row-bound, BYTEA). */
export function ciphers(table: string, main: Keyring, deterministic: Keyring): Ciphers {
  return {
    email: fieldCipher(main, {
      table,
      column: 'email',
      blindIndex: { normalize: 'email', bits: 32 },
      pad: 16,
    }),
    nationalId: fieldCipher(deterministic, { table, column: 'national_id', deterministic: true }),
    profile: fieldCipher(main, { table, column: 'profile' }),
  };
}

export async function createTable(pool: pg.Pool, table: string): Promise<void> {
  await pool.query(`CREATE TABLE ${table} (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    email_bidx text NOT NULL,
    national_id text NOT NULL,
    profile bytea NOT NULL)`);
  await pool.query(`CREATE INDEX ${table}_email_bidx ON ${table} USING btree (email_bidx)`);
  await pool.query(`CREATE INDEX ${table}_national_id ON ${table} USING btree (national_id)`);
  await pool.query(`CREATE TABLE ${table}_job (name text PRIMARY KEY, cursor bigint NOT NULL)`);
}

export function columns(c: Ciphers) {
  return {
    email: { cipher: c.email, blindIndex: 'email_bidx' },
    national_id: c.nationalId,
    profile: { cipher: c.profile, rowId: (row: UserRow) => row.id },
  };
}

export function fetchBatch(pool: pg.Pool, table: string) {
  return async ({ after, limit }: { after: unknown; limit: number }): Promise<UserRow[]> => {
    const { rows } = await pool.query<UserRow>(
      `SELECT id, email, email_bidx, national_id, profile FROM ${table}
       WHERE id > $1 ORDER BY id LIMIT $2`,
      [after ?? -1, limit],
    );
    return rows;
  };
}

/**
 * Writes one batch in one transaction: every row with a compare-and-swap on its old values
 * (a concurrent write wins over the re-encryption, which then finds it current), and the
 * job's cursor. `beforeCommit` lets the test stop the worker inside the transaction.
 */
export function updateBatch(
  pool: pg.Pool,
  table: string,
  beforeCommit?: (cursor: string) => Promise<void>,
) {
  return async (changes: RowChange<UserRow>[], { cursor }: { cursor: unknown }): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      if (changes.length > 0) {
        const pick = <T>(f: (c: RowChange<UserRow>) => T) => changes.map(f);
        await client.query(
          `UPDATE ${table} AS t SET
             email = coalesce(u.email, t.email),
             email_bidx = coalesce(u.email_bidx, t.email_bidx),
             national_id = coalesce(u.national_id, t.national_id),
             profile = coalesce(u.profile, t.profile)
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[], $7::text[], $8::bytea[])
             AS u(id, email, email_bidx, national_id, profile, old_email, old_national_id, old_profile)
           WHERE t.id = u.id AND t.email = u.old_email AND t.national_id = u.old_national_id
             AND t.profile = u.old_profile`,
          [
            pick((c) => c.id),
            pick((c) => c.set['email'] ?? null),
            pick((c) => c.set['email_bidx'] ?? null),
            pick((c) => c.set['national_id'] ?? null),
            pick((c) => (c.set['profile'] ? Buffer.from(c.set['profile'] as Uint8Array) : null)),
            pick((c) => c.row.email),
            pick((c) => c.row.national_id),
            pick((c) => Buffer.from(c.row.profile)),
          ],
        );
      }
      await client.query(
        `INSERT INTO ${table}_job (name, cursor) VALUES ('rotate', $1)
         ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor`,
        [cursor],
      );
      await beforeCommit?.(String(cursor));
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
}

export async function savedCursor(pool: pg.Pool, table: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ cursor: string }>(
    `SELECT cursor FROM ${table}_job WHERE name = 'rotate'`,
  );
  return rows[0]?.cursor;
}

// The scenario on a real database, the same code on PGlite (embedded, always) and
// on PostgreSQL (when DATABASE_URL is set; CI sets it): a users table with an encrypted,
// blind-indexed email (B-tree index), a deterministic national id and an encrypted JSON
// profile (BYTEA, bound to its row). 10,000 rows; lookups by email and by national id;
// the keyrings rotate; a worker process re-encrypts in batches of 500 and is killed with
// SIGKILL inside its 11th transaction; a second worker resumes from the saved cursor. In
// the end every row decrypts to its original value with the old keys removed.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FieldValue } from '../../src/fields/index.js';
import { Keyring } from '../../src/keys/index.js';
import {
  type Ciphers,
  ciphers,
  createTable,
  type DbKind,
  openDb,
  savedCursor,
  type UserRow,
} from './db.js';

const ROWS = 10_000;
const BATCH = 500;
const root = resolve(import.meta.dirname, '../..');
const worker = resolve(import.meta.dirname, 'reencrypt-worker.fixture.ts');
const url = process.env.DATABASE_URL;
if (!url) console.warn('skipping the PostgreSQL run: DATABASE_URL is not set (CI sets it)');

const scratch = mkdtempSync(join(tmpdir(), 'cachet-fields-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Original {
  email: string;
  nationalId: string;
  profile: FieldValue;
}

function original(i: number): Original {
  const digits = String(100_000_000 + i * 7919).slice(-9);
  return {
    // Some addresses as a user might type them: the blind index normalizes them.
    email: i % 7 === 0 ? ` User${i}@Example.COM` : `user${i}@example.com`,
    nationalId: `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`,
    profile: {
      id: i,
      name: `User ${i}`,
      plan: ['free', 'pro', 'team'][i % 3]!,
      since: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString(),
      tags: i % 2 ? ['beta'] : [],
    },
  };
}

/** A worker process and its output, line by line. */
function startWorker(args: string[]): {
  child: ChildProcess;
  lines: string[];
  line(pattern: RegExp): Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<[RegExp, (line: string) => void]> = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      lines.push(line);
      for (const [pattern, resolve] of waiters) if (pattern.test(line)) resolve(line);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    line: (pattern) =>
      Promise.race([
        new Promise<string>((resolve) => {
          const seen = lines.find((l) => pattern.test(l));
          if (seen) resolve(seen);
          else waiters.push([pattern, resolve]);
        }),
        exit.then(({ code, signal }) => {
          throw new Error(
            `worker exited (${code ?? signal}) before ${pattern}:\n${lines.join('\n')}\n${stderr}`,
          );
        }),
      ]),
    exit,
  };
}

async function insertAll(db: Awaited<ReturnType<typeof openDb>>, table: string, c: Ciphers) {
  for (let start = 1; start <= ROWS; start += 1000) {
    const ids: number[] = [];
    const cols: [string[], string[], string[], Buffer[]] = [[], [], [], []];
    for (let i = start; i < start + 1000; i++) {
      const o = original(i);
      ids.push(i);
      cols[0].push(c.email.encrypt(o.email));
      cols[1].push(c.email.blindIndex(o.email));
      cols[2].push(c.nationalId.encrypt(o.nationalId));
      cols[3].push(Buffer.from(c.profile.encryptBytes(o.profile, { rowId: i })));
    }
    await db.pool.query(
      `INSERT INTO ${table} (id, email, email_bidx, national_id, profile)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bytea[])`,
      [ids, ...cols],
    );
  }
}

/** Finds users by email through the blind index (any active key), then drops false matches. */
async function findByEmail(
  db: Awaited<ReturnType<typeof openDb>>,
  table: string,
  c: Ciphers,
  email: string,
) {
  const { rows } = await db.pool.query<UserRow>(
    `SELECT id, email FROM ${table} WHERE email_bidx = ANY($1)`,
    [c.email.blindIndexes(email)],
  );
  const wanted = email.trim().toLowerCase();
  return rows
    .filter((r) => String(c.email.decrypt(r.email)).trim().toLowerCase() === wanted)
    .map((r) => Number(r.id));
}

async function findByNationalId(
  db: Awaited<ReturnType<typeof openDb>>,
  table: string,
  c: Ciphers,
  id: string,
) {
  const { rows } = await db.pool.query<UserRow>(
    `SELECT id FROM ${table} WHERE national_id = ANY($1)`,
    [c.nationalId.encryptForLookup(id)],
  );
  return rows.map((r) => Number(r.id));
}

const targets: Array<{ name: string; kind: DbKind; enabled: boolean }> = [
  { name: 'PGlite (embedded)', kind: 'pglite', enabled: true },
  { name: 'PostgreSQL (DATABASE_URL)', kind: 'postgres', enabled: !!url },
];

for (const target of targets) {
  describe(`fields on ${target.name}`, () => {
    it.skipIf(!target.enabled)(
      `${ROWS} rows: lookups, rotation, a SIGKILLed re-encryption resumed, every row intact`,
      { timeout: 240_000 },
      async () => {
        const table =
          target.kind === 'pglite' ? 'users' : `fields_users_${randomBytes(4).toString('hex')}`;
        const location =
          target.kind === 'pglite'
            ? join(scratch, `pglite-${randomBytes(4).toString('hex')}`)
            : url!;
        const main = Keyring.generate('A256GCM');
        const deterministic = Keyring.generate('AES-SIV');
        let c = ciphers(table, main, deterministic);

        // 1. Create and fill the table.
        let db = await openDb(target.kind, location);
        try {
          await createTable(db.pool, table);
          await insertAll(db, table, c);
          await db.pool.query(`ANALYZE ${table}`);
          expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(
            ROWS,
          );

          // 2. Lookups: by email through the blind index (a B-tree index scan), by national id
          // through deterministic encryption.
          expect(await findByEmail(db, table, c, 'user1234@example.com')).toEqual([1234]);
          expect(await findByEmail(db, table, c, 'user14@example.com')).toEqual([14]); // stored as ' User14@Example.COM'
          expect(await findByEmail(db, table, c, 'nobody@example.com')).toEqual([]);
          expect(await findByNationalId(db, table, c, original(4321).nationalId)).toEqual([4321]);
          const index = c.email.blindIndex('user1234@example.com');
          expect(index).toMatch(/^[0-9a-f]{8}$/);
          const plan = (
            await db.pool.query(`EXPLAIN SELECT id FROM ${table} WHERE email_bidx = '${index}'`)
          ).rows
            .map((r: Record<string, string>) => r['QUERY PLAN'])
            .join('\n');
          expect(plan).toMatch(/Index|Bitmap/);
        } finally {
          await db.close();
        }

        // 3. Rotate both keyrings and hand them to the workers.
        const oldMain = main.primary.id;
        const oldDeterministic = deterministic.primary.id;
        main.rotate();
        deterministic.rotate();
        const keyringFile = join(scratch, `keyrings-${table}.json`);
        writeFileSync(
          keyringFile,
          JSON.stringify({
            main: JSON.stringify(main.toSecretJSON()),
            deterministic: JSON.stringify(deterministic.toSecretJSON()),
          }),
          { mode: 0o600 },
        );
        const args = [target.kind, location, table, keyringFile];

        // 4. The first worker is killed with SIGKILL inside its 11th transaction.
        const first = startWorker([...args, '11']);
        await first.line(/^in-transaction 11$/);
        first.child.kill('SIGKILL');
        expect((await first.exit).signal).toBe('SIGKILL');
        expect(first.lines.filter((l) => l.startsWith('batch '))).toHaveLength(10);

        // 5. Halfway: 10 batches committed, the 11th rolled back; lookups match both halves.
        const newPrefix = c.email.textPrefix();
        db = await openDb(target.kind, location);
        try {
          expect(await savedCursor(db.pool, table)).toBe(String(10 * BATCH));
          const { rows } = await db.pool.query(
            `SELECT count(*) FILTER (WHERE left(email, 12) = $1 AND id <= $2)::int AS done,
                    count(*) FILTER (WHERE left(email, 12) <> $1 AND id > $2)::int AS pending
             FROM ${table}`,
            [newPrefix, 10 * BATCH],
          );
          expect(rows[0]).toEqual({ done: 10 * BATCH, pending: ROWS - 10 * BATCH });
          expect(await findByEmail(db, table, c, 'user10@example.com')).toEqual([10]);
          expect(await findByEmail(db, table, c, 'user9999@example.com')).toEqual([9999]);
          expect(await findByNationalId(db, table, c, original(10).nationalId)).toEqual([10]);
          expect(await findByNationalId(db, table, c, original(9999).nationalId)).toEqual([9999]);
        } finally {
          await db.close();
        }

        // 6. A second worker resumes from the saved cursor and finishes.
        const second = startWorker([...args, '0']);
        const done = await second.line(/^done /);
        expect((await second.exit).code).toBe(0);
        expect(second.lines[0]).toBe(`resume ${10 * BATCH}`);
        expect(JSON.parse(done.slice(5))).toEqual({
          batches: (ROWS - 10 * BATCH) / BATCH,
          scanned: ROWS - 10 * BATCH,
          updated: ROWS - 10 * BATCH,
          cursor: String(ROWS),
          complete: true,
        });

        // 7. The old keys go; every row still decrypts to its original value.
        main.remove(oldMain);
        deterministic.remove(oldDeterministic);
        c = ciphers(table, main, deterministic);
        db = await openDb(target.kind, location);
        try {
          const { rows } = await db.pool.query<UserRow>(
            `SELECT id, email, email_bidx, national_id, profile FROM ${table} ORDER BY id`,
          );
          expect(rows).toHaveLength(ROWS);
          for (const row of rows) {
            const i = Number(row.id);
            const o = original(i);
            expect(c.email.decrypt(row.email)).toBe(o.email);
            expect(row.email_bidx).toBe(c.email.blindIndex(o.email));
            expect(c.nationalId.decrypt(row.national_id)).toBe(o.nationalId);
            expect(row.national_id).toBe(c.nationalId.encrypt(o.nationalId));
            expect(c.profile.decrypt(row.profile, { rowId: row.id })).toEqual(o.profile);
            expect(c.email.needsReencrypt(row.email)).toBe(false);
            expect(c.nationalId.needsReencrypt(row.national_id)).toBe(false);
            expect(c.profile.needsReencrypt(row.profile)).toBe(false);
          }
          const stale = await db.pool.query(
            `SELECT count(*)::int AS n FROM ${table} WHERE left(email, 12) <> $1 OR left(national_id, 12) <> $2`,
            [c.email.textPrefix(), c.nationalId.textPrefix()],
          );
          expect(stale.rows[0].n).toBe(0);
          expect(c.email.blindIndexes('user1234@example.com')).toHaveLength(1);
          expect(await findByEmail(db, table, c, 'USER1234@example.com')).toEqual([1234]);
          expect(await findByNationalId(db, table, c, original(4321).nationalId)).toEqual([4321]);
        } finally {
          if (target.kind === 'postgres') {
            await db.pool.query(`DROP TABLE ${table}, ${table}_job`);
          }
          await db.close();
        }
      },
    );
  });
}

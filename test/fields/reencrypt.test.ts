// reencryptTable against an in-memory table, on both backends and in Chromium: batches,
// blind index columns, row-bound columns, resumption from a cursor or from scratch after a
// failure, abort, and typed errors for bad callbacks and bad data. The real-database
// version (PGlite and PostgreSQL, with a SIGKILLed worker) is postgres.node.test.ts.
import { expect, it } from 'vitest';
import { AuthenticationError, CachetError, ProviderError } from '../../src/errors.js';
import { fieldCipher, type RowChange, reencryptTable } from '../../src/fields/index.js';
import { Keyring } from '../../src/keys/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';

interface Row {
  id: number;
  email: string | null;
  email_bidx: string | null;
  profile: Uint8Array | null;
}

function setup(n: number) {
  const keyring = Keyring.generate('A256GCM');
  const email = fieldCipher(keyring, {
    table: 'users',
    column: 'email',
    blindIndex: { normalize: 'email' },
  });
  const profile = fieldCipher(keyring, { table: 'users', column: 'profile' });
  const rows: Row[] = [];
  for (let id = 1; id <= n; id++) {
    const address = id % 10 === 0 ? null : `user${id}@example.com`;
    rows.push({
      id,
      email: address === null ? null : email.encrypt(address),
      email_bidx: address === null ? null : email.blindIndex(address),
      profile: profile.encryptBytes({ id, plan: id % 2 ? 'free' : 'pro' }, { rowId: id }),
    });
  }
  const table = new Map(rows.map((r) => [r.id, r]));
  const fetch = ({ after, limit }: { after: unknown; limit: number }) =>
    [...table.values()]
      .filter((r) => after === undefined || r.id > Number(after))
      .slice(0, limit)
      .map((r) => ({ ...r }));
  const apply = (changes: RowChange<Row>[]) => {
    for (const c of changes) Object.assign(table.get(Number(c.id))!, c.set);
  };
  const columns = {
    email: { cipher: email, blindIndex: 'email_bidx' },
    profile: { cipher: profile, rowId: (r: Row) => r.id },
  };
  const check = () => {
    for (const r of table.values()) {
      const address = r.id % 10 === 0 ? null : `user${r.id}@example.com`;
      if (address !== null) {
        expect(email.decrypt(r.email!)).toBe(address);
        expect(email.needsReencrypt(r.email!)).toBe(false);
        expect(r.email_bidx).toBe(email.blindIndex(address));
      } else expect(r.email).toBeNull();
      expect(profile.decrypt(r.profile!, { rowId: r.id })).toEqual({
        id: r.id,
        plan: r.id % 2 ? 'free' : 'pro',
      });
      expect(profile.needsReencrypt(r.profile!)).toBe(false);
    }
  };
  return { keyring, email, profile, table, fetch, apply, columns, check };
}

describeEachBackend('reencryptTable', () => {
  it('moves every value to the new primary key in batches, blind indexes included', async () => {
    const t = setup(1234);
    const oldIndex = t.email.blindIndex('user1@example.com');
    const oldId = t.keyring.primary.id;
    t.keyring.rotate();
    const progress: number[] = [];
    let updates = 0;
    const result = await reencryptTable({
      columns: t.columns,
      fetch: t.fetch,
      update: (changes, { cursor }) => {
        updates++;
        expect(changes.length).toBeLessThanOrEqual(100);
        expect(cursor).toBe(changes.at(-1)?.id ?? cursor);
        // Only changed columns, in the form they were stored in.
        for (const c of changes) {
          expect(typeof c.set['email'] === 'string' || c.row.email === null).toBe(true);
          expect(c.set['profile']).toBeInstanceOf(Uint8Array);
        }
        t.apply(changes);
      },
      batchSize: 100,
      onProgress: (p) => progress.push(p.scanned),
    });
    expect(result).toEqual({
      batches: 13,
      scanned: 1234,
      updated: 1234,
      cursor: 1234,
      complete: true,
    });
    expect(updates).toBe(13);
    expect(progress).toEqual([...Array.from({ length: 12 }, (_, i) => (i + 1) * 100), 1234]);
    expect(t.table.get(1)!.email_bidx).not.toBe(oldIndex);
    t.keyring.remove(oldId);
    t.check();
    // Idempotent: a second run finds nothing to do.
    const again = await reencryptTable({ columns: t.columns, fetch: t.fetch, update: t.apply });
    expect(again.updated).toBe(0);
    expect(again.scanned).toBe(1234);
  });

  it('resumes after a failure, from the saved cursor or from scratch', async () => {
    const t = setup(500);
    t.keyring.rotate();
    let saved: number | undefined;
    let batches = 0;
    const failing = reencryptTable({
      columns: t.columns,
      fetch: t.fetch,
      update: (changes, { cursor }) => {
        if (++batches === 3) throw new Error('connection reset');
        t.apply(changes);
        saved = Number(cursor);
      },
      batchSize: 50,
    });
    const err = await failing.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).cause).toBeInstanceOf(Error);
    expect(saved).toBe(100);
    const resumed = await reencryptTable({
      columns: t.columns,
      fetch: t.fetch,
      update: t.apply,
      after: saved,
      batchSize: 50,
    });
    expect(resumed.scanned).toBe(400);
    expect(resumed.updated).toBe(400);
    t.check();

    // From scratch: the rows already done are skipped without decrypting.
    const u = setup(300);
    u.keyring.rotate();
    await reencryptTable({
      columns: u.columns,
      fetch: u.fetch,
      update: u.apply,
      batchSize: 100,
      signal: AbortSignal.abort(),
    });
    let n = 0;
    const controller = new AbortController();
    const stopped = await reencryptTable({
      columns: u.columns,
      fetch: u.fetch,
      update: (changes) => {
        u.apply(changes);
        if (++n === 2) controller.abort();
      },
      batchSize: 100,
      signal: controller.signal,
    });
    expect(stopped).toMatchObject({ complete: false, updated: 200, cursor: 200 });
    const rest = await reencryptTable({
      columns: u.columns,
      fetch: u.fetch,
      update: u.apply,
      batchSize: 100,
    });
    expect(rest).toMatchObject({ complete: true, scanned: 300, updated: 100 });
    u.check();
  });

  it('stops with ERR_AUTH_FAILED naming the row when a value does not decrypt', async () => {
    const t = setup(20);
    t.table.get(7)!.email = t.email.encrypt('moved here', { rowId: 99 });
    t.keyring.rotate();
    const err = await reencryptTable({ columns: t.columns, fetch: t.fetch, update: t.apply }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).toMatch(/row 7, column "email"/);
    expect((err as Error).message).not.toMatch(/moved here/);
    t.table.get(7)!.email = 'plain text, never encrypted';
    const err2 = await reencryptTable({
      columns: t.columns,
      fetch: t.fetch,
      update: t.apply,
    }).catch((e: unknown) => e);
    expect((err2 as CachetError).code).toBe('ERR_INVALID_FORMAT');
    expect((err2 as Error).message).not.toMatch(/plain text/);
  });

  it('refuses bad options and misbehaving callbacks with typed errors', async () => {
    const t = setup(5);
    t.keyring.rotate();
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => reencryptTable(null as never), 'ERR_INVALID_ARGUMENT'],
      [
        () => reencryptTable({ columns: {}, fetch: t.fetch, update: t.apply }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () => reencryptTable({ columns: { email: 'x' as never }, fetch: t.fetch, update: t.apply }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () => reencryptTable({ columns: t.columns, fetch: 5 as never, update: t.apply }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () => reencryptTable({ columns: t.columns, fetch: t.fetch, update: t.apply, batchSize: 0 }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () => reencryptTable({ columns: t.columns, fetch: () => 'rows' as never, update: t.apply }),
        'ERR_INVALID_ARGUMENT',
      ],
      // A fetch that ignores `after` would loop for ever: refused.
      [
        () =>
          reencryptTable({
            columns: t.columns,
            fetch: () => [...t.table.values()],
            update: t.apply,
            batchSize: 5,
          }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () =>
          reencryptTable({
            columns: t.columns,
            fetch: () => [...t.table.values()],
            update: t.apply,
            batchSize: 2,
          }),
        'ERR_INVALID_ARGUMENT',
      ],
      [
        () =>
          reencryptTable({
            columns: t.columns,
            fetch: () => Promise.reject(new Error('down')),
            update: t.apply,
          }),
        'ERR_PROVIDER',
      ],
      [
        () =>
          reencryptTable({
            columns: t.columns,
            fetch: t.fetch,
            update: t.apply,
            id: () => ({}) as never,
          }),
        'ERR_INVALID_ARGUMENT',
      ],
    ];
    for (const [run, code] of cases) {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CachetError);
      expect((err as CachetError).code).toBe(code);
    }
  });
});

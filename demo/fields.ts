// Field encryption on an embedded Postgres (PGlite): users with an encrypted, blind-indexed
// email, a deterministic national id and an encrypted JSON profile; a lookup by email; a key
// rotation and a batched re-encryption with a progress bar; and a record sealed with aead.
import { PGlite } from '@electric-sql/pglite';
import { aead } from '../src/aead/index.js';
import { fieldCipher, reencryptTable } from '../src/fields/index.js';
import { Keyring } from '../src/keys/index.js';
import { type DemoLog, expect } from './log.js';

const USERS = 2000;

function bar(done: number, total: number): string {
  const width = 24;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export async function run(log: DemoLog): Promise<void> {
  log.step('Database column encryption (cachet/fields, cachet/aead)');
  const db = await PGlite.create();
  try {
    await db.exec(`CREATE TABLE users (
      id bigint PRIMARY KEY, email text NOT NULL, email_bidx text NOT NULL,
      national_id text NOT NULL, profile bytea NOT NULL);
      CREATE INDEX users_email_bidx ON users (email_bidx);
      CREATE INDEX users_national_id ON users (national_id)`);
    const keyring = Keyring.generate('A256GCM');
    const sivKeyring = Keyring.generate('AES-SIV');
    const email = fieldCipher(keyring, {
      table: 'users',
      column: 'email',
      blindIndex: { normalize: 'email' },
    });
    const nationalId = fieldCipher(sivKeyring, {
      table: 'users',
      column: 'national_id',
      deterministic: true,
    });
    const profile = fieldCipher(keyring, { table: 'users', column: 'profile' });
    const addressOf = (i: number) => `user${i}@example.com`;
    const idOf = (i: number) =>
      `${String(100 + (i % 900))}-${String(i % 100).padStart(2, '0')}-${String(i).padStart(4, '0')}`;

    const rows: unknown[][] = [[], [], [], [], []];
    for (let i = 1; i <= USERS; i++) {
      rows[0]!.push(i);
      rows[1]!.push(email.encrypt(addressOf(i)));
      rows[2]!.push(email.blindIndex(addressOf(i)));
      rows[3]!.push(nationalId.encrypt(idOf(i)));
      rows[4]!.push(
        profile.encryptBytes({ name: `User ${i}`, plan: i % 3 ? 'free' : 'pro' }, { rowId: i }),
      );
    }
    await db.query(
      'INSERT INTO users SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bytea[])',
      rows,
    );
    const sample = await db.query<{ email: string }>('SELECT email FROM users WHERE id = 1');
    log.ok(
      `stored ${USERS} users in PGlite; an email column now reads ${sample.rows[0]!.email.slice(0, 24)}…`,
    );

    const typed = '  User1234@Example.COM ';
    const found = await db.query<{ id: number; email: string; profile: Uint8Array }>(
      'SELECT id, email, profile FROM users WHERE email_bidx = ANY($1)',
      [email.blindIndexes(typed)],
    );
    const match = found.rows.filter((r) => email.decrypt(r.email) === typed.trim().toLowerCase());
    expect(match.length === 1 && Number(match[0]!.id) === 1234, 'lookup by email');
    const details = profile.decrypt(match[0]!.profile, { rowId: match[0]!.id }) as { name: string };
    log.ok(
      `found "${typed.trim()}" through the blind index (B-tree): user ${match[0]!.id}, ${details.name}`,
    );

    const byId = await db.query<{ id: number }>('SELECT id FROM users WHERE national_id = $1', [
      nationalId.encrypt(idOf(77)),
    ]);
    expect(byId.rows.length === 1 && Number(byId.rows[0]!.id) === 77, 'lookup by national id');
    log.ok('found a user by national id through deterministic encryption (AES-SIV)');

    const moved = await db.query<{ email: string }>('SELECT email FROM users WHERE id = 2');
    const swapped = (() => {
      try {
        profile.decrypt(match[0]!.profile, { rowId: 2 });
        return 'decrypted';
      } catch (err) {
        return (err as { code: string }).code;
      }
    })();
    expect(swapped === 'ERR_AUTH_FAILED', 'row binding');
    expect(email.decrypt(moved.rows[0]!.email) === addressOf(2), 'other rows intact');
    log.ok(`a profile copied to another row is refused: ${swapped}`);

    const oldKey = keyring.primary.id;
    const oldSiv = sivKeyring.primary.id;
    keyring.rotate();
    sivKeyring.rotate();
    log.info(
      `rotated to keys ${keyring.primary.id} and ${sivKeyring.primary.id}; re-encrypting in batches of 500:`,
    );
    const result = await reencryptTable({
      columns: {
        email: { cipher: email, blindIndex: 'email_bidx' },
        national_id: nationalId,
        profile: { cipher: profile, rowId: (row: { id: number }) => row.id },
      },
      batchSize: 500,
      fetch: async ({ after, limit }) =>
        (
          await db.query<{ id: number; email: string; national_id: string; profile: Uint8Array }>(
            'SELECT id, email, national_id, profile FROM users WHERE id > $1 ORDER BY id LIMIT $2',
            [after ?? 0, limit],
          )
        ).rows,
      update: (changes) =>
        db.transaction(async (tx) => {
          for (const { id, set } of changes) {
            await tx.query(
              `UPDATE users SET email = coalesce($2, email), email_bidx = coalesce($3, email_bidx),
                 national_id = coalesce($4, national_id), profile = coalesce($5, profile) WHERE id = $1`,
              [
                id,
                set['email'] ?? null,
                set['email_bidx'] ?? null,
                set['national_id'] ?? null,
                set['profile'] ?? null,
              ],
            );
          }
        }),
      onProgress: ({ scanned }) => log.info(bar(scanned, USERS)),
    });
    keyring.remove(oldKey);
    sivKeyring.remove(oldSiv);
    const all = await db.query<{
      id: number;
      email: string;
      national_id: string;
      profile: Uint8Array;
    }>('SELECT * FROM users ORDER BY id');
    const intact = all.rows.every(
      (r, i) =>
        email.decrypt(r.email) === addressOf(i + 1) &&
        nationalId.decrypt(r.national_id) === idOf(i + 1) &&
        (profile.decrypt(r.profile, { rowId: r.id }) as { name: string }).name === `User ${i + 1}`,
    );
    expect(result.updated === USERS && intact, 're-encryption');
    log.ok(
      `re-encrypted ${result.updated} rows in ${result.batches} batches; old keys removed, every row still decrypts`,
    );

    const box = aead(keyring);
    const record = box.encrypt(JSON.stringify({ invoice: 7, total: '12.00 EUR' }), 'invoices/7');
    const opened = new TextDecoder().decode(box.decrypt(record, 'invoices/7'));
    expect(opened.includes('12.00 EUR'), 'aead round trip');
    log.ok(
      `sealed an invoice record with aead: ${record.length} bytes (header, key id, commitment, tag)`,
    );
  } finally {
    await db.close();
  }
}

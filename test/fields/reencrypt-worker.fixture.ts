// The re-encryption job as its own process, so the test can kill it with SIGKILL. Reads
// the rotated keyrings from a file, resumes from the saved cursor, prints one line per
// batch, and with a stop batch given, announces it is inside that batch's transaction and
// waits there (to be killed) instead of committing.
import { readFileSync } from 'node:fs';
import { reencryptTable } from '../../src/fields/index.js';
import { Keyring } from '../../src/keys/index.js';
import {
  ciphers,
  columns,
  type DbKind,
  fetchBatch,
  openDb,
  savedCursor,
  updateBatch,
} from './db.js';

const [kind, location, table, keyringFile, stopAt] = process.argv.slice(2) as [
  DbKind,
  string,
  string,
  string,
  string,
];
const secrets = JSON.parse(readFileSync(keyringFile, 'utf8')) as {
  main: string;
  deterministic: string;
};
const c = ciphers(table, Keyring.fromJSON(secrets.main), Keyring.fromJSON(secrets.deterministic));
const db = await openDb(kind, location);
let batch = 0;
const after = await savedCursor(db.pool, table);
console.log(`resume ${after ?? 'start'}`);
const result = await reencryptTable({
  columns: columns(c),
  fetch: fetchBatch(db.pool, table),
  update: updateBatch(db.pool, table, async () => {
    batch++;
    if (batch === Number(stopAt)) {
      console.log(`in-transaction ${batch}`);
      await new Promise((resolve) => setTimeout(resolve, 120_000));
    }
  }),
  ...(after === undefined ? {} : { after }),
  batchSize: 500,
  onProgress: (p) =>
    console.log(`batch ${p.batches} scanned ${p.scanned} updated ${p.updated} cursor ${p.cursor}`),
});
console.log(`done ${JSON.stringify({ ...result, cursor: String(result.cursor) })}`);
await db.close();

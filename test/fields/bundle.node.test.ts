// The published cachet/fields (dist/, built by the global setup) loads the re-encryption job
// only when reencryptTable is called: its static import graph has no trace of the job, and
// the one dynamic import is the job's chunk, which runs through the package as a user
// calls it.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { importGraph } from '../helpers/import-graph.js';

const root = resolve(import.meta.dirname, '../..');
const entry = resolve(root, 'dist/fields/index.js');
// A message only the job's code contains (src/fields/reencrypt-run.ts).
const JOB_TEXT = 're-encryption stopped';

it('keeps the re-encryption job out of the static import graph', () => {
  const { text, dynamic } = importGraph(entry);
  expect(text).toContain('fieldCipher');
  expect(text).not.toContain(JOB_TEXT);
  expect(dynamic).toHaveLength(1);
  expect(importGraph(dynamic[0]!).text).toContain(JOB_TEXT);
});

it('loads the job on the first reencryptTable call in a fresh process', () => {
  const script = `
    import { fieldCipher, reencryptTable } from 'cachet/fields';
    import { Keyring } from 'cachet/keys';
    const keyring = Keyring.generate('A256GCM');
    const email = fieldCipher(keyring, { table: 'users', column: 'email' });
    const rows = [1, 2].map((id) => ({ id, email: email.encrypt('u' + id + '@example.com') }));
    keyring.rotate();
    const result = await reencryptTable({
      columns: { email },
      fetch: ({ after, limit }) => rows.filter((r) => after === undefined || r.id > after).slice(0, limit),
      update: (changes) => { for (const c of changes) Object.assign(rows.find((r) => r.id === c.id), c.set); },
    });
    console.log(result.updated, email.needsReencrypt(rows[0].email), email.decrypt(rows[1].email));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: root,
  });
  expect(out.trim()).toBe('2 false u2@example.com');
});

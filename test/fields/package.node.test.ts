// The published entry points (dist/, built by the global setup): cachet/aead and
// cachet/fields work as users import them, read what the sources write, and load no other
// module's code (no envelope, HPKE, signatures, X.509, replay stores, keyring management);
// cachet/fields loads its re-encryption job only when reencryptTable is first called.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { fieldCipher as srcFieldCipher } from '../../src/fields/index.js';
import { Keyring as SrcKeyring } from '../../src/keys/index.js';
import { importGraph } from '../helpers/import-graph.js';

const dist = resolve(import.meta.dirname, '../../dist');

it('cachet/aead and cachet/fields load only their own code and what they share', () => {
  for (const entry of ['aead/index.js', 'fields/index.js']) {
    const { sources } = importGraph(resolve(dist, entry));
    expect(sources.length).toBeGreaterThan(3);
    const foreign = sources.filter(
      (s) =>
        /^src\/(envelope|hpke|sign|x509|http|webhooks|replay|cli)\//.test(s) ||
        /keys\/(keyring|generate|import|export|jwk|pkcs|asymmetric|rsa)\.ts$/.test(s),
    );
    expect(foreign, entry).toEqual([]);
  }
  expect(
    importGraph(resolve(dist, 'aead/index.js')).sources.some((s) => s.startsWith('src/fields/')),
  ).toBe(false);
});

it('the built package round-trips and reads what the sources wrote', async () => {
  const { aead } = (await import(
    resolve(dist, 'aead/index.js')
  )) as typeof import('../../src/aead/index.js');
  const { fieldCipher } = (await import(
    resolve(dist, 'fields/index.js')
  )) as typeof import('../../src/fields/index.js');
  const { Keyring } = (await import(
    resolve(dist, 'keys/index.js')
  )) as typeof import('../../src/keys/index.js');
  const keyring = Keyring.generate('A256GCM');
  const box = aead(keyring);
  expect(new TextDecoder().decode(box.decrypt(box.encrypt('hi', 'x'), 'x'))).toBe('hi');
  const f = fieldCipher(keyring, { table: 't', column: 'c', blindIndex: true });
  expect(f.decrypt(f.encrypt({ a: [true, 'x'] }))).toEqual({ a: [true, 'x'] });
  // The same keyring through JSON in the sources decrypts what dist wrote, and back.
  const copy = SrcKeyring.fromJSON(JSON.stringify(keyring.toSecretJSON()));
  const g = srcFieldCipher(copy, { table: 't', column: 'c', blindIndex: true });
  expect(g.decrypt(f.encrypt(42n, { rowId: 1 }), { rowId: 1 })).toBe(42n);
  expect(f.decrypt(g.encrypt(new Date(5)))).toEqual(new Date(5));
  expect(g.blindIndex('v')).toBe(f.blindIndex('v'));
});

// A message only the job's code contains (src/fields/reencrypt-run.ts).
const JOB_TEXT = 're-encryption stopped';

it('keeps the re-encryption job out of the static import graph', () => {
  const { text, dynamic } = importGraph(resolve(dist, 'fields/index.js'));
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
    cwd: resolve(dist, '..'),
  });
  expect(out.trim()).toBe('2 false u2@example.com');
});

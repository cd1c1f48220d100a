// The published entry points (dist/, built by the global setup): cachet/aead and
// cachet/fields work as users import them, read what the sources write, and load no other
// module's code (no envelope, HPKE, signatures, X.509, replay stores, keyring management).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { fieldCipher as srcFieldCipher } from '../../src/fields/index.js';
import { Keyring as SrcKeyring } from '../../src/keys/index.js';

const dist = resolve(import.meta.dirname, '../../dist');

/** Every file a dist entry loads through static imports, and the src files bundled in them. */
function graph(entry: string): { files: string[]; sources: string[] } {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from ['"](\.{1,2}\/[^'"]+)['"]/g))
      visit(resolve(dirname(file), m[1]!));
  };
  visit(resolve(dist, entry));
  const sources = [...files].flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/^\/\/ (src\/\S+)/gm)].map((m) => m[1]!),
  );
  return { files: [...files], sources };
}

it('cachet/aead and cachet/fields load only their own code and what they share', () => {
  for (const entry of ['aead/index.js', 'fields/index.js']) {
    const { sources } = graph(entry);
    expect(sources.length).toBeGreaterThan(3);
    const foreign = sources.filter(
      (s) =>
        /^src\/(envelope|hpke|sign|x509|http|webhooks|replay|cli)\//.test(s) ||
        /keys\/(keyring|generate|import|export|jwk|pkcs|asymmetric|rsa)\.ts$/.test(s),
    );
    expect(foreign, entry).toEqual([]);
  }
  expect(graph('aead/index.js').sources.some((s) => s.startsWith('src/fields/'))).toBe(false);
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

// A browser bundle of the published cachet/webhooks (dist/, built by the global setup) made
// by Vite (what the browser example uses), with package.json's `"sideEffects": false`,
// keeps the portable SHA-256: the bundle, run without node:crypto (CACHET_BACKEND=portable),
// signs what node:crypto computes and verifies it.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'cachet-webhooks-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps the portable SHA-256 in a Vite bundle', async () => {
  const entry = join(dir, 'entry.js');
  writeFileSync(
    entry,
    `import { signWebhook, verifyWebhook } from ${JSON.stringify(resolve(root, 'dist/webhooks/index.js'))};
     const secret = 'a secret of at least twenty-four bytes';
     const headers = signWebhook({ payload: 'hello' }, secret, { scheme: 'github' });
     console.log(headers['x-hub-signature-256'], verifyWebhook('hello', headers, secret, { scheme: 'github' }) !== undefined);`,
  );
  await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    build: {
      outDir: join(dir, 'out'),
      minify: false,
      lib: { entry, formats: ['es'], fileName: 'bundle' },
    },
  });
  const bundle = readdirSync(join(dir, 'out')).find((f) => f.startsWith('bundle.'))!;
  const out = execFileSync(process.execPath, [join(dir, 'out', bundle)], {
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, CACHET_BACKEND: 'portable' },
  });
  const mac = createHmac('sha256', 'a secret of at least twenty-four bytes').update('hello');
  expect(out.trim()).toBe(`sha256=${mac.digest('hex')} true`);
});

// The published face of cachet/sign: the built entry (dist/sign/index.js, built by the
// global setup) exports exactly the documented API and works; and bundling the sub-path
// pulls in no other module's code (no envelope, HPKE, AEAD, X.509, HTTP, webhooks) and no
// dependency it does not need (@noble/ciphers, @peculiar/x509, structured-headers).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

it('dist/sign/index.js exports the documented API and signs and verifies', async () => {
  const mod = await import(pathToFileURL(resolve(root, 'dist/sign/index.js')).href);
  expect(Object.keys(mod).sort()).toEqual([
    'derToP1363',
    'generateKeyPair',
    'p1363ToDer',
    'sign',
    'verify',
    'verifyAsync',
  ]);
  const { privateKey, publicKey } = mod.generateKeyPair('ES256');
  const der = mod.sign(privateKey, 'published', { format: 'der' });
  expect(mod.verify(publicKey, 'published', der, { format: 'der' })).toBe(true);
  expect(mod.verify(publicKey, 'published', mod.derToP1363(der, 'ES256'))).toBe(true);
});

it('bundling cachet/sign loads no other module', async () => {
  const result = await build({
    entryPoints: [resolve(root, 'src/sign/index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    metafile: true,
    treeShaking: true,
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const foreign = inputs.filter((p) =>
    /src\/(envelope|hpke|aead|fields|x509|http|webhooks|replay|cli)\/|@noble\/ciphers|@peculiar|structured-headers/.test(
      p,
    ),
  );
  expect(foreign).toEqual([]);
  expect(inputs.some((p) => p.includes('src/sign/'))).toBe(true);
});

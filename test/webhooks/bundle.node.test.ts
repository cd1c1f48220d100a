// The published cachet/webhooks (dist/, built by the global setup) loads only what webhooks
// need: its static import graph has no curve, AEAD, X.509 or structured-fields code; the
// portable Ed25519 code is reachable only through the dynamic import behind
// preloadEd25519(); and the built package works in a fresh Node process.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { importGraph } from '../helpers/import-graph.js';

const root = resolve(import.meta.dirname, '../..');
const entry = resolve(root, 'dist/webhooks/index.js');

it('static imports: nothing outside cachet, and no other module code', () => {
  const { packages, text, dynamic } = importGraph(entry);
  expect([...packages]).toEqual([]);
  for (const foreign of [
    '@noble/',
    '@peculiar/x509',
    'structured-headers',
    'aes-256-gcm',
    'hkdf',
  ]) {
    expect(text).not.toContain(foreign);
  }
  expect(dynamic).toHaveLength(1);
  expect([...importGraph(dynamic[0]!).packages]).toContain('@noble/curves/ed25519.js');
});

it('the built package verifies in a fresh Node process, v1a included, without preloading', () => {
  const script = `
    import { generateWebhookKeyPair, generateWebhookSecret, signWebhook, verifyWebhook } from ${JSON.stringify(entry)};
    const secret = generateWebhookSecret();
    const { secretKey, publicKey } = generateWebhookKeyPair();
    const headers = signWebhook({ payload: '{"a":1}' }, [secret, secretKey]);
    console.log(verifyWebhook('{"a":1}', headers, secret).id === verifyWebhook('{"a":1}', headers, publicKey).id);
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(out.trim()).toBe('true');
});

it('signs the same through the package name on both backends, HMAC and Ed25519', () => {
  const script = `
    import { generateWebhookKeyPair, generateWebhookSecret, preloadEd25519, signWebhook, verifyWebhook } from 'cachet/webhooks';
    import { setBackend } from 'cachet';
    const secret = generateWebhookSecret();
    const { secretKey, publicKey } = generateWebhookKeyPair();
    const message = { payload: '{"a":1}', id: 'msg_1', timestamp: Math.floor(Date.now() / 1000) };
    const native = signWebhook(message, [secret, secretKey]);
    setBackend('portable');
    await preloadEd25519();
    const portable = signWebhook(message, [secret, secretKey]);
    console.log(native['webhook-signature'] === portable['webhook-signature'], verifyWebhook('{"a":1}', native, secret).id, verifyWebhook('{"a":1}', portable, publicKey).id);
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: root,
  });
  expect(out.trim()).toBe('true msg_1 msg_1');
});

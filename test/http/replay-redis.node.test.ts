// Replay protection shared by verifier processes through a real redis-server (REDIS_URL;
// .ci/run starts one, on 127.0.0.1:6390). Two separate verifier processes receive the same
// signed request: exactly one accepts it, and after that both refuse it.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../src/http/index.js';
import { exportKey, Keyring } from '../../src/keys/index.js';

const url = process.env.REDIS_URL;
const run = promisify(execFile);

describe.skipIf(!url)('cachet/http replay protection across processes (real Redis)', () => {
  const script = resolve(import.meta.dirname, 'redis-verifier.fixture.ts');
  const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
  const client = Keyring.generate('Ed25519');
  const jwk = JSON.stringify(exportKey(client.primary.publicKey!, 'jwk'));
  const verifier = async (prefix: string, request: object) =>
    (
      await run(tsx, [script, url!, prefix, JSON.stringify(request), jwk], { encoding: 'utf8' })
    ).stdout.trim();
  const signed = () =>
    signRequest(
      {
        method: 'POST',
        url: 'https://api.example.com/v1/transfer',
        headers: { 'content-type': 'application/json' },
        body: '{"amount":100}',
      },
      { key: client },
    );

  it('two verifier processes: one accepts, then both reject the replay', async () => {
    const prefix = `test:http:${randomUUID()}:`;
    const request = await signed();
    const first = await Promise.all([verifier(prefix, request), verifier(prefix, request)]);
    expect(first.sort()).toEqual(['ERR_REPLAY', 'ok']);
    expect(await Promise.all([verifier(prefix, request), verifier(prefix, request)])).toEqual([
      'ERR_REPLAY',
      'ERR_REPLAY',
    ]);
  });

  it('a request accepted by one process is a replay for the other; fresh ones pass', async () => {
    const prefix = `test:http:${randomUUID()}:`;
    const request = await signed();
    expect(await verifier(prefix, request)).toBe('ok');
    expect(await verifier(prefix, request)).toBe('ERR_REPLAY');
    expect(await verifier(prefix, await signed())).toBe('ok');
    // Another store prefix (another application) does not share the nonces.
    expect(await verifier(`${prefix}other:`, request)).toBe('ok');
  });
});

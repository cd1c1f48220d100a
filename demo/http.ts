// Signed HTTP requests: a local node:http server (port 0) verifies requests that a client
// sends with signingFetch (RFC 9421, Ed25519, Content-Digest), then refuses a replay of one
// of them and a request whose body was changed after signing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MemoryReplayStore,
  signingFetch,
  signRequest,
  verifyNodeRequest,
} from '../src/http/index.js';
import { Keyring } from '../src/keys/index.js';
import { type DemoLog, expect } from './log.js';

export async function run(log: DemoLog): Promise<void> {
  log.step('Signed HTTP requests (cachet/http, RFC 9421 + RFC 9530)');
  const client = Keyring.generate('Ed25519');
  const serverKeys = Keyring.fromJSON(JSON.stringify(client.publicKeyring())); // what the server is given
  const replay = new MemoryReplayStore();
  const server = createServer(async (req, res) => {
    try {
      const result = await verifyNodeRequest(req, { keys: serverKeys, replay });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          keyId: result.keyId,
          components: result.components,
          bytes: result.body.length,
        }),
      );
    } catch (err) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: (err as { code?: string }).code ?? 'ERR' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    let captured: Request | undefined;
    const api = signingFetch({
      key: client,
      fetch: (request) => {
        captured = request.clone();
        return fetch(request);
      },
    });
    const ok = await api(`${origin}/v1/orders?tenant=acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 7, qty: 2 }),
    });
    const accepted = (await ok.json()) as { keyId: string; components: string[] };
    expect(
      ok.status === 200 && accepted.keyId === client.primary.id,
      'the signed request is accepted',
    );
    log.ok(
      `signingFetch POST verified by the server: key ${accepted.keyId}, covering ${accepted.components.join(' ')}`,
    );
    log.info(`Signature-Input: ${captured!.headers.get('signature-input')}`);

    const replayed = await fetch(captured!);
    const replayError = ((await replayed.json()) as { error: string }).error;
    expect(replayed.status === 401 && replayError === 'ERR_REPLAY', 'a replay is refused');
    log.ok(`the same signed request sent again is refused: ${replayError}`);

    const signed = await signRequest(
      {
        method: 'POST',
        url: `${origin}/v1/orders`,
        headers: { 'content-type': 'application/json' },
        body: '{"id":7,"qty":2}',
      },
      { key: client },
    );
    const tampered = await fetch(signed.url, {
      method: 'POST',
      headers: signed.headers as Record<string, string>,
      body: '{"id":7,"qty":200}',
    });
    const tamperError = ((await tampered.json()) as { error: string }).error;
    expect(
      tampered.status === 401 && tamperError === 'ERR_DIGEST_MISMATCH',
      'a changed body is refused',
    );
    log.ok(`a body changed after signing is refused: ${tamperError}`);

    const unsigned = await fetch(`${origin}/v1/orders`);
    const unsignedError = ((await unsigned.json()) as { error: string }).error;
    expect(unsignedError === 'ERR_SIGNATURE_MISSING', 'an unsigned request is refused');
    log.ok(`an unsigned request is refused: ${unsignedError}`);
  } finally {
    server.close();
  }
}

// Signatures: a signing service holds an Ed25519 keyring (sealed at rest); a verifying
// server on a local port (node:http, port 0) knows only the published public keyring and
// checks each signed request by its key id. The signer rotates to ES256 and old
// signatures keep verifying; tampering, a disabled key and a high-S ECDSA signature under
// lowS: true are refused; a DER signature converts for OpenSSL-style consumers.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportKey, generateKey, Keyring } from '../src/keys/index.js';
import { derToP1363, sign, verify } from '../src/sign/index.js';
import { type DemoLog, expect } from './log.js';

export async function run(log: DemoLog): Promise<void> {
  log.step('Digital signatures (cachet/sign)');
  const master = generateKey('A256GCM');
  const sealed = await Keyring.generate('Ed25519').seal(master); // what the signer stores
  const signer = await Keyring.unseal(sealed, master);
  let published = JSON.stringify(signer.publicKeyring()); // what verifiers download
  expect(
    !published.includes(exportKey(signer.primary, 'jwk', { includeSecret: true }).d!),
    'public only',
  );
  log.ok(
    `signer ${signer.primary.id} (Ed25519) unsealed; its public keyring is ${published.length} bytes, no private key`,
  );

  // The verifying server reloads the published keyring on each request (as from a JWKS URL).
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      const keyId = String(req.headers['x-key-id'] ?? '');
      const signature = new Uint8Array(
        Buffer.from(String(req.headers['x-signature'] ?? ''), 'base64url'),
      );
      try {
        const ok = verify(Keyring.fromJSON(published), body, signature, { keyId });
        res.writeHead(ok ? 200 : 401).end(ok ? 'verified' : 'bad signature');
      } catch (err) {
        res.writeHead(400).end((err as { code?: string }).code ?? 'error');
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const send = async (body: string, signature: Uint8Array, keyId: string) => {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'x-key-id': keyId, 'x-signature': Buffer.from(signature).toString('base64url') },
    });
    return `${res.status} ${await res.text()}`;
  };

  try {
    const order = '{"order":42,"status":"shipped"}';
    const first = signer.primary.id;
    const signature = sign(signer, order);
    const accepted = await send(order, signature, first);
    expect(accepted === '200 verified', 'signed request verifies');
    log.ok(`signed a request with ${first}; the server verified it by key id: ${accepted}`);
    const tampered = await send(order.replace('42', '43'), signature, first);
    expect(tampered === '401 bad signature', 'tampering fails');
    log.ok(`the same signature on an altered body is refused: ${tampered}`);

    signer.rotate({ alg: 'ES256' });
    published = JSON.stringify(signer.publicKeyring());
    const second = signer.primary.id;
    const newer = await send(order, sign(signer, order), second);
    const older = await send(order, signature, first);
    expect(newer === '200 verified' && older === '200 verified', 'rotation keeps old signatures');
    log.ok(
      `rotated to ${second} (ES256): new signatures verify (${newer}), the old one still does (${older})`,
    );

    signer.disable(first);
    published = JSON.stringify(signer.publicKeyring());
    const disabled = await send(order, signature, first);
    expect(disabled === '400 ERR_KEY_DISABLED', 'disabled key refused');
    log.ok(`after disabling ${first}, its signatures are refused: ${disabled}`);

    const verifier = signer.publicKeyring();
    const der = sign(signer, order, { format: 'der' }); // as OpenSSL and X.509 write it
    const raw = derToP1363(der, 'ES256');
    expect(verify(verifier, order, der, { format: 'der' }) && verify(verifier, order, raw), 'der');
    log.ok(
      `ES256 in DER (${der.length} bytes, for OpenSSL) and r ‖ s (${raw.length} bytes, for WebCrypto/JWS) both verify`,
    );

    // A high-S twin of a valid signature: accepted by default (OpenSSL and WebCrypto make
    // them), refused when the protocol needs non-malleable signatures.
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const s = BigInt(`0x${Buffer.from(raw.subarray(32)).toString('hex')}`);
    const high = raw.slice();
    high.set(Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex'), 32);
    const lenient = verify(verifier, order, high);
    const strict = verify(verifier, order, high, { lowS: true });
    expect(lenient && !strict, 'low-S policy');
    log.ok(
      `its high-S twin verifies by default (${lenient}) and is refused with lowS: true (${strict})`,
    );
  } finally {
    await new Promise((done) => server.close(done));
  }
}

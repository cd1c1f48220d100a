// Envelope encryption: a browser-style sender seals a file for a server's X25519 public key
// (HPKE), the server opens it; then a large file is streamed through a symmetric KEK,
// and the KEK is rotated with rewrap.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptFile, encryptFile, open, rewrap, seal } from '../src/envelope/index.js';
import { Keyring } from '../src/keys/index.js';
import { type DemoLog, expect } from './log.js';

export async function run(log: DemoLog): Promise<void> {
  log.step('Envelope encryption (cachet/envelope)');
  const dir = mkdtempSync(join(tmpdir(), 'cachet-demo-'));
  try {
    const server = Keyring.generate('X25519');
    const publicOnly = Keyring.fromJSON(JSON.stringify(server.publicKeyring()));
    const file = new TextEncoder().encode('quarterly report: revenue up 12%\n'.repeat(100));
    const context = { user: '42', filename: 'report.txt' };
    const envelope = await seal(file, { recipients: publicOnly, context });
    log.ok(
      `sealed ${file.length} bytes for public key ${server.primary.id} (HPKE X25519): ${envelope.length} bytes`,
    );
    const opened = await open(envelope, { recipient: server, context });
    expect(
      opened.length === file.length && opened.every((b, i) => b === file[i]),
      'server opens it',
    );
    log.ok('the server opened it with its private key and the same context');
    const wrong = await open(envelope, {
      recipient: server,
      context: { ...context, user: '43' },
    }).catch((e: { code?: string }) => e.code);
    expect(wrong === 'ERR_AUTH_FAILED', 'a different context fails');
    log.ok(`another context (user 43) is refused: ${wrong}`);

    const kek = Keyring.generate('A256KW');
    const big = join(dir, 'big.bin');
    writeFileSync(
      big,
      new Uint8Array(8 * 1024 * 1024).map((_, i) => i % 253),
    );
    await encryptFile(big, `${big}.cenv`, { recipients: kek, context: { bucket: 'backups' } });
    await decryptFile(`${big}.cenv`, `${big}.out`, {
      recipient: kek,
      context: { bucket: 'backups' },
    });
    expect(readFileSync(big).equals(readFileSync(`${big}.out`)), 'streamed file round-trips');
    log.ok('streamed an 8 MiB file through AES-KW envelope chunks (64 KiB) and back');

    const oldId = kek.primary.id;
    kek.rotate();
    const rotated = await rewrap(envelope, { from: server, to: kek, context });
    kek.remove(oldId);
    expect((await open(rotated, { recipient: kek, context })).length === file.length, 'rewrapped');
    log.ok(
      `rewrapped the first envelope for KEK ${kek.primary.id} without re-encrypting its payload`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

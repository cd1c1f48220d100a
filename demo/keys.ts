// Keys: a keyring is created, rotated, sealed under a master key and restored; its safe
// JSON form is shown to hold no secret.
import { exportKey, generateKey, Keyring } from '../src/keys/index.js';
import { type DemoLog, expect } from './log.js';

export async function run(log: DemoLog): Promise<void> {
  log.step('Keys and keyrings (cachet/keys)');
  const keyring = Keyring.generate('A256GCM');
  const first = keyring.primary.id;
  keyring.rotate();
  expect(
    keyring.primary.id !== first && keyring.status(first) === 'active',
    'rotation keeps the old key active',
  );
  log.ok(
    `created keyring, rotated: primary ${keyring.primary.id}, ${first} stays active for old data`,
  );

  const safe = JSON.stringify(keyring);
  const secret = exportKey(keyring.primary, 'jwk', { includeSecret: true }).k!;
  expect(!safe.includes(secret), 'safe JSON holds no secret');
  log.ok(
    `JSON.stringify(keyring) is safe to log: ${safe.length} bytes of ids, algorithms and dates, no key material`,
  );

  const master = generateKey('A256GCM');
  const sealed = await keyring.seal(master);
  const restored = await Keyring.unseal(sealed, master);
  expect(
    restored.primary.id === keyring.primary.id && restored.size === 2,
    'unsealed keyring matches',
  );
  log.ok(
    `sealed under master key ${master.id} (AES-256-GCM, format version bound as AAD) and restored`,
  );
  try {
    await Keyring.unseal(sealed, generateKey('A256GCM', { id: master.id }));
    expect(false, 'a wrong master key must fail');
  } catch (err) {
    log.ok(
      `a wrong master key is refused: ${(err as Error).name} ${(err as { code?: string }).code}`,
    );
  }
}

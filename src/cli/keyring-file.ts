// Keyring files: plain JSON (secret form) or sealed under a master key held in an
// environment variable (--seal-with VAR).
import { Keyring } from '../keys/index.js';
import { readMasterKey, readText, writeOutput } from './io.js';
import { UsageError } from './usage.js';

/** Loads a keyring file, unsealing it when it is sealed. */
export async function loadKeyring(path: string, sealWith: string | undefined): Promise<Keyring> {
  const text = readText(path);
  let doc: { format?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not a keyring file (not JSON)`);
  }
  if (doc.format === 'cachet.keyring.sealed') {
    if (!sealWith)
      throw new UsageError(`${path} is sealed: pass --seal-with <ENV_VAR holding the master key>`);
    return Keyring.unseal(text, readMasterKey(sealWith));
  }
  return Keyring.fromJSON(text);
}

/** Writes a keyring file: sealed when `sealWith` names the master key's variable. */
export async function saveKeyring(
  keyring: Keyring,
  path: string | undefined,
  sealWith: string | undefined,
): Promise<void> {
  const text = sealWith
    ? await keyring.seal(readMasterKey(sealWith))
    : JSON.stringify(keyring.toSecretJSON(), null, 2);
  writeOutput(path, `${text}\n`, true);
}

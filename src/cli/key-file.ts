// Key material from files: keyring files (plain JSON or sealed under a master key held in
// an environment variable, --seal-with VAR) and single keys (PEM, DER or JWK), so keys made
// by openssl, jose or a cloud console work as they are.
import { base64urlDecode } from '../bytes.js';
import { InvalidInputError } from '../errors.js';
import { type Alg, importKey, type Key, Keyring } from '../keys/index.js';
import type { Parsed } from './args.js';
import { readInput, writeOutput } from './io.js';
import { envName, readEnv } from './secrets.js';
import { UsageError } from './usage.js';

const SEALED = 'cachet.keyring.sealed';
// Keyrings made from a single key file (PEM, DER, JWK): the user chose that one key.
const singleKeys = new WeakSet<Keyring>();

/** Whether a keyring came from a single key file rather than a keyring file. */
export function isSingleKey(keyring: Keyring): boolean {
  return singleKeys.has(keyring);
}

function single(key: Key): Keyring {
  const keyring = Keyring.fromKeys([key]);
  singleKeys.add(keyring);
  return keyring;
}
const PLAIN = 'cachet.keyring';

/** A 32-byte master key from an environment variable holding it as base64url. */
function readMasterKey(envName: string): Uint8Array {
  const text = readEnv(envName, '--seal-with').trim();
  let key: Uint8Array;
  try {
    key = base64urlDecode(text, envName);
  } catch {
    throw new UsageError(
      `${envName} must hold a master key as base64url (make one with: cachet keyring master-key)`,
    );
  }
  if (key.length !== 32)
    throw new UsageError(`${envName} must hold 32 bytes (base64url), got ${key.length}`);
  return key;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Loads a keyring file (unsealing it when sealed) or a single key file. A single key
 * becomes a keyring of one, so every command takes either.
 */
export async function loadKeyring(
  path: string,
  sealWith: string | undefined,
  alg?: Alg,
): Promise<Keyring> {
  try {
    return await load(path, sealWith, alg);
  } catch (err) {
    // The library asks for options.alg; on the command line that is --alg.
    if (err instanceof InvalidInputError && err.message.includes('"options.alg" is required'))
      throw new UsageError(
        `${path}: this key's algorithm must be given with --alg (RSA keys: RS256, PS256, ...)`,
      );
    throw err;
  }
}

async function load(path: string, sealWith: string | undefined, alg?: Alg): Promise<Keyring> {
  const bytes = readInput(path);
  const text = new TextDecoder().decode(bytes);
  const doc = parseJson(text) as { format?: unknown; kty?: unknown } | undefined;
  if (doc?.format === SEALED) {
    if (!sealWith)
      throw new UsageError(`${path} is sealed: pass --seal-with <ENV_VAR holding the master key>`);
    return Keyring.unseal(text, readMasterKey(sealWith));
  }
  if (doc?.format === PLAIN) return Keyring.fromJSON(text);
  if (doc !== undefined && typeof doc === 'object' && doc !== null && 'kty' in doc)
    return single(importKey(text, { format: 'jwk', ...(alg ? { alg } : {}) }));
  if (text.includes('-----BEGIN'))
    return single(importKey(text, { format: 'pem', ...(alg ? { alg } : {}) }));
  if (doc !== undefined)
    throw new UsageError(`${path} is JSON but neither a cachet keyring nor a JWK`);
  return single(importKey(bytes, { format: 'der', ...(alg ? { alg } : {}) }));
}

/** Loads the keyring named by -k/--keyring (required) and --seal-with. */
export function keyringFrom(
  values: Parsed['values'],
  flag = 'keyring',
  alg?: Alg,
): Promise<Keyring> {
  const path = values[flag];
  if (typeof path !== 'string' || path === '')
    throw new UsageError(`--${flag} is required: a keyring file or a key file`);
  const sealWith = values['seal-with'];
  return loadKeyring(
    path,
    typeof sealWith === 'string' ? envName(sealWith, '--seal-with') : undefined,
    alg,
  );
}

/** Writes a keyring file (mode 0600): sealed when `sealWith` names the master key's variable. */
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

/** The keys of a keyring that are not disabled, primary first. */
export function usable(keyring: Keyring): Key[] {
  const entries = keyring.entries().filter((e) => e.status !== 'disabled');
  entries.sort((a, b) => Number(b.status === 'primary') - Number(a.status === 'primary'));
  return entries.map((e) => e.key);
}

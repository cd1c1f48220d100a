// File, stdin/stdout and environment access for the CLI. Secrets come from files or
// environment variables, never from argv (argv is visible to every user via `ps`).
import { readFileSync, writeFileSync } from 'node:fs';
import { base64urlDecode, base64urlEncode } from '../bytes.js';
import { UsageError } from './usage.js';

/** Reads a file, or stdin when `path` is '-' or absent. */
export function readInput(path: string | undefined): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path === undefined || path === '-' ? 0 : path));
  } catch (err) {
    throw new UsageError(
      `cannot read ${path ?? 'stdin'}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** Reads a text file (or stdin). */
export function readText(path: string | undefined): string {
  return new TextDecoder().decode(readInput(path));
}

/** Writes to a file (mode 0600 when it holds secrets), or stdout when `path` is '-' or absent. */
export function writeOutput(
  path: string | undefined,
  data: Uint8Array | string,
  secret = false,
): void {
  if (path === undefined || path === '-') {
    process.stdout.write(data);
    return;
  }
  try {
    writeFileSync(path, data, secret ? { mode: 0o600 } : {});
  } catch (err) {
    throw new UsageError(
      `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** The value of an environment variable that must be set. */
export function readEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new UsageError(`environment variable ${name} is not set`);
  return value;
}

/** A 32-byte master key from an environment variable holding it as base64url. */
export function readMasterKey(envName: string): Uint8Array {
  const text = readEnv(envName).trim();
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

/** Encodes 32 random bytes as a master key string. */
export function encodeMasterKey(bytes: Uint8Array): string {
  return base64urlEncode(bytes);
}

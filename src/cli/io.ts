// File, stdin/stdout access for the CLI.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { InputError } from './usage.js';

function reason(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/** Reads a file, or stdin when `path` is '-' or absent. */
export function readInput(path: string | undefined): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path === undefined || path === '-' ? 0 : path));
  } catch (err) {
    throw new InputError(`cannot read ${path ?? 'stdin'}: ${reason(err)}`);
  }
}

/** Reads a text file (or stdin) as UTF-8. */
export function readText(path: string | undefined): string {
  return new TextDecoder().decode(readInput(path));
}

/** A temporary name beside `path`, for writing a file whole and renaming it into place. */
export function tempBeside(path: string): string {
  return `${path}.${randomBytes(6).toString('hex')}.partial`;
}

/**
 * Writes to a file, or stdout when `path` is '-' or absent. The file is written beside
 * its destination and renamed into place, so a crash never leaves half a keyring; files
 * holding secrets get mode 0600 (the rename replaces an existing file's wider mode too).
 */
export function writeOutput(
  path: string | undefined,
  data: Uint8Array | string,
  secret = false,
): void {
  if (path === undefined || path === '-') {
    process.stdout.write(data);
    return;
  }
  const temp = tempBeside(path);
  try {
    writeFileSync(temp, data, { flag: 'wx', mode: secret ? 0o600 : 0o666 });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new InputError(`cannot write ${path}: ${reason(err)}`);
  }
}

/** Prints a JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

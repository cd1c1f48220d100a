// Runs test/aead/independent.py, the Python (pyca/cryptography) implementation of the
// cachet/aead and cachet/fields formats, with JSON in and out.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const script = resolve(import.meta.dirname, 'independent.py');

export function python<T>(
  mode: 'decrypt' | 'encrypt' | 'vectors',
  input?: unknown,
  args: string[] = [],
): T {
  const out = execFileSync('python3', [script, mode, ...args], {
    input: input === undefined ? '' : JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}

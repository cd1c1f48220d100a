// Shared vectors (../shared/vectors, or $CACHET_VECTORS). In CI a missing file fails the
// run; elsewhere the tests that need it are skipped with a message saying why.
import { readVectorText, vectorsRequired } from '#env';

/** Parsed JSON of a shared vector file, or undefined (after a warning) when absent. */
export async function loadVectors<T = unknown>(name: string): Promise<T | undefined> {
  const text = await readVectorText(name);
  if (text === null) {
    const why = `shared vector file "${name}" not found (set CACHET_VECTORS or put ../shared beside the repo)`;
    if (vectorsRequired) throw new Error(`${why}; CI requires it`);
    console.warn(`skipping: ${why}`);
    return undefined;
  }
  return JSON.parse(text) as T;
}

/** Lowercase hex to bytes (test-side, independent of src/bytes.ts). */
export function hex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes to lowercase hex (test-side). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The test environment for Node: both backends, vectors read from the file system.
import * as crypto from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NodeCrypto } from '../../src/backend/node.js';
import { nativeBackend, portableBackend } from '../../src/backend/objects.js';
import type { Backend } from '../../src/backend/types.js';

export const runtime = 'node' as const;

export const backends: ReadonlyArray<readonly [name: 'native' | 'portable', backend: Backend]> = [
  ['native', nativeBackend(crypto as unknown as NodeCrypto)],
  ['portable', portableBackend],
];

export const vectorsDir: string = resolve(
  process.env.CACHET_VECTORS ?? resolve(import.meta.dirname, '../../../shared/vectors'),
);

/** The text of a shared vector file, or null when it is not there. */
export async function readVectorText(name: string): Promise<string | null> {
  const file = resolve(vectorsDir, name);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** Whether missing shared vectors must fail the run (CI) rather than skip. */
export const vectorsRequired: boolean = !!process.env.CI;

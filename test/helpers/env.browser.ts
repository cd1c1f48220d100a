// The test environment for Chromium: the portable backend, vectors read through a
// Vitest browser command that runs on the Node side.
import { commands } from 'vitest/browser';
import { portableBackend } from '../../src/backend/objects.js';
import type { Backend } from '../../src/backend/types.js';

export const runtime = 'browser' as const;

export const backends: ReadonlyArray<readonly [name: 'native' | 'portable', backend: Backend]> = [
  ['portable', portableBackend],
];

declare module 'vitest/browser' {
  interface BrowserCommands {
    readVector(name: string): Promise<string | null>;
  }
}

/** The text of a shared vector file, or null when it is not there. */
export async function readVectorText(name: string): Promise<string | null> {
  return commands.readVector(name);
}

/** CI runs the browser suite with the shared vectors beside the repo. */
export const vectorsRequired: boolean = import.meta.env.CI === 'true' || import.meta.env.CI === '1';

// Runs a describe block once per backend available in this environment, switching the
// dispatching primitives (what the public API uses) with setBackend.
import { afterAll, beforeAll, describe } from 'vitest';
import { backends } from '#env';
import { setBackend } from '../../src/backend/node.js';

export const backendNames: ReadonlyArray<'native' | 'portable'> = backends.map(([name]) => name);

export function describeEachBackend(
  title: string,
  body: (backend: 'native' | 'portable') => void,
): void {
  for (const name of backendNames) {
    describe(`${title} [${name}]`, () => {
      beforeAll(() => setBackend(name));
      afterAll(() => setBackend(undefined));
      body(name);
    });
  }
}

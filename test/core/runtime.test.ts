// What the suite exercises where. In Chromium there is no node:crypto, so the public API
// must run on the portable backend and describeEachBackend must run only its [portable]
// blocks; in Node both backends run. A browser run that quietly reached native code (a
// polyfilled `process`, a bundled node:crypto shim) or a Node run that lost a backend
// would pass every other test while checking less than it claims: it fails here.
import { afterEach, expect, it } from 'vitest';
import { runtime as here } from '#env';
import { getBackend, randomBytes, setBackend } from '../../src/index.js';
import { backendNames } from '../helpers/backend-switch.js';

interface MaybeProcess {
  process?: { getBuiltinModule?: unknown; env?: Record<string, string | undefined> };
}
const proc = (globalThis as MaybeProcess).process;
// Typed by env.node.ts for tsc; in Chromium the alias points at env.browser.ts.
const runtime = here as 'node' | 'browser';

afterEach(() => setBackend(undefined));

it.runIf(runtime === 'browser')(
  'in Chromium: no node:crypto, the portable backend only, even when native is asked for',
  () => {
    expect(navigator.userAgent).toMatch(/Chrom(e|ium)\//);
    expect(typeof document.createElement).toBe('function');
    expect(proc?.getBuiltinModule).toBeUndefined();
    expect(backendNames).toEqual(['portable']);
    expect(getBackend()).toBe('portable');
    setBackend('native'); // falls back: there is nothing native to use
    expect(getBackend()).toBe('portable');
    expect(randomBytes(32)).toHaveLength(32);
  },
);

it.runIf(runtime === 'node')('in Node: both backends run, native by default', () => {
  expect(typeof proc?.getBuiltinModule).toBe('function');
  expect(backendNames).toEqual(['native', 'portable']);
  const wanted = proc?.env?.['CACHET_BACKEND'] === 'portable' ? 'portable' : 'native';
  expect(getBackend()).toBe(wanted);
  setBackend('portable');
  expect(getBackend()).toBe('portable');
  setBackend('native');
  expect(getBackend()).toBe('native');
});

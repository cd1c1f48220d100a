/**
 * cachet/webhooks for Node (package.json `exports` condition `"node"`): the same API as
 * index.ts, without importing @noble/hashes. Node computes every HMAC with node:crypto, so
 * the portable code is needed only after `setBackend('portable')` (or `CACHET_BACKEND=
 * portable`); it is then loaded on first use, synchronously, through `require` of an ES
 * module (Node >= 20.19, the package's `engines`). Importing cachet/webhooks in Node thus
 * loads no third-party module at all (bench/notes.md, "Cold start"). An application
 * bundled into one file for Node (no node_modules beside it) cannot load it this way; it
 * then gets a typed error on the portable backend only, never on the default native one.
 *
 * @module
 */
import { UnsupportedError } from '../errors.js';
import { type PortableSha256, providePortableSha256 } from './mac.js';

export * from './exports.js';

type Require = (id: string) => Record<string, unknown>;

let loaded: PortableSha256 | undefined;

function load(): PortableSha256 {
  if (loaded) return loaded;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = proc?.getBuiltinModule?.('node:module') as
    | { createRequire(from: string): Require }
    | undefined;
  try {
    if (!nodeModule) throw new Error('process.getBuiltinModule is not available');
    const require = nodeModule.createRequire(import.meta.url);
    loaded = { sha256: require('@noble/hashes/sha2.js')['sha256'] as PortableSha256['sha256'] };
  } catch (error) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      'the portable backend could not load @noble/hashes (needed for HMAC without node:crypto)',
      { cause: error },
    );
  }
  return loaded;
}

providePortableSha256(load);

/**
 * cachet/webhooks for Node (package.json `exports` condition `"node"`): the same API as
 * index.ts, without its static import of @noble/hashes. Node computes every HMAC with
 * node:crypto; after `setBackend('portable')` (or `CACHET_BACKEND=portable`) the portable
 * path loads @noble/hashes on first use (mac.ts). Importing cachet/webhooks in Node thus
 * loads no third-party module at all (bench/notes.md, "perf branch"). An application
 * bundled into one file for Node with no node_modules beside it cannot load it that way:
 * it then gets a typed error on the portable backend only, never on the native one.
 *
 * @module
 */
export * from './exports.js';

/**
 * Each backend as one {@link Backend} object, for tests that run the same checks on both
 * and compare them. Modules never import this file: it loads every primitive family.
 */
import * as aead from './aead.js';
import * as ec from './ec.js';
import * as ed25519 from './ed25519.js';
import * as hash from './hash.js';
import * as keywrap from './keywrap.js';
import type { NodeCrypto } from './node.js';
import * as random from './random.js';
import * as rsa from './rsa.js';
import * as siv from './siv.js';
import type { Backend } from './types.js';
import * as x25519 from './x25519.js';

const families = [random, hash, aead, siv, keywrap, ed25519, ec, x25519, rsa];

/** The portable backend. */
export const portableBackend: Backend = Object.assign({}, ...families.map((f) => f.portable));

/** The native backend bound to a node:crypto module. */
export function nativeBackend(c: NodeCrypto): Backend {
  const bound: Record<string, unknown> = {};
  for (const family of families) {
    for (const [name, fn] of Object.entries(family.native)) {
      // siv's native set is its portable set (no crypto argument).
      bound[name] =
        family === siv
          ? fn
          : (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(c, ...args);
    }
  }
  return bound as unknown as Backend;
}

/**
 * Each backend as one object, for tests that run the same checks on both and compare
 * them. Modules never import this file (it would defeat tree-shaking).
 */
import * as native from './native.js';
import type { NodeCrypto } from './node.js';
import * as portable from './portable.js';
import type { Backend } from './types.js';

/** The portable backend as a {@link Backend}. */
export const portableBackend: Backend = portable;

/** The native backend bound to a node:crypto module, as a {@link Backend}. */
export function nativeBackend(c: NodeCrypto): Backend {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(native)) {
    bound[name] = (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(c, ...args);
  }
  // OpenSSL 3.0 has neither mode; native delegates them to portable.
  const { aesGcmSivSeal, aesGcmSivOpen, aesSivSeal, aesSivOpen } = portable;
  return { ...bound, aesGcmSivSeal, aesGcmSivOpen, aesSivSeal, aesSivOpen } as unknown as Backend;
}

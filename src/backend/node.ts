/**
 * Access to `node:crypto` without a static import, so no bundler ever sees `node:` and
 * browsers never load it. The structural types below name exactly the slice of the API
 * cachet uses.
 */
import { assertOneOf } from '../assert.js';

/** An opaque node:crypto KeyObject. */
export interface NodeKeyObject {
  readonly type: 'secret' | 'public' | 'private';
  export(options: { format: 'jwk' }): Record<string, string>;
  export(options: { format: 'der'; type: 'spki' | 'pkcs8' }): Uint8Array;
}

interface NodeHash {
  update(data: Uint8Array): NodeHash;
  digest(): Uint8Array;
}

interface NodeCipher {
  setAAD(aad: Uint8Array, options?: { plaintextLength: number }): NodeCipher;
  update(data: Uint8Array): Uint8Array;
  final(): Uint8Array;
  getAuthTag(): Uint8Array;
  setAuthTag(tag: Uint8Array): NodeCipher;
  setAutoPadding(pad: boolean): NodeCipher;
}

type KeyInput =
  | NodeKeyObject
  | {
      key: NodeKeyObject;
      dsaEncoding?: 'der' | 'ieee-p1363';
      padding?: number;
      saltLength?: number;
    };

/** The parts of node:crypto that cachet calls. */
export interface NodeCrypto {
  randomFillSync(buffer: Uint8Array): Uint8Array;
  createHash(algorithm: string): NodeHash;
  /** One-shot digest (Node >= 20.12); absent in older runtimes and some Node-compatible ones. */
  hash?(algorithm: string, data: Uint8Array, outputEncoding: 'base64' | 'hex' | 'latin1'): string;
  createHmac(algorithm: string, key: Uint8Array | NodeKeyObject): NodeHash;
  hkdfSync(
    digest: string,
    ikm: Uint8Array,
    salt: Uint8Array,
    info: Uint8Array,
    length: number,
  ): ArrayBuffer;
  createCipheriv(
    algorithm: string,
    key: Uint8Array | NodeKeyObject,
    iv: Uint8Array | null,
    options?: { authTagLength: number },
  ): NodeCipher;
  createDecipheriv(
    algorithm: string,
    key: Uint8Array | NodeKeyObject,
    iv: Uint8Array | null,
    options?: { authTagLength: number },
  ): NodeCipher;
  createSecretKey(key: Uint8Array): NodeKeyObject;
  createPrivateKey(key: { key: Uint8Array; format: 'der'; type: 'pkcs8' }): NodeKeyObject;
  createPublicKey(
    key:
      | NodeKeyObject
      | { key: Uint8Array; format: 'der'; type: 'spki' }
      | { key: Record<string, string>; format: 'jwk' },
  ): NodeKeyObject;
  sign(algorithm: string | null, data: Uint8Array, key: KeyInput): Uint8Array;
  verify(algorithm: string | null, data: Uint8Array, key: KeyInput, signature: Uint8Array): boolean;
  diffieHellman(options: { privateKey: NodeKeyObject; publicKey: NodeKeyObject }): Uint8Array;
  constants: { RSA_PKCS1_PADDING: number; RSA_PKCS1_PSS_PADDING: number };
}

/**
 * Which implementation the primitives use.
 *
 * @example
 * ```ts
 * import { type BackendName, getBackend } from 'cachet';
 * const name: BackendName = getBackend(); // 'native' | 'portable'
 * ```
 */
export type BackendName = 'native' | 'portable';

let forced: BackendName | undefined;
let resolved: NodeCrypto | null | undefined;

function load(): NodeCrypto | null {
  const proc = (
    globalThis as {
      process?: {
        getBuiltinModule?: (id: string) => unknown;
        env?: Record<string, string | undefined>;
      };
    }
  ).process;
  const wanted = forced ?? (proc?.env?.['CACHET_BACKEND'] === 'portable' ? 'portable' : 'native');
  if (wanted === 'portable') return null;
  return (proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null;
}

/** node:crypto when the native backend is in use, otherwise null. Resolved once. */
export function nodeCrypto(): NodeCrypto | null {
  if (resolved === undefined) resolved = load();
  return resolved;
}

/**
 * Chooses the backend: `'native'` (node:crypto, the default where it exists) or
 * `'portable'` (@noble, the default elsewhere). Forcing `'native'` where node:crypto is
 * absent falls back to portable. The environment variable `CACHET_BACKEND=portable` has the
 * same effect as `setBackend('portable')` at start-up. Both give identical bytes.
 *
 * @param name - the backend to use from now on, or `undefined` to return to automatic choice
 * @example
 * ```ts
 * import { setBackend, getBackend } from 'cachet';
 * setBackend('portable');
 * console.log(getBackend()); // 'portable'
 * setBackend(undefined);
 * ```
 */
export function setBackend(name: BackendName | undefined): void {
  if (name !== undefined) assertOneOf(name, 'name', ['native', 'portable']);
  forced = name;
  resolved = undefined;
}

/**
 * The backend in use.
 *
 * @returns `'native'` when node:crypto serves the primitives, otherwise `'portable'`
 * @example
 * ```ts
 * import { getBackend } from 'cachet';
 * console.log(getBackend()); // 'native' in Node, 'portable' in a browser
 * ```
 */
export function getBackend(): BackendName {
  return nodeCrypto() ? 'native' : 'portable';
}

/**
 * RSA signature verification (RFC 8017: RSASSA-PKCS1-v1_5 and RSASSA-PSS), for checking
 * what others signed. node:crypto natively; WebCrypto (asynchronous) elsewhere, since
 * noble has no RSA.
 */
import { HASH_LENGTH } from './hash.js';
import { NODE_HASH } from './native-util.js';
import { type NodeCrypto, type NodeKeyObject, nodeCrypto } from './node.js';
import type { HashName, NativeImpl, PortableImpl, RsaScheme } from './types.js';

const WEBCRYPTO_NAMES = { pkcs1: 'RSASSA-PKCS1-v1_5', pss: 'RSA-PSS' } as const;

async function portableVerify(
  scheme: RsaScheme,
  hash: HashName,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  saltLength?: number,
): Promise<boolean> {
  const subtle = globalThis.crypto.subtle;
  const name = WEBCRYPTO_NAMES[scheme];
  try {
    const key = await subtle.importKey(
      'spki',
      spki as Uint8Array<ArrayBuffer>,
      { name, hash },
      false,
      ['verify'],
    );
    const params =
      scheme === 'pss' ? { name, saltLength: saltLength ?? HASH_LENGTH[hash] } : { name };
    return await subtle.verify(
      params,
      key,
      signature as Uint8Array<ArrayBuffer>,
      message as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}

const keys = new WeakMap<Uint8Array, NodeKeyObject>();

async function nativeVerify(
  c: NodeCrypto,
  scheme: RsaScheme,
  hash: HashName,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  saltLength?: number,
): Promise<boolean> {
  try {
    let key = keys.get(spki);
    if (!key) {
      key = c.createPublicKey({ key: spki, format: 'der', type: 'spki' });
      keys.set(spki, key);
    }
    const options =
      scheme === 'pss'
        ? {
            key,
            padding: c.constants.RSA_PKCS1_PSS_PADDING,
            saltLength: saltLength ?? HASH_LENGTH[hash],
          }
        : { key, padding: c.constants.RSA_PKCS1_PADDING };
    return c.verify(NODE_HASH[hash], message, options, signature);
  } catch {
    return false;
  }
}

/** Verifies an RSA signature; `spki` is DER with the rsaEncryption OID; PSS salt defaults to the hash length. */
export function rsaVerify(
  scheme: RsaScheme,
  hash: HashName,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  saltLength?: number,
): Promise<boolean> {
  const c = nodeCrypto();
  return c
    ? nativeVerify(c, scheme, hash, spki, message, signature, saltLength)
    : portableVerify(scheme, hash, spki, message, signature, saltLength);
}

export const portable: PortableImpl<'rsaVerify'> = { rsaVerify: portableVerify };
export const native: NativeImpl<'rsaVerify'> = { rsaVerify: nativeVerify };

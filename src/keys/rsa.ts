/**
 * RSA public keys, import only: cachet verifies RSA signatures made elsewhere (HTTP
 * message signatures, certificates) but never makes RSA keys or signatures. Keys are
 * stored as a DER SubjectPublicKeyInfo with the rsaEncryption OID, which every platform
 * (node:crypto, WebCrypto) imports; an id-RSASSA-PSS SPKI is rewritten to that form.
 */
import { bitString, DerReader, oid, TAG, tlv, unsignedInteger } from '../der.js';
import { KeyError } from '../errors.js';
import { MAX_RSA_BITS, MIN_RSA_BITS, type RsaAlg } from './algorithms.js';
import { publicKeyId } from './id.js';
import { createKey, type Key } from './key.js';
import type { KeyOrigin } from './secret.js';

export const OID_RSA = '1.2.840.113549.1.1.1';
export const OID_RSA_PSS = '1.2.840.113549.1.1.10';

/** The SPKI of an RSA public key from its modulus and exponent (big-endian magnitudes). */
export function rsaSpki(n: Uint8Array, e: Uint8Array): Uint8Array {
  const algorithm = tlv(TAG.SEQUENCE, oid(OID_RSA), tlv(TAG.NULL));
  const rsaPublicKey = tlv(TAG.SEQUENCE, unsignedInteger(n), unsignedInteger(e));
  return tlv(TAG.SEQUENCE, algorithm, bitString(rsaPublicKey));
}

/** Modulus and exponent of an RSAPublicKey (RFC 8017 §A.1.1). */
export function parseRsaPublicKey(der: Uint8Array): { n: Uint8Array; e: Uint8Array } {
  const seq = new DerReader(der, 'RSA public key').enter();
  const n = seq.readUnsignedInteger();
  const e = seq.readUnsignedInteger();
  seq.end();
  return { n, e };
}

/** An RSA public key from modulus and exponent, checked against cachet's policy. */
export function rsaPublicKey(
  alg: RsaAlg,
  n: Uint8Array,
  e: Uint8Array,
  origin: KeyOrigin = {},
): Key {
  // Leading zero bytes (some JWK writers add one, against RFC 7518 §6.3.1.1) are not bits.
  let start = 0;
  while (start < n.length - 1 && n[start] === 0) start++;
  let bits = (n.length - start) * 8;
  for (let top = n[start] ?? 0; bits > 0 && !(top & 0x80); top <<= 1) bits--;
  if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS)
    throw new KeyError(
      'ERR_INVALID_KEY',
      `RSA modulus has ${bits} bits; ${MIN_RSA_BITS} to ${MAX_RSA_BITS} are accepted`,
    );
  // The modulus is a product of odd primes (RFC 8017 §3.1).
  if (!(n[n.length - 1]! & 1)) throw new KeyError('ERR_INVALID_KEY', 'RSA modulus is even');
  // e must be odd and > 1 (RFC 8017 §3.1); more than 8 bytes is never seen in practice.
  if (e.length > 8 || !(e[e.length - 1]! & 1) || (e.length === 1 && e[0]! < 3)) {
    throw new KeyError('ERR_INVALID_KEY', 'RSA public exponent is invalid');
  }
  const spki = rsaSpki(n, e);
  return createKey(
    origin.id ?? publicKeyId(alg, spki),
    alg,
    'public',
    { public: spki },
    origin.created,
  );
}

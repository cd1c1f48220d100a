/**
 * Fixed DER prefixes of SubjectPublicKeyInfo (RFC 5280 §4.1) and PKCS #8 (RFC 5208)
 * structures for the key types whose encodings have a constant header. A key's DER is its
 * prefix followed by the raw key bytes. Used to hand keys to node:crypto and for PEM/DER
 * import and export.
 */
import type { Curve } from './types.js';

function hex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** RFC 8410 §4: SPKI and PKCS #8 (v1, no attributes) for Ed25519 and X25519. */
export const ED25519_SPKI: Uint8Array = hex('302a300506032b6570032100');
export const ED25519_PKCS8: Uint8Array = hex('302e020100300506032b657004220420');
export const X25519_SPKI: Uint8Array = hex('302a300506032b656e032100');
export const X25519_PKCS8: Uint8Array = hex('302e020100300506032b656e04220420');

/** RFC 5480 §2 SPKI (id-ecPublicKey + named curve) with an uncompressed point. */
export const EC_SPKI: Record<Curve, Uint8Array> = {
  'P-256': hex('3059301306072a8648ce3d020106082a8648ce3d030107034200'),
  'P-384': hex('3076301006072a8648ce3d020106052b81040022036200'),
  'P-521': hex('30819b301006072a8648ce3d020106052b8104002303818600'),
};

/** RFC 5915 ECPrivateKey inside PKCS #8, without the optional public key. */
export const EC_PKCS8: Record<Curve, Uint8Array> = {
  'P-256': hex('3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420'),
  'P-384': hex('304e020100301006072a8648ce3d020106052b81040022043730350201010430'),
  'P-521': hex('3060020100301006072a8648ce3d020106052b81040023044930470201010442'),
};

/** Byte length of a field element / scalar per curve. */
export const CURVE_BYTES: Record<Curve, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/**
 * HPKE (RFC 9180) base mode: DHKEM(X25519, HKDF-SHA256) and DHKEM(P-256, HKDF-SHA256),
 * HKDF-SHA256, and AES-256-GCM for cachet's own use (the other AEADs serve the RFC's
 * test vectors). Internal: cachet/envelope is the public face.
 */
export {
  AES_128_GCM,
  AES_256_GCM,
  type Aead,
  CHACHA20_POLY1305,
  EXPORT_ONLY,
  HpkeContext,
  type Schedule,
  setupBaseR,
  setupBaseS,
} from './context.js';
export { decap, encap, type Kem, P256_KEM, X25519_KEM } from './kem.js';

import { AES_256_GCM, setupBaseR, setupBaseS } from './context.js';
import type { Kem } from './kem.js';

/**
 * Single-shot Seal (§6.1) with AES-256-GCM: returns enc and ct, or null for an invalid pkR.
 */
export function sealBase(
  kem: Kem,
  pkR: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  pt: Uint8Array,
): { enc: Uint8Array; ct: Uint8Array } | null {
  const setup = setupBaseS(kem, AES_256_GCM, pkR, info);
  return setup ? { enc: setup.enc, ct: setup.context.seal(aad, pt) } : null;
}

/** Single-shot Open (§6.1) with AES-256-GCM; null on any failure. */
export function openBase(
  kem: Kem,
  enc: Uint8Array,
  skR: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ct: Uint8Array,
): Uint8Array | null {
  return setupBaseR(kem, AES_256_GCM, enc, skR, info)?.open(aad, ct) ?? null;
}

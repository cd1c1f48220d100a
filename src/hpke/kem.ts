/**
 * DHKEM (RFC 9180 §4.1) over X25519 and P-256, both with HKDF-SHA256: key derivation
 * (§7.1.3), Encap and Decap. Public keys are serialised raw (X25519, 32 bytes) or as
 * uncompressed SEC1 points (P-256, 65 bytes), as §7.1.1 requires.
 */
import { ecdh, ecPublicKey } from '../backend/ec.js';
import { randomBytes } from '../backend/random.js';
import { x25519, x25519PublicKey } from '../backend/x25519.js';
import { KeyError } from '../errors.js';
import { concat, i2osp, label, labeledExpand, labeledExtract } from './labeled.js';

/** A DHKEM with its RFC 9180 §7.1 parameters (Table 2). */
export interface Kem {
  readonly id: number;
  /** Nsecret, Nenc, Npk, Nsk. */
  readonly nSecret: number;
  readonly nEnc: number;
  readonly nSk: number;
  /** pk(sk), serialised. */
  publicKey(sk: Uint8Array): Uint8Array;
  /** DH(sk, pk); null when the peer key is invalid or the result is degenerate (§7.1.4). */
  dh(sk: Uint8Array, pk: Uint8Array): Uint8Array | null;
  /** DeriveKeyPair(ikm) of §7.1.3, returning the private key. */
  deriveKey(ikm: Uint8Array): Uint8Array;
}

function suiteId(kemId: number): Uint8Array {
  return concat(label('KEM'), i2osp(kemId, 2));
}

const X25519_ID = suiteId(0x0020);
const P256_ID = suiteId(0x0010);
// Order of the P-256 group (FIPS 186-5 / SEC 2), for the rejection sampling of §7.1.3.
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** DHKEM(X25519, HKDF-SHA256), kem_id 0x0020. */
export const X25519_KEM: Kem = {
  id: 0x0020,
  nSecret: 32,
  nEnc: 32,
  nSk: 32,
  publicKey: x25519PublicKey,
  dh: x25519, // null for low-order points: the all-zero output check of §7.1.4
  deriveKey(ikm) {
    const prk = labeledExtract(X25519_ID, new Uint8Array(0), 'dkp_prk', ikm);
    return labeledExpand(X25519_ID, prk, 'sk', new Uint8Array(0), 32);
  },
};

/** DHKEM(P-256, HKDF-SHA256), kem_id 0x0010. */
export const P256_KEM: Kem = {
  id: 0x0010,
  nSecret: 32,
  nEnc: 65,
  nSk: 32,
  publicKey: (sk) => ecPublicKey('P-256', sk),
  dh(sk, pk) {
    // Only uncompressed points are valid encodings here (§7.1.1); the backend checks that
    // the point is on the curve and not the identity.
    return pk.length === 65 && pk[0] === 4 ? ecdh('P-256', sk, pk) : null;
  },
  deriveKey(ikm) {
    const prk = labeledExtract(P256_ID, new Uint8Array(0), 'dkp_prk', ikm);
    for (let counter = 0; counter < 256; counter++) {
      const bytes = labeledExpand(P256_ID, prk, 'candidate', i2osp(counter, 1), 32);
      let sk = 0n;
      for (const b of bytes) sk = (sk << 8n) | BigInt(b); // bitmask 0xff: nothing to clear
      if (sk !== 0n && sk < P256_N) return bytes;
    }
    // Probability below 2^-8000 (§7.1.3): DeriveKeyPairError.
    throw new KeyError('ERR_INVALID_KEY', 'HPKE DeriveKeyPair found no valid P-256 scalar');
  },
};

function extractAndExpand(kem: Kem, dh: Uint8Array, kemContext: Uint8Array): Uint8Array {
  const id = kem === X25519_KEM ? X25519_ID : P256_ID;
  const prk = labeledExtract(id, new Uint8Array(0), 'eae_prk', dh);
  return labeledExpand(id, prk, 'shared_secret', kemContext, kem.nSecret);
}

/** The result of Encap. */
export interface Encapsulation {
  sharedSecret: Uint8Array;
  enc: Uint8Array;
}

/**
 * Encap(pkR) of §4.1. `ikmE` makes it deterministic (the test vectors' path); otherwise the
 * ephemeral key is DeriveKeyPair(random(Nsk)), the generation §4 describes. Null when pkR
 * is invalid.
 */
export function encap(kem: Kem, pkR: Uint8Array, ikmE?: Uint8Array): Encapsulation | null {
  const skE = kem.deriveKey(ikmE ?? randomBytes(kem.nSk));
  try {
    const dh = kem.dh(skE, pkR);
    if (!dh) return null;
    const enc = kem.publicKey(skE);
    return { sharedSecret: extractAndExpand(kem, dh, concat(enc, pkR)), enc };
  } finally {
    skE.fill(0);
  }
}

/** Decap(enc, skR) of §4.1; null when enc is not a valid public key. */
export function decap(kem: Kem, enc: Uint8Array, skR: Uint8Array): Uint8Array | null {
  if (enc.length !== kem.nEnc) return null;
  const dh = kem.dh(skR, enc);
  if (!dh) return null;
  return extractAndExpand(kem, dh, concat(enc, kem.publicKey(skR)));
}

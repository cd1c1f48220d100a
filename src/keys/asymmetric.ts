/**
 * Ed25519, X25519 and EC (P-256, P-384) keys from raw bytes, validated on the way in:
 * public keys must be valid points (on the curve, not the identity, canonical, and for
 * Ed25519/X25519 not of small order); private scalars must be in [1, n-1]; a public half
 * given next to a private key must match it.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { ecPublicKey } from '../backend/ec.js';
import { ed25519PublicKey } from '../backend/ed25519.js';
import { isAcceptableEd25519Key } from '../backend/ed25519-policy.js';
import { CURVE_BYTES } from '../backend/key-der.js';
import { x25519PublicKey } from '../backend/x25519.js';
import { timingSafeEqual } from '../bytes.js';
import { KeyError } from '../errors.js';
import { ALGORITHMS, type AsymmetricAlg } from './algorithms.js';
import { publicKeyId } from './id.js';
import { createKey, type Key } from './key.js';
import type { KeyOrigin } from './secret.js';

const EC = { 'P-256': p256, 'P-384': p384 } as const;
type EcCurve = keyof typeof EC;

function invalid(message: string): never {
  throw new KeyError('ERR_INVALID_KEY', message);
}

function curveOf(alg: AsymmetricAlg): EcCurve | undefined {
  const curve = ALGORITHMS[alg].curve;
  return curve === 'P-256' || curve === 'P-384' ? curve : undefined;
}

// RFC 7748 §5: u is taken mod p with the top bit masked. These u values have small order
// (on the curve or its twist) and make every shared secret all-zero (§6.1).
const X25519_P = 2n ** 255n - 19n;
const X25519_LOW_ORDER = new Set([
  0n,
  1n,
  X25519_P - 1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
]);

function x25519U(bytes: Uint8Array): bigint {
  let u = 0n;
  for (let i = 31; i >= 0; i--) u = (u << 8n) | BigInt(i === 31 ? bytes[i]! & 0x7f : bytes[i]!);
  return u % X25519_P;
}

/**
 * Validates a raw public key and returns its canonical form: Ed25519/X25519 as given (32
 * bytes), EC as an uncompressed point (compressed input is decompressed).
 */
export function normalizePublicKey(alg: AsymmetricAlg, raw: Uint8Array): Uint8Array {
  const curve = curveOf(alg);
  if (curve) {
    const size = CURVE_BYTES[curve];
    if (raw.length !== 1 + size && raw.length !== 1 + 2 * size) {
      invalid(
        `${alg} public key must be a ${1 + size}-byte compressed or ${1 + 2 * size}-byte uncompressed point`,
      );
    }
    try {
      return EC[curve].Point.fromBytes(raw).toBytes(false); // rejects off-curve points and infinity
    } catch {
      return invalid(`${alg} public key is not a point on ${curve}`);
    }
  }
  if (raw.length !== 32) invalid(`${alg} public key must be 32 bytes, got ${raw.length}`);
  if (alg === 'Ed25519') {
    if (!isAcceptableEd25519Key(raw))
      invalid('Ed25519 public key is non-canonical or of small order');
    try {
      ed25519.Point.fromBytes(raw, false);
    } catch {
      invalid('Ed25519 public key is not a point on the curve');
    }
  } else if (X25519_LOW_ORDER.has(x25519U(raw))) {
    invalid('X25519 public key is of low order');
  }
  return raw.slice();
}

/** A public key from raw bytes (see {@link normalizePublicKey}). */
export function publicKey(alg: AsymmetricAlg, raw: Uint8Array, origin: KeyOrigin = {}): Key {
  const pub = normalizePublicKey(alg, raw);
  return createKey(
    origin.id ?? publicKeyId(alg, pub),
    alg,
    'public',
    { public: pub },
    origin.created,
  );
}

/**
 * A private key from its raw scalar or seed; the public half is derived and, when the
 * caller also has one (JWK `x`/`y`, PKCS #8 v2), compared with it.
 */
export function privateKey(
  alg: AsymmetricAlg,
  raw: Uint8Array,
  claimedPublic?: Uint8Array,
  origin: KeyOrigin = {},
): Key {
  const curve = curveOf(alg);
  let pub: Uint8Array;
  const priv = raw.slice();
  if (curve) {
    if (priv.length !== CURVE_BYTES[curve])
      invalid(`${alg} private key must be ${CURVE_BYTES[curve]} bytes`);
    let d = 0n;
    for (const byte of priv) d = (d << 8n) | BigInt(byte);
    if (d === 0n || d >= EC[curve].Point.Fn.ORDER) invalid(`${alg} private key is out of range`);
    pub = ecPublicKey(curve, priv);
  } else {
    if (priv.length !== 32) invalid(`${alg} private key must be 32 bytes`);
    pub = alg === 'Ed25519' ? ed25519PublicKey(priv) : x25519PublicKey(priv);
  }
  if (claimedPublic && !timingSafeEqual(normalizePublicKey(alg, claimedPublic), pub)) {
    invalid(`${alg} public key does not belong to the private key`);
  }
  return createKey(
    origin.id ?? publicKeyId(alg, pub),
    alg,
    'private',
    { private: priv, public: pub },
    origin.created,
  );
}

/**
 * Options of sign and verify, checked once at the boundary.
 */
import {
  assertBytes,
  assertOneOf,
  assertOptions,
  assertString,
  invalidArgument,
} from '../assert.js';
import type { EcdsaNonce } from '../backend/types.js';

/**
 * ECDSA signature encodings: IEEE P1363 r ‖ s (WebCrypto, JOSE) or DER (OpenSSL, X.509).
 *
 * @example
 * ```ts
 * import { generateKeyPair, type SignatureFormat, sign, verify } from 'cachet/sign';
 * const format: SignatureFormat = 'der'; // for openssl dgst -verify
 * const { privateKey, publicKey } = generateKeyPair('ES256');
 * const signature = sign(privateKey, 'hello', { format });
 * verify(publicKey, 'hello', signature, { format }); // true
 * ```
 */
export type SignatureFormat = 'p1363' | 'der';

/**
 * Options of {@link sign}.
 *
 * @example
 * ```ts
 * import { generateKeyPair, type SignOptions, sign } from 'cachet/sign';
 * const reproducible: SignOptions = { nonce: 'deterministic', format: 'p1363' }; // RFC 6979
 * const { privateKey } = generateKeyPair('ES256');
 * const a = sign(privateKey, 'vector', reproducible);
 * const b = sign(privateKey, 'vector', reproducible);
 * console.log(a.every((byte, i) => byte === b[i])); // true
 * ```
 */
export interface SignOptions {
  /** ECDSA only: `'p1363'` (default, r ‖ s) or `'der'`. Ed25519 has one format; `'der'` is refused. */
  format?: SignatureFormat | undefined;
  /**
   * ECDSA only: how the per-signature secret k is made.
   * - `'hedged'` (default): from the key, the message and fresh randomness (OpenSSL's
   *   method natively; RFC 6979 §3.6 with 32 random bytes portably). Safe against a bad
   *   RNG and against fault attacks on deterministic signing.
   * - `'deterministic'`: pure RFC 6979 §3.2: the same key and message always give the
   *   same signature.
   * - a Uint8Array (1 to 1024 bytes): RFC 6979 §3.6 with this additional data k'.
   * Deterministic and caller-data signing use the portable code on both backends (Node's
   * OpenSSL 3.0 has no RFC 6979), which is several times slower than `'hedged'`.
   * Ed25519 is deterministic by design (RFC 8032 §5.1.6) and ignores this option.
   */
  nonce?: 'hedged' | 'deterministic' | Uint8Array | undefined;
  /**
   * ECDSA only: normalise s to the lower half (s ≤ n/2, BIP 62) so the signature passes
   * strict verifiers. Default `true`; `false` keeps s as computed. Ed25519 signatures are
   * canonical by construction and ignore it.
   */
  lowS?: boolean | undefined;
}

/**
 * Options of {@link verify} and {@link verifyAsync}.
 *
 * @example
 * ```ts
 * import { Keyring } from 'cachet/keys';
 * import { sign, type VerifyOptions, verify } from 'cachet/sign';
 * const signer = Keyring.generate('ES256');
 * const signature = sign(signer, 'tx 1');
 * const strict: VerifyOptions = { keyId: signer.primary.id, lowS: true }; // that key, low S only
 * verify(signer.publicKeyring(), 'tx 1', signature, strict); // true
 * ```
 */
export interface VerifyOptions {
  /** ECDSA only: the signature's encoding, `'p1363'` (default) or `'der'`. */
  format?: SignatureFormat | undefined;
  /**
   * ECDSA only: `true` refuses signatures with s > n/2 (returns `false`), for protocols
   * that need non-malleable signatures. Default `false`: high S is accepted, as OpenSSL
   * and WebCrypto produce it half of the time.
   */
  lowS?: boolean | undefined;
  /**
   * With a Keyring: the id of the key that signed (a JWS `kid`, an HTTP `keyid`). Without
   * it every usable key whose algorithm fits the signature is tried, primary first. A
   * disabled key fails with ERR_KEY_DISABLED, an unknown id with ERR_KEY_NOT_FOUND. With a
   * single Key it must be that key's id.
   */
  keyId?: string | undefined;
}

const FORMATS: readonly SignatureFormat[] = ['p1363', 'der'];
const NONCES = ['hedged', 'deterministic'] as const;

/** @internal Checked sign options with defaults filled in. */
export interface SignSettings {
  format: SignatureFormat;
  nonce: EcdsaNonce;
  lowS: boolean;
}
/** @internal Checked verify options with defaults filled in. */
export interface VerifySettings {
  format: SignatureFormat;
  lowS: boolean;
  keyId: string | undefined;
}

const SIGN_DEFAULTS: SignSettings = { format: 'p1363', nonce: 'hedged', lowS: true };
const VERIFY_DEFAULTS: VerifySettings = { format: 'p1363', lowS: false, keyId: undefined };

function checkBoolean(value: unknown, name: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') invalidArgument(name, 'boolean', value);
}

/** @internal */
export function signSettings(options: SignOptions | undefined): SignSettings {
  if (options === undefined) return SIGN_DEFAULTS;
  assertOptions(options);
  const { format = 'p1363', nonce = 'hedged', lowS = true } = options;
  assertOneOf(format, 'options.format', FORMATS);
  checkBoolean(lowS, 'options.lowS');
  if (nonce instanceof Uint8Array) {
    if (nonce.length < 1 || nonce.length > 1024)
      invalidArgument('options.nonce', 'Uint8Array of 1 to 1024 bytes', nonce);
  } else assertOneOf(nonce, 'options.nonce', NONCES);
  return { format, nonce, lowS };
}

/** @internal */
export function verifySettings(options: VerifyOptions | undefined): VerifySettings {
  if (options === undefined) return VERIFY_DEFAULTS;
  assertOptions(options);
  const { format = 'p1363', lowS = false, keyId } = options;
  assertOneOf(format, 'options.format', FORMATS);
  checkBoolean(lowS, 'options.lowS');
  if (keyId !== undefined) assertString(keyId, 'options.keyId');
  return { format, lowS, keyId };
}

/** @internal The message as bytes: strings are signed as their UTF-8 encoding. */
export function messageBytes(message: Uint8Array | string): Uint8Array {
  if (message instanceof Uint8Array) return message;
  if (typeof message === 'string') return encoder.encode(message);
  return invalidArgument('message', 'Uint8Array or string', message);
}
const encoder = new TextEncoder();

/** @internal */
export function checkSignature(signature: unknown): asserts signature is Uint8Array {
  assertBytes(signature, 'signature');
}

/**
 * verify and verifyAsync. A well-formed signature that does not verify gives `false`;
 * malformed input (wrong type or length, bad DER, a key that cannot verify) throws.
 * ECDSA and Ed25519 verify synchronously; RSA (import-only, to check others' signatures)
 * needs WebCrypto in browsers, so it verifies only through {@link verifyAsync}.
 */
import { invalidArgument } from '../assert.js';
import { ecdsaVerify } from '../backend/ec.js';
import { ed25519Verify } from '../backend/ed25519.js';
import { rsaVerify } from '../backend/rsa.js';
import { DerReader } from '../der.js';
import { KeyError } from '../errors.js';
import { materialOf } from '../keys/key.js';
import { parseRsaPublicKey } from '../keys/rsa.js';
import type { EcdsaInfo, RsaInfo } from './algorithms.js';
import { decodeDerSignature } from './der.js';
import { type Candidate, type KeyOrKeyring, verificationKeys } from './keys.js';
import { hasHighS } from './low-s.js';
import {
  checkSignature,
  messageBytes,
  type VerifyOptions,
  type VerifySettings,
  verifySettings,
} from './options.js';

const modulusLengths = new WeakMap<Uint8Array, number>();

/** Byte length of an RSA key's modulus (RFC 8017 §8.2.2: a signature has exactly k bytes). */
function modulusLength(spki: Uint8Array): number {
  let k = modulusLengths.get(spki);
  if (k === undefined) {
    const outer = new DerReader(spki, 'RSA key').enter();
    outer.enter();
    k = parseRsaPublicKey(outer.readBitString()).n.length;
    modulusLengths.set(spki, k);
  }
  return k;
}

function wrongLength(what: string, length: number, signature: Uint8Array): never {
  return invalidArgument('signature', `${what} of length ${length}`, signature);
}

/**
 * The signature in the form the backend takes (Ed25519 R ‖ S, ECDSA r ‖ s, RSA as is),
 * or a typed error when it is malformed for this key.
 */
function prepare(c: Candidate, signature: Uint8Array, settings: VerifySettings): Uint8Array {
  const { info } = c;
  if (settings.format === 'der' && info.scheme !== 'ecdsa') {
    invalidArgument('options.format', `'p1363' for ${c.key.alg} keys (DER is ECDSA's)`, 'der');
  }
  switch (info.scheme) {
    case 'eddsa':
      if (signature.length !== 64) wrongLength('an Ed25519 signature', 64, signature);
      return signature;
    case 'ecdsa':
      if (settings.format === 'der') return decodeDerSignature(signature, info.size);
      if (signature.length !== 2 * info.size) {
        // A DER SEQUENCE (OpenSSL, X.509, Java) is the usual mistake: say how to pass one.
        const hint = signature[0] === 0x30 ? " (DER? pass { format: 'der' })" : '';
        wrongLength(`a ${c.key.alg} r ‖ s signature${hint}`, 2 * info.size, signature);
      }
      return signature;
    default: {
      const k = modulusLength(materialOf(c.key).public!);
      if (signature.length !== k) wrongLength(`a ${c.key.alg} signature`, k, signature);
      return signature;
    }
  }
}

function verifySync(
  c: Candidate,
  message: Uint8Array,
  signature: Uint8Array,
  settings: VerifySettings,
): boolean {
  const pub = materialOf(c.key).public!;
  if (c.info.scheme === 'eddsa') return ed25519Verify(pub, message, signature);
  const ec = c.info as EcdsaInfo;
  if (settings.lowS && hasHighS(ec, signature)) return false;
  return ecdsaVerify(ec.curve, ec.hash, pub, message, signature);
}

/**
 * Tries each candidate in order. A signature malformed for one key of a keyring may fit
 * another (a 64-byte Ed25519 and ES256 signature), so parse errors are kept and thrown
 * only when the signature fits no key at all.
 */
function attempt(
  candidates: Candidate[],
  signature: Uint8Array,
  settings: VerifySettings,
  check: (c: Candidate, sig: Uint8Array) => boolean,
): boolean {
  let firstError: unknown;
  let parsed = 0;
  for (const c of candidates) {
    let sig: Uint8Array;
    try {
      sig = prepare(c, signature, settings);
    } catch (err) {
      firstError ??= err;
      continue;
    }
    parsed++;
    if (check(c, sig)) return true;
  }
  if (parsed === 0) throw firstError;
  return false;
}

function asyncOnly(alg: string): never {
  throw new KeyError(
    'ERR_WRONG_KEY_TYPE',
    `${alg} signatures verify asynchronously (WebCrypto in browsers); use verifyAsync`,
  );
}

/**
 * Verifies an Ed25519 or ECDSA signature.
 *
 * - Ed25519: strict RFC 8032 §5.1.7, cofactorless; non-canonical S, non-canonical or
 *   small-order public keys are refused (docs/sign.md says exactly which rules apply).
 * - ES256 / ES384: ECDSA over SHA-256 / SHA-384 of the message; `format` says whether the
 *   signature is r ‖ s (default) or DER; high S is accepted unless `lowS: true`.
 *
 * With a Keyring, `keyId` picks the key; without it every usable (not disabled) key that
 * can verify is tried, primary first. RSA keys verify only with {@link verifyAsync}.
 *
 * @param key - a public (or private) Ed25519/ES256/ES384 Key, or a Keyring
 * @param message - the signed bytes; a string stands for its UTF-8 encoding
 * @param signature - the signature bytes
 * @param options - `format`, `lowS`, `keyId`
 * @returns true when the signature is valid, false when it is well-formed but does not verify
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT (wrong type or length) or ERR_INVALID_FORMAT (bad DER)
 * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE (a key that cannot verify, or RSA), ERR_KEY_NOT_FOUND, ERR_KEY_DISABLED
 * @example
 * ```ts
 * import { generateKeyPair, sign, verify } from 'cachet/sign';
 * const { privateKey, publicKey } = generateKeyPair('ES256');
 * const signature = sign(privateKey, 'hello', { format: 'der' });
 * console.log(verify(publicKey, 'hello', signature, { format: 'der' })); // true
 * console.log(verify(publicKey, 'hullo', signature, { format: 'der' })); // false
 * ```
 */
export function verify(
  key: KeyOrKeyring,
  message: Uint8Array | string,
  signature: Uint8Array,
  options?: VerifyOptions,
): boolean {
  const settings = verifySettings(options);
  const candidates = verificationKeys(key, settings.keyId);
  const data = messageBytes(message);
  checkSignature(signature);
  if (candidates.length === 1) {
    const c = candidates[0]!;
    if (c.info.scheme === 'rsa') asyncOnly(c.key.alg);
    return verifySync(c, data, prepare(c, signature, settings), settings);
  }
  const sync = candidates.filter((c) => c.info.scheme !== 'rsa');
  if (sync.length === 0) asyncOnly(candidates[0]!.key.alg);
  return attempt(sync, signature, settings, (c, sig) => verifySync(c, data, sig, settings));
}

/**
 * Verifies a signature of any algorithm cachet knows, including imported RSA keys
 * (RS256/384/512: RSASSA-PKCS1-v1_5; PS256/384/512: RSASSA-PSS with MGF1 of the same hash
 * and a salt of the hash length, as JWA RFC 7518 §3.5 fixes). Ed25519 and ECDSA behave
 * exactly as in {@link verify}; use it when a keyring may hold RSA keys.
 *
 * @param key - a Key or Keyring (RSA keys come from `importKey`)
 * @param message - the signed bytes; a string stands for its UTF-8 encoding
 * @param signature - the signature bytes (RSA: exactly the modulus length)
 * @param options - `format`, `lowS`, `keyId`, as for {@link verify}
 * @returns a promise of true (valid) or false (well-formed but not valid)
 * @throws {@link cachet!InvalidInputError} / {@link cachet!KeyError} as for {@link verify} (as a rejection)
 * @example
 * ```ts
 * import { importKey } from 'cachet/keys';
 * import { verifyAsync } from 'cachet/sign';
 * const { publicKey } = await crypto.subtle.generateKey(
 *   { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
 *   true, ['sign', 'verify'],
 * );
 * const key = importKey(await crypto.subtle.exportKey('jwk', publicKey), { alg: 'RS256' });
 * console.log(await verifyAsync(key, 'hello', new Uint8Array(256))); // false
 * ```
 */
export async function verifyAsync(
  key: KeyOrKeyring,
  message: Uint8Array | string,
  signature: Uint8Array,
  options?: VerifyOptions,
): Promise<boolean> {
  const settings = verifySettings(options);
  const candidates = verificationKeys(key, settings.keyId);
  const data = messageBytes(message);
  checkSignature(signature);
  // Parse against every candidate first (synchronously, same errors as verify), then check.
  const ready: Array<[Candidate, Uint8Array]> = [];
  let firstError: unknown;
  for (const c of candidates) {
    try {
      ready.push([c, prepare(c, signature, settings)]);
    } catch (err) {
      firstError ??= err;
    }
  }
  if (ready.length === 0) throw firstError;
  for (const [c, sig] of ready) {
    if (c.info.scheme !== 'rsa') {
      if (verifySync(c, data, sig, settings)) return true;
      continue;
    }
    const rsa = c.info as RsaInfo;
    if (await rsaVerify(rsa.padding, rsa.hash, materialOf(c.key).public!, data, sig)) return true;
  }
  return false;
}

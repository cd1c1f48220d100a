/**
 * sign: Ed25519 (RFC 8032 §5.1.6) and ECDSA (FIPS 186-5 §6.4) with a private Key, or a
 * Keyring's primary.
 */
import { invalidArgument } from '../assert.js';
import { ecdsaSign } from '../backend/ec.js';
import { ed25519Sign } from '../backend/ed25519.js';
import { materialOf } from '../keys/key.js';
import { type EcdsaInfo, SIGNATURE_ALGS, type SignAlg } from './algorithms.js';
import { encodeDerSignature } from './der.js';
import { type KeyOrKeyring, signingKey } from './keys.js';
import { normalizeS } from './low-s.js';
import { messageBytes, type SignOptions, signSettings } from './options.js';

/**
 * Signs a message.
 *
 * - Ed25519: the 64-byte RFC 8032 signature of the message (PureEdDSA, no prehash).
 * - ES256 / ES384: ECDSA with SHA-256 / SHA-384 over the message; by default a hedged
 *   nonce and low S, returned as r ‖ s (64 / 96 bytes) or, with `format: 'der'`, as DER.
 *
 * A Keyring signs with its primary key; send `key.id` (or `keyring.primary.id`) along with
 * the signature so the verifier can pick the key.
 *
 * @param key - a private Ed25519, ES256 or ES384 Key, or a Keyring whose primary is one
 * @param message - the bytes to sign; a string is signed as its UTF-8 encoding
 * @param options - `format`, `nonce`, `lowS` (ECDSA)
 * @returns the signature
 * @throws {@link cachet!KeyError} ERR_WRONG_KEY_TYPE for a public key or a key that does not sign
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad arguments or options
 * @example
 * ```ts
 * import { generateKeyPair, sign, verify } from 'cachet/sign';
 * const { privateKey, publicKey } = generateKeyPair('Ed25519');
 * const signature = sign(privateKey, 'order #42 shipped');
 * console.log(verify(publicKey, 'order #42 shipped', signature)); // true
 * ```
 */
export function sign(
  key: KeyOrKeyring,
  message: Uint8Array | string,
  options?: SignOptions,
): Uint8Array {
  const k = signingKey(key);
  const data = messageBytes(message);
  const settings = signSettings(options);
  const info = SIGNATURE_ALGS[k.alg as SignAlg];
  const secret = materialOf(k).private!; // Ed25519 seed or EC scalar
  if (info.scheme === 'eddsa') {
    if (settings.format !== 'p1363') {
      invalidArgument(
        'options.format',
        "'p1363' for Ed25519 (it has no DER form)",
        settings.format,
      );
    }
    return ed25519Sign(secret, data);
  }
  const ec = info as EcdsaInfo;
  let signature = ecdsaSign(ec.curve, ec.hash, secret, data, settings.nonce);
  if (settings.lowS) signature = normalizeS(ec, signature);
  return settings.format === 'der' ? encodeDerSignature(signature) : signature;
}

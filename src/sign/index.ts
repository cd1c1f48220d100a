/**
 * cachet/sign: digital signatures with Ed25519 (RFC 8032) and ECDSA P-256/P-384
 * (ES256/ES384), on keys from cachet/keys or a Keyring whose primary signs. ECDSA
 * signatures come as r ‖ s (WebCrypto, JOSE) or DER (OpenSSL, X.509), with converters;
 * nonces are hedged by default or RFC 6979 deterministic; low S is produced by default and
 * can be required on verification. Imported RSA keys verify through `verifyAsync`.
 *
 * @example
 * ```ts
 * import { Keyring } from 'cachet/keys';
 * import { sign, verify } from 'cachet/sign';
 * const signer = Keyring.generate('Ed25519');
 * const signature = sign(signer, 'hello');
 * const verifier = signer.publicKeyring();
 * verify(verifier, 'hello', signature, { keyId: signer.primary.id }); // true
 * ```
 *
 * @module cachet/sign
 */
export type { EcdsaAlg, SignAlg, VerifyAlg } from './algorithms.js';
export { derToP1363, p1363ToDer } from './der.js';
export { generateKeyPair, type KeyPair } from './generate.js';
export type { KeyOrKeyring } from './keys.js';
export type { SignatureFormat, SignOptions, VerifyOptions } from './options.js';
export { sign } from './sign.js';
export { verify, verifyAsync } from './verify.js';

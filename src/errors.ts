/**
 * Typed errors. Every failure in cachet is a {@link CachetError} with a stable `code`
 * from {@link errorCodes}; subclasses group the codes by family so callers can branch
 * with `instanceof` or on `code`. Messages say what was wrong and what to do, and never
 * contain key material, signatures, tokens or whole payloads.
 *
 * @module
 */

/**
 * Bad input: wrong type, length or range; malformed encodings; oversized data.
 *
 * @example
 * ```ts
 * import { type InputErrorCode, InvalidInputError } from 'cachet';
 * const code: InputErrorCode = 'ERR_INVALID_FORMAT';
 * console.log(new InvalidInputError(code, 'bad base64').code);
 * ```
 */
export type InputErrorCode =
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_INVALID_FORMAT'
  | 'ERR_LIMIT_EXCEEDED'
  | 'ERR_BODY_ALREADY_PARSED';
/**
 * Algorithm, feature or format version not supported here.
 *
 * @example
 * ```ts
 * import type { UnsupportedErrorCode } from 'cachet';
 * const code: UnsupportedErrorCode = 'ERR_UNSUPPORTED_VERSION';
 * ```
 */
export type UnsupportedErrorCode = 'ERR_UNSUPPORTED_ALGORITHM' | 'ERR_UNSUPPORTED_VERSION';
/**
 * Key and keyring problems.
 *
 * @example
 * ```ts
 * import type { KeyErrorCode } from 'cachet';
 * const code: KeyErrorCode = 'ERR_KEY_NOT_FOUND';
 * ```
 */
export type KeyErrorCode =
  | 'ERR_KEY_NOT_FOUND'
  | 'ERR_KEY_DISABLED'
  | 'ERR_INVALID_KEY'
  | 'ERR_WRONG_KEY_TYPE'
  | 'ERR_KEYRING_STATE';
/**
 * Failed verification of a signed message (HTTP request, webhook).
 *
 * @example
 * ```ts
 * import type { VerificationErrorCode } from 'cachet';
 * const code: VerificationErrorCode = 'ERR_SIGNATURE_INVALID';
 * ```
 */
export type VerificationErrorCode =
  | 'ERR_SIGNATURE_MISSING'
  | 'ERR_SIGNATURE_INVALID'
  | 'ERR_ALGORITHM_NOT_ALLOWED'
  | 'ERR_COMPONENT_MISSING'
  | 'ERR_DIGEST_MISMATCH'
  | 'ERR_TAG_MISMATCH';
/**
 * Timestamps outside their window, expiry.
 *
 * @example
 * ```ts
 * import type { TimeErrorCode } from 'cachet';
 * const code: TimeErrorCode = 'ERR_TIMESTAMP_TOO_OLD';
 * ```
 */
export type TimeErrorCode = 'ERR_TIMESTAMP_TOO_OLD' | 'ERR_TIMESTAMP_IN_FUTURE' | 'ERR_EXPIRED';
/**
 * Certificate and chain validation failures.
 *
 * @example
 * ```ts
 * import type { CertificateErrorCode } from 'cachet';
 * const code: CertificateErrorCode = 'ERR_CERT_EXPIRED';
 * ```
 */
export type CertificateErrorCode =
  | 'ERR_CERT_MALFORMED'
  | 'ERR_CERT_EXPIRED'
  | 'ERR_CERT_NOT_YET_VALID'
  | 'ERR_CERT_UNKNOWN_ISSUER'
  | 'ERR_CERT_NOT_A_CA'
  | 'ERR_CERT_PATH_TOO_LONG'
  | 'ERR_CERT_BAD_SIGNATURE'
  | 'ERR_CERT_NAME_MISMATCH'
  | 'ERR_CERT_NAME_CONSTRAINTS'
  | 'ERR_CERT_EKU'
  | 'ERR_CERT_KEY_USAGE'
  | 'ERR_CERT_REVOKED'
  | 'ERR_CERT_PIN_MISMATCH'
  | 'ERR_CERT_UNHANDLED_CRITICAL_EXTENSION'
  | 'ERR_CERT_POLICY';
/**
 * Every stable error code (the keys of {@link errorCodes}).
 *
 * @example
 * ```ts
 * import { type ErrorCode, errorCodes } from 'cachet';
 * const codes = Object.keys(errorCodes) as ErrorCode[];
 * console.log(codes.includes('ERR_AUTH_FAILED')); // true
 * ```
 */
export type ErrorCode =
  | InputErrorCode
  | UnsupportedErrorCode
  | KeyErrorCode
  | 'ERR_AUTH_FAILED'
  | VerificationErrorCode
  | TimeErrorCode
  | 'ERR_REPLAY'
  | CertificateErrorCode
  | 'ERR_PROVIDER';

/**
 * The one list of error codes and what each means. Codes are stable across releases: new
 * ones may be added, existing ones are never renamed or reused. docs/errors.md follows it.
 *
 * @example
 * ```ts
 * import { errorCodes } from 'cachet';
 * console.log(errorCodes.ERR_AUTH_FAILED); // 'decryption or authentication failed'
 * ```
 */
export const errorCodes: { readonly [C in ErrorCode]: string } = {
  ERR_INVALID_ARGUMENT: 'an argument has the wrong type, length or range',
  ERR_INVALID_FORMAT: 'encoded input is malformed (base64, hex, JSON, PEM, DER, a header)',
  ERR_LIMIT_EXCEEDED: 'input is larger than a configured limit',
  ERR_BODY_ALREADY_PARSED: 'a body was parsed to an object; the raw bytes are needed',
  ERR_UNSUPPORTED_ALGORITHM: 'the algorithm is unknown or not available here',
  ERR_UNSUPPORTED_VERSION: 'the format version is not one this release reads',
  ERR_KEY_NOT_FOUND: 'no key with that id (or none that matches)',
  ERR_KEY_DISABLED: 'the key exists but is disabled',
  ERR_INVALID_KEY: 'key material is invalid (length, curve point, encoding)',
  ERR_WRONG_KEY_TYPE: 'the key has the wrong algorithm or type for this operation',
  ERR_KEYRING_STATE: 'the keyring change is not allowed (e.g. removing the primary)',
  ERR_AUTH_FAILED: 'decryption or authentication failed',
  ERR_SIGNATURE_MISSING: 'no signature (or signature header) was found',
  ERR_SIGNATURE_INVALID: 'no signature matched',
  ERR_ALGORITHM_NOT_ALLOWED: 'the algorithm is not in the allow-list',
  ERR_COMPONENT_MISSING: 'a required signed component is not covered',
  ERR_DIGEST_MISMATCH: 'the body does not match its digest',
  ERR_TAG_MISMATCH: 'the signature tag is not the one required',
  ERR_TIMESTAMP_TOO_OLD: 'the timestamp is older than the tolerance allows',
  ERR_TIMESTAMP_IN_FUTURE: 'the timestamp is further in the future than allowed',
  ERR_EXPIRED: 'the signature or object has expired',
  ERR_REPLAY: 'this message id or nonce was already seen',
  ERR_CERT_MALFORMED: 'the certificate or CRL cannot be parsed',
  ERR_CERT_EXPIRED: 'a certificate in the chain has expired',
  ERR_CERT_NOT_YET_VALID: 'a certificate in the chain is not yet valid',
  ERR_CERT_UNKNOWN_ISSUER: 'no path to a trusted root was found',
  ERR_CERT_NOT_A_CA: 'an issuer is not a CA',
  ERR_CERT_PATH_TOO_LONG: 'the path is longer than allowed',
  ERR_CERT_BAD_SIGNATURE: 'a certificate signature does not verify',
  ERR_CERT_NAME_MISMATCH: 'the certificate does not match the host name or IP',
  ERR_CERT_NAME_CONSTRAINTS: 'a name violates a name constraint',
  ERR_CERT_EKU: 'the extended key usage does not allow this purpose',
  ERR_CERT_KEY_USAGE: 'the key usage does not allow this use',
  ERR_CERT_REVOKED: 'a certificate is revoked',
  ERR_CERT_PIN_MISMATCH: 'no certificate in the chain matches a pin',
  ERR_CERT_UNHANDLED_CRITICAL_EXTENSION: 'a critical extension is not understood',
  ERR_CERT_POLICY: 'the chain violates a validation policy rule',
  ERR_PROVIDER: 'a key provider or store (KMS, HSM, Redis) failed',
};

/**
 * Options accepted by every error constructor.
 *
 * @example
 * ```ts
 * import { type ErrorOptions, ProviderError } from 'cachet';
 * const options: ErrorOptions = { cause: new Error('ECONNREFUSED') };
 * console.log(new ProviderError('KMS unreachable', options).cause);
 * ```
 */
export interface ErrorOptions {
  /** The underlying error, kept for debugging; never shown to end users by cachet. */
  cause?: unknown;
}

/**
 * Base class of every error cachet throws.
 *
 * @example
 * ```ts
 * import { CachetError, base64Decode } from 'cachet';
 * try {
 *   base64Decode('not base64!');
 * } catch (err) {
 *   if (err instanceof CachetError) console.log(err.code); // 'ERR_INVALID_FORMAT'
 * }
 * ```
 */
export class CachetError extends Error {
  /** Stable, machine-readable code from {@link errorCodes}. */
  readonly code: ErrorCode;

  /**
   * @param code - stable code from {@link errorCodes}
   * @param message - what was wrong and what to do, without secrets
   * @param options - `cause` to chain an underlying error
   */
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }

  override name = 'CachetError';
}

/**
 * Bad input: wrong type, length or range, malformed encodings, oversized data.
 *
 * @example
 * ```ts
 * import { InvalidInputError, hexDecode } from 'cachet';
 * try { hexDecode('zz'); } catch (e) { console.log(e instanceof InvalidInputError); } // true
 * ```
 */
export class InvalidInputError extends CachetError {
  override name = 'InvalidInputError';
  declare readonly code: InputErrorCode;
  /** @param code - an input-family code  @param message - the reason  @param options - cause */
  constructor(code: InputErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * The algorithm, feature or format version is not supported by this release or platform.
 *
 * @example
 * ```ts
 * import { UnsupportedError } from 'cachet';
 * const err = new UnsupportedError('ERR_UNSUPPORTED_ALGORITHM', 'alg "A128CBC" is not supported');
 * console.log(err.code); // 'ERR_UNSUPPORTED_ALGORITHM'
 * ```
 */
export class UnsupportedError extends CachetError {
  override name = 'UnsupportedError';
  declare readonly code: UnsupportedErrorCode;
  /** @param code - an unsupported-family code  @param message - the reason  @param options - cause */
  constructor(code: UnsupportedErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * A key problem: not found, disabled, invalid material, or the wrong kind of key.
 *
 * @example
 * ```ts
 * import { KeyError } from 'cachet';
 * import { Keyring } from 'cachet/keys';
 * try { Keyring.generate('A256GCM').get('00000000'); }
 * catch (e) { console.log(e instanceof KeyError, (e as KeyError).code); } // true 'ERR_KEY_NOT_FOUND'
 * ```
 */
export class KeyError extends CachetError {
  override name = 'KeyError';
  declare readonly code: KeyErrorCode;
  /** @param code - a key-family code  @param message - the reason  @param options - cause */
  constructor(code: KeyErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * Decryption or message authentication failed. The message is deliberately generic: it
 * never says which byte, key or check failed.
 *
 * @example
 * ```ts
 * import { AuthenticationError } from 'cachet';
 * const err = new AuthenticationError();
 * console.log(err.code, err.message); // 'ERR_AUTH_FAILED' 'decryption failed: ...'
 * ```
 */
export class AuthenticationError extends CachetError {
  override name = 'AuthenticationError';
  declare readonly code: 'ERR_AUTH_FAILED';
  /** @param message - optional generic reason  @param options - cause */
  constructor(
    message = 'decryption failed: the data was altered, is truncated, or was made with another key or context',
    options?: ErrorOptions,
  ) {
    super('ERR_AUTH_FAILED', message, options);
  }
}

/**
 * A signed message (HTTP request, webhook) did not verify; `code` says which check failed.
 *
 * @example
 * ```ts
 * import { VerificationError } from 'cachet';
 * const err = new VerificationError('ERR_SIGNATURE_MISSING', 'no Signature header');
 * console.log(err instanceof VerificationError, err.code);
 * ```
 */
export class VerificationError extends CachetError {
  override name = 'VerificationError';
  declare readonly code: VerificationErrorCode;
  /** @param code - a verification-family code  @param message - the reason  @param options - cause */
  constructor(code: VerificationErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * A timestamp is outside the allowed window, or something has expired.
 *
 * @example
 * ```ts
 * import { TimestampError } from 'cachet';
 * const err = new TimestampError('ERR_TIMESTAMP_TOO_OLD', 'timestamp is 900 s old; tolerance is 300 s');
 * console.log(err.code);
 * ```
 */
export class TimestampError extends CachetError {
  override name = 'TimestampError';
  declare readonly code: TimeErrorCode;
  /** @param code - a time-family code  @param message - the reason  @param options - cause */
  constructor(code: TimeErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * The message id or nonce was already seen by the replay store.
 *
 * @example
 * ```ts
 * import { ReplayError } from 'cachet';
 * console.log(new ReplayError().code); // 'ERR_REPLAY'
 * ```
 */
export class ReplayError extends CachetError {
  override name = 'ReplayError';
  declare readonly code: 'ERR_REPLAY';
  /** @param message - the reason  @param options - cause */
  constructor(message = 'replay: this message was already accepted once', options?: ErrorOptions) {
    super('ERR_REPLAY', message, options);
  }
}

/**
 * A certificate, chain or CRL was rejected; `code` names the first reason.
 *
 * @example
 * ```ts
 * import { CertificateError } from 'cachet';
 * const err = new CertificateError('ERR_CERT_EXPIRED', 'leaf expired at 2024-01-01T00:00:00Z');
 * console.log(err.code);
 * ```
 */
export class CertificateError extends CachetError {
  override name = 'CertificateError';
  declare readonly code: CertificateErrorCode;
  /** @param code - a certificate-family code  @param message - the reason  @param options - cause */
  constructor(code: CertificateErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * An external key provider or store (KMS, HSM, Redis) failed; the cause is kept.
 *
 * @example
 * ```ts
 * import { ProviderError } from 'cachet';
 * const err = new ProviderError('replay store unavailable', { cause: new Error('ECONNREFUSED') });
 * console.log(err.code); // 'ERR_PROVIDER'
 * ```
 */
export class ProviderError extends CachetError {
  override name = 'ProviderError';
  declare readonly code: 'ERR_PROVIDER';
  /** @param message - the reason  @param options - cause */
  constructor(message: string, options?: ErrorOptions) {
    super('ERR_PROVIDER', message, options);
  }
}

// Which class carries each error code, written out by hand (docs/errors.md follows the
// same grouping). The type annotations make tsc prove each code belongs to its class's
// code union, and `Unlisted` proves no code of ErrorCode is left out.
import type {
  CertificateErrorCode,
  ErrorCode,
  InputErrorCode,
  KeyErrorCode,
  TimeErrorCode,
  UnsupportedErrorCode,
  VerificationErrorCode,
} from '../../src/errors.js';

export const ERROR_FAMILIES = {
  InvalidInputError: [
    'ERR_INVALID_ARGUMENT',
    'ERR_INVALID_FORMAT',
    'ERR_LIMIT_EXCEEDED',
    'ERR_BODY_ALREADY_PARSED',
  ] satisfies InputErrorCode[],
  UnsupportedError: [
    'ERR_UNSUPPORTED_ALGORITHM',
    'ERR_UNSUPPORTED_VERSION',
  ] satisfies UnsupportedErrorCode[],
  KeyError: [
    'ERR_KEY_NOT_FOUND',
    'ERR_KEY_DISABLED',
    'ERR_INVALID_KEY',
    'ERR_WRONG_KEY_TYPE',
    'ERR_KEYRING_STATE',
  ] satisfies KeyErrorCode[],
  AuthenticationError: ['ERR_AUTH_FAILED'] satisfies 'ERR_AUTH_FAILED'[],
  VerificationError: [
    'ERR_SIGNATURE_MISSING',
    'ERR_SIGNATURE_INVALID',
    'ERR_ALGORITHM_NOT_ALLOWED',
    'ERR_COMPONENT_MISSING',
    'ERR_DIGEST_MISMATCH',
    'ERR_TAG_MISMATCH',
  ] satisfies VerificationErrorCode[],
  TimestampError: [
    'ERR_TIMESTAMP_TOO_OLD',
    'ERR_TIMESTAMP_IN_FUTURE',
    'ERR_EXPIRED',
  ] satisfies TimeErrorCode[],
  ReplayError: ['ERR_REPLAY'] satisfies 'ERR_REPLAY'[],
  CertificateError: [
    'ERR_CERT_MALFORMED',
    'ERR_CERT_EXPIRED',
    'ERR_CERT_NOT_YET_VALID',
    'ERR_CERT_UNKNOWN_ISSUER',
    'ERR_CERT_NOT_A_CA',
    'ERR_CERT_PATH_TOO_LONG',
    'ERR_CERT_BAD_SIGNATURE',
    'ERR_CERT_NAME_MISMATCH',
    'ERR_CERT_NAME_CONSTRAINTS',
    'ERR_CERT_EKU',
    'ERR_CERT_KEY_USAGE',
    'ERR_CERT_REVOKED',
    'ERR_CERT_PIN_MISMATCH',
    'ERR_CERT_UNHANDLED_CRITICAL_EXTENSION',
    'ERR_CERT_POLICY',
  ] satisfies CertificateErrorCode[],
  ProviderError: ['ERR_PROVIDER'] satisfies 'ERR_PROVIDER'[],
} as const;

export type ErrorClassName = keyof typeof ERROR_FAMILIES;

type Listed = (typeof ERROR_FAMILIES)[ErrorClassName][number];
/** Compile-time proof that every ErrorCode is listed above (this type must be `never`). */
type Unlisted = Exclude<ErrorCode, Listed>;
export const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** The class name documented for each code. */
export function classOfCode(code: string): ErrorClassName | undefined {
  for (const [name, codes] of Object.entries(ERROR_FAMILIES)) {
    if ((codes as readonly string[]).includes(code)) return name as ErrorClassName;
  }
  return undefined;
}

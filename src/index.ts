/**
 * cachet: the small shared pieces. Each capability lives in its own sub-path
 * (`cachet/keys`, ...) so importing one never loads another; this root holds only what
 * they all share: errors, byte encodings, randomness and the backend switch.
 *
 * @module
 */
export { type BackendName, getBackend, setBackend } from './backend/node.js';
export {
  base64Decode,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  concatBytes,
  equalBytes,
  hexDecode,
  hexEncode,
  utf8Decode,
  utf8Encode,
} from './bytes.js';
export {
  AuthenticationError,
  CachetError,
  CertificateError,
  type CertificateErrorCode,
  type ErrorCode,
  type ErrorOptions,
  errorCodes,
  type InputErrorCode,
  InvalidInputError,
  KeyError,
  type KeyErrorCode,
  ProviderError,
  ReplayError,
  type TimeErrorCode,
  TimestampError,
  UnsupportedError,
  type UnsupportedErrorCode,
  VerificationError,
  type VerificationErrorCode,
} from './errors.js';
export { randomBytes } from './random.js';

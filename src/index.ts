/**
 * cachet: the small shared pieces. Each capability lives in its own sub-path
 * (`cachet/keys`, ...) so importing one never loads another; this root holds only what
 * they all share: errors, byte encodings, randomness and the backend switch.
 *
 * @example
 * ```ts
 * import { base64urlEncode, CachetError, equalBytes, randomBytes, utf8Encode } from 'cachet';
 * const token = base64urlEncode(randomBytes(32));
 * console.log(equalBytes(utf8Encode(token), utf8Encode(token))); // true
 * console.log(new CachetError('ERR_REPLAY', 'seen before').code); // 'ERR_REPLAY'
 * ```
 *
 * @module cachet
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

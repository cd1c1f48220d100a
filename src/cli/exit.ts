// Which failures mean "the data did not verify" (exit 1) rather than "the call or the
// input was wrong" (exit 2). Decided by the stable error code, not the class, so a
// malformed certificate (bad input) is told apart from a rejected one.
import { CachetError, type ErrorCode } from '../errors.js';
import { printJson } from './io.js';
import { EXIT } from './usage.js';

const INPUT_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['ERR_CERT_MALFORMED']);

const VERIFICATION_CLASSES: ReadonlySet<string> = new Set([
  'AuthenticationError',
  'VerificationError',
  'TimestampError',
  'ReplayError',
  'CertificateError',
]);

/** The exit code for a typed error. */
export function exitCodeOf(err: CachetError): number {
  if (INPUT_ERRORS.has(err.code)) return EXIT.usage;
  return VERIFICATION_CLASSES.has(err.name) ? EXIT.verificationFailed : EXIT.usage;
}

/** Whether an error is a verification failure (exit 1). */
function isVerificationFailure(err: CachetError): boolean {
  return exitCodeOf(err) === EXIT.verificationFailed;
}

/**
 * The end of a verifying command that threw: with `--json`, a verification failure is also
 * reported on stdout as `{ valid: false, code, message }` and exits 1; anything else
 * propagates to the dispatcher, which prints it.
 */
export function verificationFailed(err: unknown, json: boolean): number {
  if (!(json && err instanceof CachetError && isVerificationFailure(err))) throw err;
  printJson({ valid: false, code: err.code, message: err.message });
  return EXIT.verificationFailed;
}

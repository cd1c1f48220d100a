/**
 * Signed timestamps: integer Unix seconds in canonical decimal, checked against a
 * tolerance in both directions (a timestamp from the future is as suspect as an old one).
 */
import { InvalidInputError, TimestampError } from '../errors.js';

// Canonical decimal, at most 12 digits (year 33658): every official library signs
// String(seconds), so a leading zero or a sign can only come from a forger.
const TIMESTAMP = /^(?:0|[1-9][0-9]{0,11})$/;

/**
 * Parses a timestamp header.
 *
 * @param text - the header value
 * @param header - its name, for messages
 * @returns the timestamp in seconds
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT unless canonical decimal digits
 */
export function parseTimestamp(text: string, header: string): number {
  if (!TIMESTAMP.test(text)) {
    throw new InvalidInputError(
      'ERR_INVALID_FORMAT',
      `header "${header}" is not a Unix timestamp in seconds`,
    );
  }
  return Number(text);
}

/**
 * Checks `timestamp` against now.
 *
 * @param timestamp - signed time, Unix seconds
 * @param toleranceSeconds - allowed distance either way
 * @param nowMs - the current time in ms
 * @throws {@link cachet!TimestampError} ERR_TIMESTAMP_TOO_OLD or ERR_TIMESTAMP_IN_FUTURE
 */
export function checkTimestamp(timestamp: number, toleranceSeconds: number, nowMs: number): void {
  const age = Math.floor(nowMs / 1000) - timestamp;
  if (age > toleranceSeconds) {
    throw new TimestampError(
      'ERR_TIMESTAMP_TOO_OLD',
      `the webhook timestamp is ${age} s old; the tolerance is ${toleranceSeconds} s (check the sender's clock, or a replay)`,
    );
  }
  if (-age > toleranceSeconds) {
    throw new TimestampError(
      'ERR_TIMESTAMP_IN_FUTURE',
      `the webhook timestamp is ${-age} s in the future; the tolerance is ${toleranceSeconds} s`,
    );
  }
}

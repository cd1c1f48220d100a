/**
 * Certificate times (RFC 5280 §4.1.2.5): UTCTime `YYMMDDHHMMSSZ` (years 1950–2049) or
 * GeneralizedTime `YYYYMMDDHHMMSSZ`, always UTC, always with seconds, never fractions.
 * Returned as whole seconds since the epoch, the granularity the profile allows, so a
 * validation time is compared after flooring it to the second.
 */
import { malformed, type Reader, T } from './asn1.js';

function digits(c: Uint8Array, from: number, count: number, what: string): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = c[i]! - 0x30;
    if (d < 0 || d > 9) malformed(what, 'time with a non-digit');
    n = n * 10 + d;
  }
  return n;
}

/** Reads a Time (UTCTime or GeneralizedTime) and returns epoch seconds. */
export function readTime(r: Reader): number {
  const tag = r.peek();
  if (tag !== T.UTC_TIME && tag !== T.GENERALIZED_TIME) malformed(r.what, 'expected a Time');
  const c = r.contents(r.next());
  const utc = tag === T.UTC_TIME;
  const yearDigits = utc ? 2 : 4;
  if (c.length !== yearDigits + 11 || c[c.length - 1] !== 0x5a /* Z */) {
    malformed(r.what, 'time not in the form RFC 5280 requires (seconds, Z, no fraction)');
  }
  let year = digits(c, 0, yearDigits, r.what);
  // RFC 5280 §4.1.2.5.1: YY >= 50 means 19YY, YY < 50 means 20YY.
  if (utc) year += year >= 50 ? 1900 : 2000;
  const month = digits(c, yearDigits, 2, r.what);
  const day = digits(c, yearDigits + 2, 2, r.what);
  const hour = digits(c, yearDigits + 4, 2, r.what);
  const minute = digits(c, yearDigits + 6, 2, r.what);
  const second = digits(c, yearDigits + 8, 2, r.what);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  // Date.UTC rolls over out-of-range fields (Feb 30 → Mar 2); a round trip catches them.
  if (
    month < 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    d.getUTCFullYear() !== year ||
    d.getUTCMonth() !== month - 1 ||
    d.getUTCDate() !== day
  ) {
    malformed(r.what, 'time out of range');
  }
  return ms / 1000;
}

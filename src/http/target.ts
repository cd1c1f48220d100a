/**
 * The parts of a request's target URI that derived components use (RFC 9421 §2.2),
 * exactly as the WHATWG URL parser gives them: lowercase scheme and host, default port
 * dropped, `/` for an empty path, no fragment.
 *
 * Most URLs are already in that form. For those, a scan of the string gives the same parts
 * as `new URL()` at a fraction of its cost; anything unusual (uppercase, IP addresses,
 * IDNA, dot segments, characters the parser would encode) goes to `new URL()`. The two are
 * compared on random input in test/http/target.test.ts.
 */
import { InvalidInputError } from '../errors.js';

/** The target URI parts. */
export interface TargetParts {
  /** `http` or `https` (or another scheme, lowercase, from the full parser). */
  readonly scheme: string;
  /** Host and non-default port, lowercase. */
  readonly host: string;
  /** The path, `/` when empty. */
  readonly path: string;
  /** The query with its `?`, or `''` when there is none (or it is empty). */
  readonly search: string;
  /** The target URI (RFC 9421 §2.2.2): scheme, authority, path and query, no fragment. */
  readonly uri: string;
}

// Characters every URL parser keeps as they are in a special URL's path and query:
// unreserved and sub-delims of RFC 3986 with ":", "@", "/" and "%" (and "?" in the query;
// not "'", which WHATWG encodes there). Engines differ on others (Chromium encodes "|"
// and "^" in paths), so URLs with them take the platform's parser, as fetch() does. One
// sticky expression checks the path, the query and the start of a fragment after the
// authority (each repetition is unambiguous: linear time).
const PATH_AND_QUERY = /(?:\/[-\w.~!$&'()*+,;=:@/%]*)?(?:\?[-\w.~!$&()*+,;=:@/?%]*)?(?:#|$)/y;
// A path segment that the parser would resolve as "." or "..", in any spelling.
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/** The parts by one scan, or undefined when the URL is not already in canonical form. */
function fastParts(url: string): TargetParts | undefined {
  let scheme: string;
  let i: number;
  if (url.startsWith('https://')) {
    scheme = 'https';
    i = 8;
  } else if (url.startsWith('http://')) {
    scheme = 'http';
    i = 7;
  } else return undefined;
  const n = url.length;
  // Host: dot-separated labels of a-z, 0-9 and inner hyphens.
  const hostStart = i;
  let label = i;
  let digitsOnly = true;
  for (; i < n; i++) {
    const c = url.charCodeAt(i);
    if (c >= 97 && c <= 122) digitsOnly = false;
    else if (c >= 48 && c <= 57) {
      // digits keep digitsOnly as it is
    } else if (c === 0x2d) {
      if (i === label) return undefined;
    } else if (c === 0x2e) {
      if (i === label || url.charCodeAt(i - 1) === 0x2d) return undefined;
      label = i + 1;
      digitsOnly = true;
    } else break;
  }
  if (i === label || url.charCodeAt(i - 1) === 0x2d) return undefined;
  // The "ends in a number" rule would read an IPv4 address; IDNA labels need the full parser.
  if (digitsOnly || (url.charCodeAt(label) === 0x30 && url.charCodeAt(label + 1) === 0x78))
    return undefined;
  let host = url.slice(hostStart, i);
  if (host.includes('xn--')) return undefined;
  let c = i < n ? url.charCodeAt(i) : -1;
  if (c === 0x3a) {
    const portStart = ++i;
    while (i < n && url.charCodeAt(i) >= 48 && url.charCodeAt(i) <= 57) i++;
    const port = url.slice(portStart, i);
    if (port.length === 0 || port.length > 5 || port.charCodeAt(0) === 48 || Number(port) > 65535)
      return undefined;
    if (port !== (scheme === 'https' ? '443' : '80')) host = `${host}:${port}`;
    c = i < n ? url.charCodeAt(i) : -1;
  }
  PATH_AND_QUERY.lastIndex = i;
  if (!PATH_AND_QUERY.test(url)) return undefined;
  // The path has no "?" or "#", and the query no "#": the first of each is a delimiter.
  let end = url.indexOf('#', i);
  if (end < 0) end = n;
  let query = url.indexOf('?', i);
  if (query < 0 || query > end) query = end;
  let path = '/';
  if (c === 0x2f) {
    path = url.slice(i, query);
    if ((path.includes('.') || path.includes('%')) && DOT_SEGMENT.test(path)) return undefined;
  }
  const search = end - query > 1 ? url.slice(query, end) : '';
  // The URL as it stands is the target URI unless the parser would drop or add something.
  const uri =
    c === 0x2f && host.length === i - hostStart && end === n && search.length === n - query
      ? url
      : `${scheme}://${host}${path}${search}`;
  return { scheme, host, path, search, uri };
}

/**
 * The target URI parts of an absolute URL.
 *
 * @param url - the request URL
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a relative or host-less URL
 */
export function targetParts(url: string): TargetParts {
  const fast = fastParts(url);
  if (fast) return fast;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError(
      'ERR_INVALID_ARGUMENT',
      'the request url must be absolute (scheme and host), e.g. https://api.example.com/path',
    );
  }
  if (parsed.host === '')
    throw new InvalidInputError('ERR_INVALID_ARGUMENT', 'the request url must have a host');
  const scheme = parsed.protocol.slice(0, -1);
  const path = parsed.pathname || '/';
  return {
    scheme,
    host: parsed.host,
    path,
    search: parsed.search,
    uri: `${scheme}://${parsed.host}${path}${parsed.search}`,
  };
}

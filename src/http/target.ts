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
}

// Characters the WHATWG parser keeps as they are in a special URL's path and query.
const PATH_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%[\]^|]*$/;
const QUERY_CHAR = /^[A-Za-z0-9\-._~!$&()*+,;=:@/?%[\]^|`{}\\]*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
// A path segment that the parser would resolve as "." or "..", in any spelling.
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

function fastParts(url: string): TargetParts | undefined {
  const scheme = url.startsWith('https://')
    ? 'https'
    : url.startsWith('http://')
      ? 'http'
      : undefined;
  if (!scheme) return undefined;
  const start = scheme.length + 3;
  let end = url.length;
  const hash = url.indexOf('#', start);
  if (hash >= 0) end = hash;
  let pathStart = url.indexOf('/', start);
  const queryStart = url.indexOf('?', start);
  if (queryStart >= 0 && queryStart < end && (pathStart < 0 || queryStart < pathStart))
    pathStart = -1;
  const authorityEnd =
    pathStart >= 0 && pathStart < end
      ? pathStart
      : queryStart >= 0 && queryStart < end
        ? queryStart
        : end;
  let host = url.slice(start, authorityEnd);
  const colon = host.indexOf(':');
  if (colon >= 0) {
    const port = host.slice(colon + 1);
    if (!/^[1-9][0-9]{0,4}$/.test(port) || Number(port) > 65535) return undefined;
    host = host.slice(0, colon);
    if (port !== (scheme === 'https' ? '443' : '80')) host = `${host}:${port}`;
  }
  const hostname = colon >= 0 ? host.split(':')[0]! : host;
  const labels = hostname.split('.');
  for (const label of labels) if (!LABEL.test(label) || label.startsWith('xn--')) return undefined;
  // The WHATWG "ends in a number" rule would read an IPv4 address.
  const last = labels[labels.length - 1]!;
  if (/^[0-9]+$/.test(last) || last.startsWith('0x')) return undefined;
  let path = '/';
  let search = '';
  if (authorityEnd < end) {
    const q = queryStart >= 0 && queryStart < end ? queryStart : end;
    if (url.charCodeAt(authorityEnd) === 0x2f) path = url.slice(authorityEnd, q);
    if (!PATH_CHAR.test(path) || DOT_SEGMENT.test(path)) return undefined;
    if (q < end) {
      search = url.slice(q, end);
      if (!QUERY_CHAR.test(search.slice(1))) return undefined;
      if (search === '?') search = '';
    }
  }
  return { scheme, host, path, search };
}

/**
 * The target URI parts of an absolute URL.
 *
 * @param url - the request URL
 * @throws {@link InvalidInputError} ERR_INVALID_ARGUMENT for a relative or host-less URL
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
  return {
    scheme: parsed.protocol.slice(0, -1),
    host: parsed.host,
    path: parsed.pathname || '/',
    search: parsed.search,
  };
}

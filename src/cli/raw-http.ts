// Raw HTTP/1.1 requests as text: parsed for `cachet http verify` (RFC 9112 §2-§7, strictly:
// CRLF or LF line ends, no obsolete line folding, a body sized by Content-Length or chunked
// coding) and written by `cachet http sign`. Bounded: at most 64 KiB of head and 200 fields.
import { InputError } from './usage.js';

/** A parsed request. `url` is absolute: origin-form targets are resolved with Host. */
export interface RawRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array;
}

const MAX_HEAD = 64 * 1024;
const MAX_FIELDS = 200;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible ASCII, obs-text, spaces and tabs (RFC 9110 §5.5); no CR, LF or NUL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Bytes as ISO-8859-1 text, one character per byte (TextDecoder's 'latin1' is windows-1252). */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}

function bad(reason: string): never {
  throw new InputError(`not a valid HTTP/1.1 request: ${reason}`);
}

function headEnd(bytes: Uint8Array): { end: number; next: number } {
  const limit = Math.min(bytes.length, MAX_HEAD + 4);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return { end: i, next: i + 2 };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { end: i, next: i + 3 };
  }
  return bad(
    bytes.length > MAX_HEAD
      ? `the head is larger than ${MAX_HEAD} bytes`
      : 'no empty line ends the head',
  );
}

/** RFC 9112 §7.1: the chunked coding, decoded (trailer fields are read and dropped). */
function dechunk(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  let pos = 0;
  const line = (): string => {
    const nl = data.indexOf(0x0a, pos);
    if (nl < 0 || nl - pos > 1024) bad('a chunk-size line is missing or too long');
    const text = latin1(data.subarray(pos, nl)).replace(/\r$/, '');
    pos = nl + 1;
    return text;
  };
  for (;;) {
    const size = /^([0-9a-fA-F]{1,8})(?:[ \t]*;.*)?$/.exec(line());
    if (!size) bad('a chunk size is not hexadecimal');
    const n = Number.parseInt(size[1]!, 16);
    if (n === 0) break;
    if (pos + n > data.length) bad('a chunk is truncated');
    parts.push(data.subarray(pos, pos + n));
    length += n;
    pos += n;
    if (line() !== '') bad('a chunk does not end with CRLF');
  }
  for (let i = 0; i < MAX_FIELDS && line() !== ''; i++);
  if (pos !== data.length) bad('bytes follow the last chunk');
  const body = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    body.set(p, offset);
    offset += p.length;
  }
  return body;
}

/**
 * Parses a raw request. `scheme` completes origin-form targets (`/path` plus Host).
 *
 * @throws UsageError for anything that is not a well-formed HTTP/1.1 request
 */
export function parseRawRequest(bytes: Uint8Array, scheme: 'https' | 'http'): RawRequest {
  const { end, next } = headEnd(bytes);
  const lines = latin1(bytes.subarray(0, end))
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
  const [requestLine, ...fieldLines] = lines;
  const parts = /^([^ ]+) ([^ ]+) HTTP\/1\.[01]$/.exec(requestLine ?? '');
  if (!parts) bad('the first line is not "METHOD target HTTP/1.1"');
  const [, method, target] = parts as unknown as [string, string, string];
  if (!TOKEN.test(method)) bad('the method is not a token');
  if (fieldLines.length > MAX_FIELDS) bad(`more than ${MAX_FIELDS} header fields`);
  const headers: [string, string][] = [];
  for (const fieldLine of fieldLines) {
    if (/^[ \t]/.test(fieldLine)) bad('obsolete line folding (RFC 9112 §5.2)');
    const colon = fieldLine.indexOf(':');
    const name = colon > 0 ? fieldLine.slice(0, colon) : '';
    if (!TOKEN.test(name)) bad('a header line has no valid field name');
    const value = fieldLine.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!FIELD_VALUE.test(value)) bad(`the ${name.toLowerCase()} field has a control character`);
    headers.push([name, value]);
  }
  const values = (n: string) => headers.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v);

  const rest = bytes.subarray(next);
  const coding = values('transfer-encoding');
  const lengths = values('content-length');
  let body: Uint8Array;
  if (coding.length > 0) {
    // RFC 9112 §6.1: chunked must be the final coding; with Content-Length too it is an attack.
    if (lengths.length > 0) bad('both Transfer-Encoding and Content-Length');
    if (coding.join(',').trim().toLowerCase() !== 'chunked')
      bad('a transfer coding other than chunked');
    body = dechunk(rest);
  } else if (lengths.length > 0) {
    if (new Set(lengths).size !== 1 || !/^\d{1,15}$/.test(lengths[0]!))
      bad('an invalid Content-Length');
    const n = Number(lengths[0]);
    if (rest.length !== n) bad(`Content-Length is ${n} but ${rest.length} bytes follow the head`);
    body = rest;
  } else body = rest;

  let url: string;
  if (/^https?:\/\//i.test(target)) url = target;
  else if (target.startsWith('/')) {
    const hosts = values('host');
    if (hosts.length !== 1 || hosts[0] === '')
      bad('an origin-form target needs exactly one Host field');
    url = `${scheme}://${hosts[0]}${target}`;
  } else bad('the target is neither /path nor an absolute http(s) URL');
  try {
    new URL(url);
  } catch {
    bad('the target URL does not parse');
  }
  return { method, url, headers, body };
}

/** Writes a request as HTTP/1.1 text (origin-form target, Host first, CRLF line ends). */
export function formatRawRequest(request: {
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array | undefined;
}): Uint8Array {
  const url = new URL(request.url);
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`];
  const headers = request.headers.filter(([k]) => k.toLowerCase() !== 'host');
  lines.push(`Host: ${url.host}`);
  const body = request.body ?? new Uint8Array(0);
  if (body.length > 0 && !headers.some(([k]) => k.toLowerCase() === 'content-length'))
    headers.push(['Content-Length', String(body.length)]);
  for (const [k, v] of headers) lines.push(`${k}: ${v}`);
  const head = new TextEncoder().encode(`${lines.join('\r\n')}\r\n\r\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/**
 * The message model: a request or response in whatever shape the caller has (Fetch
 * `Request`/`Response`, or a plain `{ method, url, headers, body }` / `{ status, headers,
 * body }`), seen through one interface for component derivation (§2.2) and bodies.
 */
import { invalidArgument } from '../assert.js';
import { utf8Encode } from '../bytes.js';
import { InvalidInputError } from '../errors.js';
import { isFetchRequest, isFetchResponse } from './fetch-classes.js';
import { type FieldReader, fieldReader, type HeadersInput } from './fields.js';
import { type TargetParts, targetParts } from './target.js';

/**
 * A body as bytes or text (UTF-8). `undefined` means "not given"; `null` means none.
 *
 * @example
 * ```ts
 * import { type BodyInput, signRequest, verifyRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const key = Keyring.generate('HS256');
 * const body: BodyInput = new TextEncoder().encode('{"id":7}'); // or the string itself
 * const signed = await signRequest({ method: 'POST', url: 'https://api.example.com/v1/orders', body }, { key });
 * await verifyRequest({ ...signed, body: '{"id":7}' }, { keys: key }); // the same bytes as text
 * ```
 */
export type BodyInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | null | undefined;

/**
 * A request as a plain object: Node's http, undici, or anything with these fields.
 *
 * @example
 * ```ts
 * import { type HttpRequestLike, signRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const request: HttpRequestLike = {
 *   method: 'PUT',
 *   url: 'https://api.example.com/v1/users/42', // absolute: the URL the server will see
 *   headers: { 'content-type': 'application/json' },
 *   body: '{"name":"Alice"}',
 * };
 * const signed = await signRequest(request, { key: Keyring.generate('Ed25519') }); // a plain object again
 * console.log(signed.headers); // the headers, plus content-digest, signature-input and signature
 * ```
 */
export interface HttpRequestLike {
  /** The method, e.g. `'POST'` (case-sensitive, RFC 9110 §9.1). */
  method: string;
  /** The absolute target URI, e.g. `'https://api.example.com/v1/orders?id=7'`. */
  url: string | URL;
  headers?: HeadersInput;
  body?: BodyInput;
}

/**
 * A response as a plain object.
 *
 * @example
 * ```ts
 * import { type HttpResponseLike, signResponse, verifyResponse } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const server = Keyring.generate('Ed25519');
 * const response: HttpResponseLike = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":7}' };
 * const signed = await signResponse(response, { key: server });
 * await verifyResponse(signed, { keys: server.publicKeyring() });
 * ```
 */
export interface HttpResponseLike {
  /** The status code, 100-999. */
  status: number;
  headers?: HeadersInput;
  body?: BodyInput;
}

/**
 * Anything cachet/http accepts as a request: a Fetch `Request` (the result is a new one) or a
 * plain object (the result is a plain object).
 *
 * @example
 * ```ts
 * import { type RequestInput, signRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const key = Keyring.generate('HS256');
 * const requests: RequestInput[] = [
 *   new Request('https://api.example.com/v1/orders', { method: 'POST', body: '{"id":7}' }),
 *   { method: 'POST', url: 'https://api.example.com/v1/orders', body: '{"id":7}' },
 * ];
 * const signed = await Promise.all(requests.map((r) => signRequest(r, { key })));
 * console.log(signed[0] instanceof Request, signed[1] instanceof Request); // true false
 * ```
 */
export type RequestInput = Request | HttpRequestLike;
/**
 * Anything cachet/http accepts as a response: a Fetch `Response` or a plain object.
 *
 * @example
 * ```ts
 * import { type ResponseInput, signResponse } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const response: ResponseInput = new Response('{"ok":true}', { status: 200 });
 * const signed = await signResponse(response, { key: Keyring.generate('Ed25519') });
 * console.log(signed.headers.get('signature-input')); // 'sig1=("@status" "content-digest");created=…;keyid="…"'
 * ```
 */
export type ResponseInput = Response | HttpResponseLike;

/** A message as the signature base sees it. */
export interface Message {
  readonly kind: 'request' | 'response';
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly fields: FieldReader;
  /** For a response: the request it answers (for `req` components, §2.4). */
  readonly related: Message | undefined;
  /** The target URI parts, made on first use. */
  target?: TargetParts;
}

/**
 * A request's view. Plain objects need `method` and an absolute `url`.
 *
 * @param input - the request
 * @param name - the argument name, for errors
 */
export function requestMessage(input: unknown, name = 'request'): Message {
  if (isFetchRequest(input)) {
    return {
      kind: 'request',
      method: input.method,
      url: input.url,
      status: 0,
      fields: fieldReader(input.headers),
      related: undefined,
    };
  }
  if (typeof input !== 'object' || input === null) {
    return invalidArgument(name, 'a Fetch Request or { method, url, headers, body }', input);
  }
  // Node's http.IncomingMessage: its url is a path and its body a stream; the Node helpers
  // rebuild the absolute URL and read the body.
  if ('rawHeaders' in input && 'httpVersion' in input) {
    return invalidArgument(
      name,
      'a Fetch Request or { method, url, headers, body } (a Node IncomingMessage: verifyNodeRequest or fromNodeRequest)',
      input,
    );
  }
  const { method, url, headers } = input as Partial<HttpRequestLike>;
  if (typeof method !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) {
    invalidArgument(`${name}.method`, 'an HTTP method token', method);
  }
  if (typeof url !== 'string' && !(url instanceof URL)) {
    invalidArgument(`${name}.url`, 'an absolute URL string or URL', url);
  }
  return {
    kind: 'request',
    method,
    url: String(url),
    status: 0,
    fields: fieldReader(headers, `${name}.headers`),
    related: undefined,
  };
}

/**
 * A response's view.
 *
 * @param input - the response
 * @param related - the request it answers, if known
 * @param name - the argument name, for errors
 */
export function responseMessage(
  input: unknown,
  related: Message | undefined,
  name = 'response',
): Message {
  if (isFetchResponse(input)) {
    return {
      kind: 'response',
      method: '',
      url: '',
      status: input.status,
      fields: fieldReader(input.headers),
      related,
    };
  }
  if (typeof input !== 'object' || input === null) {
    return invalidArgument(name, 'a Fetch Response or { status, headers, body }', input);
  }
  const { status, headers } = input as Partial<HttpResponseLike>;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 999) {
    invalidArgument(`${name}.status`, 'a three-digit status code', status);
  }
  return {
    kind: 'response',
    method: '',
    url: '',
    status,
    fields: fieldReader(headers, `${name}.headers`),
    related,
  };
}

/** The target URI parts of a request, worked out on first use. */
export function urlOf(message: Message): TargetParts {
  message.target ??= targetParts(message.url);
  return message.target;
}

/**
 * The body of a plain message as bytes: `undefined` when not given, an empty array for
 * `null`.
 *
 * @throws {@link cachet!InvalidInputError} ERR_BODY_ALREADY_PARSED for a parsed object (JSON etc.)
 */
export function plainBody(body: unknown, name: string): Uint8Array | undefined {
  if (body === undefined) return undefined;
  if (body === null) return new Uint8Array(0);
  if (typeof body === 'string') return utf8Encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new InvalidInputError(
    'ERR_BODY_ALREADY_PARSED',
    `"${name}": expected the raw body (string, Uint8Array or ArrayBuffer); a parsed object cannot be digested — keep the raw bytes (e.g. express.raw())`,
  );
}

/**
 * Reads the body of a Fetch Request or Response from a clone (the original stays readable),
 * stopping as soon as it passes `maxBytes`.
 *
 * @throws {@link cachet!InvalidInputError} ERR_LIMIT_EXCEEDED, or ERR_BODY_ALREADY_PARSED when the body was already read
 */
export async function fetchBody(
  message: Request | Response,
  maxBytes: number,
): Promise<Uint8Array> {
  if (message.body === null) return new Uint8Array(0);
  if (message.bodyUsed) {
    throw new InvalidInputError(
      'ERR_BODY_ALREADY_PARSED',
      'the body of this message was already read; sign or verify before reading it',
    );
  }
  const declared = Number(message.headers.get('content-length'));
  if (declared > maxBytes) tooLarge(maxBytes);
  const reader = message.clone().body!.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      // Not awaited: cancelling one branch of a tee settles only when the other is too.
      reader.cancel().catch(() => {});
      tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : joinChunks(chunks, total);
}

/** The chunks of a body read from a stream, copied into one array of `total` bytes. */
export function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function tooLarge(maxBytes: number): never {
  throw new InvalidInputError(
    'ERR_LIMIT_EXCEEDED',
    `the body is larger than limits.maxBodyBytes (${maxBytes})`,
  );
}

/** A message's content as signing and verification see it. */
export interface Body {
  /** The content, when known. */
  bytes: Uint8Array | undefined;
  /** Whether the message has content (given and non-empty, or declared by its headers). */
  present: boolean;
}

/**
 * The body of a plain message: its bytes when given, else whether its headers declare one.
 *
 * @throws {@link cachet!InvalidInputError} ERR_BODY_ALREADY_PARSED for a parsed object
 */
export function plainMessageBody(body: unknown, name: string, fields: FieldReader): Body {
  const bytes = plainBody(body, name);
  return { bytes, present: bytes ? bytes.length > 0 : declaresBody(fields) };
}

/**
 * Whether the message declares a body by its headers (RFC 9112 §6.3): a non-zero
 * Content-Length or any Transfer-Encoding.
 */
function declaresBody(fields: FieldReader): boolean {
  const length = fields.lines('content-length');
  if (length?.some((v) => v !== '0')) return true;
  return fields.lines('transfer-encoding') !== undefined;
}

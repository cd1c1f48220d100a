/**
 * The raw body, which is what the sender signed. Reading it is where webhook handlers most
 * often go wrong: a JSON body parser runs first and the bytes are gone. These helpers read
 * the bytes from a Fetch `Request` (Hono, Next.js route handlers, Workers, Deno, Bun) or a
 * Node `IncomingMessage` (node:http, Express, Fastify's `req.raw`), and say so plainly
 * when a body parser got there first.
 */
import { assertInteger, assertOptions, invalidArgument } from '../assert.js';
import { InvalidInputError } from '../errors.js';
import type { WebhookHeadersInput } from './headers.js';
import { DEFAULT_BODY_LIMIT } from './limits.js';
import type { WebhookSecrets } from './secrets.js';
import { type VerifiedWebhook, type VerifyWebhookOptions, verifyWebhook } from './verify.js';

/**
 * The parts of a Fetch API `Request` used here.
 *
 * @example
 * ```ts
 * import { type FetchRequestLike, readRawBody } from 'cachet/webhooks';
 * const request: FetchRequestLike = new Request('https://example.com/hooks', { method: 'POST', body: 'x' });
 * await readRawBody(request);
 * ```
 */
export interface FetchRequestLike {
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
  readonly bodyUsed: boolean;
}

/**
 * The parts of a Node `IncomingMessage` (or an Express/Koa request) used here.
 *
 * @example
 * ```ts
 * import { type NodeRequestLike, readRawBody } from 'cachet/webhooks';
 * // A node:http request (what Express and Koa wrap) is a NodeRequestLike as it is.
 * const http = process.getBuiltinModule('node:http');
 * async function body(req: InstanceType<typeof http.IncomingMessage>): Promise<Uint8Array> {
 *   const request: NodeRequestLike = req;
 *   return readRawBody(request);
 * }
 * ```
 */
export interface NodeRequestLike {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly readableEnded?: boolean;
  readonly readableDidRead?: boolean;
  /** Set by body parsers (Express, Koa): a Buffer or string is used, an object refused. */
  readonly body?: unknown;
}

/**
 * Options of {@link readRawBody}.
 *
 * @example
 * ```ts
 * import { type ReadRawBodyOptions, readRawBody } from 'cachet/webhooks';
 * const options: ReadRawBodyOptions = { limit: 25 * 1024 * 1024 }; // GitHub sends up to 25 MB
 * await readRawBody(new Request('https://example.com/', { method: 'POST', body: '{}' }), options);
 * ```
 */
export interface ReadRawBodyOptions {
  /** Largest body read, in bytes (default 5 MiB); a longer one is ERR_LIMIT_EXCEEDED. */
  limit?: number;
}

const encoder = new TextEncoder();

function tooLarge(limit: number): InvalidInputError {
  return new InvalidInputError(
    'ERR_LIMIT_EXCEEDED',
    `the request body is larger than ${limit} bytes`,
  );
}

function alreadyRead(what: string): InvalidInputError {
  return new InvalidInputError(
    'ERR_BODY_ALREADY_PARSED',
    `${what}: the raw bytes the signature covers are gone. Read the webhook route's body raw (e.g. express.raw({ type: '*/*' }) on that route, before any express.json()); see docs/webhooks.md`,
  );
}

function join(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function declaredLength(value: string | null | undefined, limit: number): void {
  if (value && /^[0-9]+$/.test(value) && Number(value) > limit) throw tooLarge(limit);
}

async function readFetch(request: FetchRequestLike, limit: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw alreadyRead('the request body was already read');
  declaredLength(request.headers.get('content-length'), limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return join(chunks, size);
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
}

function readNode(req: NodeRequestLike, limit: number): Promise<Uint8Array> {
  const parsed = req.body;
  if (parsed instanceof Uint8Array) return Promise.resolve(parsed);
  if (typeof parsed === 'string') return Promise.resolve(encoder.encode(parsed));
  // body-parser sets `req.body = {}` even when it skips a request, so an object only means
  // "parsed" once the stream has been consumed.
  if (req.readableEnded || req.readableDidRead) {
    throw alreadyRead(
      parsed !== undefined && parsed !== null
        ? 'the request body was already parsed (req.body is an object)'
        : 'the request stream was already read',
    );
  }
  declaredLength(single(req.headers['content-length']), limit);
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: unknown) => {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : (chunk as Uint8Array);
      size += bytes.length;
      if (size > limit) {
        // Stop listening without destroying the socket, so a 413 can still be sent.
        done();
        reject(tooLarge(limit));
      } else chunks.push(bytes);
    };
    const onEnd = () => {
      done();
      resolve(join(chunks, size));
    };
    const onError = (cause: unknown) => {
      done();
      reject(
        new InvalidInputError('ERR_INVALID_FORMAT', 'the request body could not be read', {
          cause,
        }),
      );
    };
    const onClose = () => onError(new Error('the connection closed before the body ended'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isFetchRequest(value: unknown): value is FetchRequestLike {
  const r = value as Partial<FetchRequestLike> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.bodyUsed === 'boolean' &&
    typeof (r.headers as { get?: unknown } | undefined)?.get === 'function'
  );
}

function isNodeRequest(value: unknown): value is NodeRequestLike {
  const r = value as Partial<NodeRequestLike> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.on === 'function' &&
    typeof r.off === 'function' &&
    typeof r.headers === 'object' &&
    r.headers !== null
  );
}

/**
 * Reads a request's raw body bytes.
 *
 * @param request - a Fetch `Request` or a Node `IncomingMessage` (also Express/Koa
 *   requests: a Buffer or string `req.body` from a raw or text parser is used as is)
 * @param options - `limit` in bytes (default 5 MiB)
 * @returns the body bytes
 * @throws {@link cachet!InvalidInputError} ERR_BODY_ALREADY_PARSED when a body parser consumed it,
 *   ERR_LIMIT_EXCEEDED when it is too large, ERR_INVALID_ARGUMENT for anything else
 * @example
 * ```ts
 * import { readRawBody } from 'cachet/webhooks';
 * const request = new Request('https://example.com/hooks', { method: 'POST', body: '{"a":1}' });
 * const body = await readRawBody(request); // Uint8Array of the 7 bytes
 * ```
 */
export async function readRawBody(
  request: FetchRequestLike | NodeRequestLike,
  options: ReadRawBodyOptions = {},
): Promise<Uint8Array> {
  assertOptions(options);
  const limit = options.limit ?? DEFAULT_BODY_LIMIT;
  assertInteger(limit, 'options.limit', 0);
  if (isFetchRequest(request)) return readFetch(request, limit);
  if (isNodeRequest(request)) return readNode(request, limit);
  return invalidArgument('request', 'a Fetch Request or a Node IncomingMessage', request);
}

/**
 * Reads a request's raw body and verifies it as a webhook: {@link readRawBody} then
 * {@link verifyWebhook} with the request's headers.
 *
 * @param request - a Fetch `Request` or a Node `IncomingMessage`
 * @param secrets - one secret or several
 * @param options - verifyWebhook's options and readRawBody's `limit`
 * @returns the verified delivery, its payload as bytes
 * @throws everything {@link readRawBody} and {@link verifyWebhook} throw
 * @example
 * ```ts
 * import { signWebhook, verifyWebhookRequest } from 'cachet/webhooks';
 * const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
 * const body = '{"type":"user.created"}';
 * const request = new Request('https://example.com/hooks', {
 *   method: 'POST',
 *   body,
 *   headers: signWebhook({ payload: body }, secret),
 * });
 * const { id, payload } = await verifyWebhookRequest(request, secret);
 * const event = JSON.parse(new TextDecoder().decode(payload));
 * ```
 */
export async function verifyWebhookRequest(
  request: FetchRequestLike | NodeRequestLike,
  secrets: WebhookSecrets,
  options: VerifyWebhookOptions & ReadRawBodyOptions = {},
): Promise<VerifiedWebhook<Uint8Array>> {
  assertOptions(options);
  const { limit, ...verifyOptions } = options;
  const body = await readRawBody(request, limit === undefined ? {} : { limit });
  return verifyWebhook(body, request.headers as WebhookHeadersInput, secrets, verifyOptions);
}

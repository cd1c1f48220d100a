/**
 * Verification for Node's `http`/`https`/`http2` servers (and Express, Fastify, Koa, which
 * expose the same `IncomingMessage`). Nothing here imports `node:*`: the request is read
 * through the fields every IncomingMessage has.
 */
import { assertOptions, invalidArgument } from '../assert.js';
import { InvalidInputError } from '../errors.js';
import { type BodyInput, type HttpRequestLike, joinChunks, plainBody } from './message.js';
import { resolveLimits } from './options.js';
import { type VerifiedSignature, type VerifyOptions, verifyRequest } from './verify.js';

/**
 * The parts of Node's `IncomingMessage` that are read.
 *
 * @example
 * ```ts
 * import { type NodeIncomingMessage, fromNodeRequest } from 'cachet/http';
 * // What Node's http server hands a handler (here built by hand: no server needed).
 * const req: NodeIncomingMessage = {
 *   method: 'GET',
 *   url: '/v1/orders?id=7',
 *   headers: { host: 'api.example.com', accept: 'application/json' },
 * };
 * const request = fromNodeRequest(req, undefined, { origin: 'https://api.example.com' });
 * console.log(request.url); // 'https://api.example.com/v1/orders?id=7'
 * ```
 */
export interface NodeIncomingMessage {
  method?: string | undefined;
  /** The request target as received (`/path?query`). */
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Field lines as received: name, value, name, value, ... */
  rawHeaders?: string[];
  /** The connection: a TLS socket has `encrypted: true`. */
  socket?: object | null;
  /** A body already read by a framework (express.raw() gives bytes). */
  body?: unknown;
  readableEnded?: boolean;
  [Symbol.asyncIterator]?(): AsyncIterator<unknown>;
}

/**
 * Options of {@link verifyNodeRequest}.
 *
 * @example
 * ```ts
 * import type { NodeVerifyOptions } from 'cachet/http';
 * import { MemoryReplayStore } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const options: NodeVerifyOptions = {
 *   keys: Keyring.generate('Ed25519').publicKeyring(),
 *   origin: 'https://api.example.com', // the URL clients signed, behind a TLS-terminating proxy
 *   replay: new MemoryReplayStore(),
 *   maxAge: 120,
 * };
 * ```
 */
export interface NodeVerifyOptions extends VerifyOptions {
  /** The raw body, if already read; otherwise it is read from the request stream. */
  body?: BodyInput;
  /**
   * The origin clients use, e.g. `'https://api.example.com'` (needed behind a proxy or
   * load balancer that terminates TLS, so `@target-uri` and `@authority` match).
   */
  origin?: string;
  /** Take scheme and host from X-Forwarded-Proto / X-Forwarded-Host (only behind a proxy you trust). */
  trustProxy?: boolean;
}

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(',')[0]?.trim() || undefined;
}

/**
 * The plain request shape cachet/http verifies, from an IncomingMessage: field lines from
 * `rawHeaders`, and the absolute URL rebuilt from `origin`, or from the Host header and the
 * connection (or trusted X-Forwarded-* headers).
 *
 * @param req - the IncomingMessage
 * @param body - the raw body, if known
 * @param options - `origin`, `trustProxy`
 * @returns `{ method, url, headers, body }`
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when no host can be determined
 * @example
 * ```ts
 * import { fromNodeRequest } from 'cachet/http';
 * const plain = fromNodeRequest({ method: 'GET', url: '/orders?id=7', headers: { host: 'api.example.com' } }, undefined, { origin: 'https://api.example.com' });
 * console.log(plain.url); // 'https://api.example.com/orders?id=7'
 * ```
 */
export function fromNodeRequest(
  req: NodeIncomingMessage,
  body?: BodyInput,
  options: { origin?: string; trustProxy?: boolean } = {},
): HttpRequestLike {
  if (typeof req !== 'object' || req === null || typeof req.headers !== 'object') {
    invalidArgument('req', 'an http.IncomingMessage', req);
  }
  const target = req.url ?? '/';
  let url: string;
  if (target.startsWith('/') || target === '*') {
    let origin = options.origin;
    if (origin === undefined) {
      const forwarded = options.trustProxy ? first(req.headers['x-forwarded-proto']) : undefined;
      const tls = (req.socket as { encrypted?: unknown } | null | undefined)?.encrypted === true;
      const scheme = forwarded ?? (tls ? 'https' : 'http');
      const host =
        (options.trustProxy ? first(req.headers['x-forwarded-host']) : undefined) ??
        first(req.headers['host']) ??
        first(req.headers[':authority']);
      if (!host)
        throw new InvalidInputError(
          'ERR_INVALID_ARGUMENT',
          'the request has no Host: pass options.origin',
        );
      origin = `${scheme}://${host}`;
    }
    // Concatenated, never resolved: `//other.host/x` must stay a path on this origin.
    url = origin.replace(/\/+$/, '') + (target === '*' ? '/' : target);
  } else url = target; // absolute-form (a request to a proxy)
  const raw = req.rawHeaders;
  const headers: Array<[string, string]> | Record<string, string | string[] | undefined> = raw
    ? Array.from(
        { length: raw.length >> 1 },
        (_, i) => [raw[2 * i]!, raw[2 * i + 1]!] as [string, string],
      )
    : req.headers;
  const out: HttpRequestLike = { method: req.method ?? 'GET', url, headers };
  if (body !== undefined) out.body = body;
  return out;
}

/**
 * Reads a Node request stream to the end, refusing more than `maxBytes`.
 *
 * @param req - an IncomingMessage not yet read
 * @param maxBytes - the most bytes accepted (default 10 MiB)
 * @returns the body
 * @throws {@link cachet!InvalidInputError} ERR_LIMIT_EXCEEDED for a larger body, ERR_BODY_ALREADY_PARSED when already consumed
 * @example
 * ```ts
 * import { readNodeBody } from 'cachet/http';
 * async function* chunks() { yield new TextEncoder().encode('{"id":7}'); }
 * const body = await readNodeBody({ headers: {}, [Symbol.asyncIterator]: chunks });
 * ```
 */
export async function readNodeBody(
  req: NodeIncomingMessage,
  maxBytes: number = 10 * 1024 * 1024,
): Promise<Uint8Array> {
  if (req.readableEnded || typeof req[Symbol.asyncIterator] !== 'function') {
    throw new InvalidInputError(
      'ERR_BODY_ALREADY_PARSED',
      'the request body was already read: pass the raw bytes as options.body (e.g. from express.raw())',
    );
  }
  const declared = Number(first(req.headers['content-length']));
  if (declared > maxBytes) tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<unknown>) {
    const bytes =
      typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    total += bytes.length;
    if (total > maxBytes) tooLarge(maxBytes);
    chunks.push(bytes);
  }
  return joinChunks(chunks, total);
}

function tooLarge(maxBytes: number): never {
  throw new InvalidInputError(
    'ERR_LIMIT_EXCEEDED',
    `the request body is larger than ${maxBytes} bytes`,
  );
}

/**
 * Verifies a request received by a Node server: reads the raw body (unless given), rebuilds
 * the absolute URL, and runs {@link verifyRequest}.
 *
 * @param req - the IncomingMessage
 * @param options - the verifyRequest options, plus `body`, `origin`, `trustProxy`
 * @returns the verified signature and the body bytes (the stream has been read)
 * @throws as {@link verifyRequest}; ERR_BODY_ALREADY_PARSED when a framework parsed the body
 * @example
 * ```ts
 * import { verifyNodeRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const { createServer } = process.getBuiltinModule('node:http');
 * const keys = Keyring.generate('Ed25519').publicKeyring();
 * createServer(async (req, res) => {
 *   try {
 *     const { keyId, body } = await verifyNodeRequest(req, { keys, origin: 'https://api.example.com' });
 *     res.end(`hello ${keyId}, ${body.length} bytes`);
 *   } catch (err) {
 *     res.writeHead(401).end((err as { code?: string }).code);
 *   }
 * });
 * ```
 */
export async function verifyNodeRequest(
  req: NodeIncomingMessage,
  options: NodeVerifyOptions,
): Promise<VerifiedSignature & { body: Uint8Array }> {
  assertOptions(options);
  const { body: given, origin, trustProxy, ...verifyOptions } = options;
  let body: Uint8Array | undefined = plainBody(given, 'options.body');
  if (body === undefined) {
    // express.raw() and similar leave the bytes on req.body; otherwise read the stream
    // (which fails with ERR_BODY_ALREADY_PARSED if a JSON parser consumed it).
    const framework = req.body;
    body =
      framework instanceof Uint8Array || typeof framework === 'string'
        ? plainBody(framework, 'req.body')!
        : await readNodeBody(req, resolveLimits(verifyOptions.limits).maxBodyBytes);
  }
  const plain = fromNodeRequest(req, body, {
    ...(origin === undefined ? {} : { origin }),
    ...(trustProxy === undefined ? {} : { trustProxy }),
  });
  const result = await verifyRequest(plain, verifyOptions);
  return { ...result, body };
}

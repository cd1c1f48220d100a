/**
 * A wrapper for Fetch-API servers (Hono, Next.js route handlers, Cloudflare/Deno/Bun
 * workers): verify, then call the handler with the verified signature, or answer with an
 * error status and the error code.
 */
import { invalidArgument } from '../assert.js';
import { CachetError } from '../errors.js';
import { type VerifiedSignature, type VerifyOptions, verifyRequest } from './verify.js';

const CLIENT_ERRORS: ReadonlySet<string> = new Set([
  'ERR_INVALID_ARGUMENT',
  'ERR_INVALID_FORMAT',
  'ERR_LIMIT_EXCEEDED',
  'ERR_BODY_ALREADY_PARSED',
  'ERR_UNSUPPORTED_ALGORITHM',
]);

/**
 * The HTTP status to answer a failed verification with: 503 when a key provider or replay
 * store failed, 400 for malformed or oversized input, 401 otherwise.
 *
 * @param error - the error verifyRequest threw
 * @returns 400, 401 or 503
 * @example
 * ```ts
 * import { statusFor, verifyRequest } from 'cachet/http';
 * import { CachetError } from 'cachet';
 * const status = await verifyRequest(new Request('https://api.example.com/'), { keys: () => undefined })
 *   .then(() => 200, (err) => (err instanceof CachetError ? statusFor(err) : 500));
 * console.log(status); // 401 (no signature)
 * ```
 */
export function statusFor(error: CachetError): number {
  if (error.code === 'ERR_PROVIDER') return 503;
  return CLIENT_ERRORS.has(error.code) ? 400 : 401;
}

/**
 * Wraps a Fetch-API handler so it runs only for requests with a valid signature. A failed
 * verification answers `401` (`400` for malformed signatures, `503` when the replay store
 * is down) with `{"error": "<code>"}`; other errors propagate.
 *
 * @param options - as for {@link verifyRequest}
 * @param handler - called with the request, the verified signature and any extra arguments
 * @returns a handler taking the request (and the same extra arguments)
 * @example
 * ```ts
 * import { verifiedHandler } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const keys = Keyring.generate('Ed25519').publicKeyring();
 * export const POST = verifiedHandler({ keys }, async (request, { keyId }) => Response.json({ from: keyId }));
 * ```
 */
export function verifiedHandler<A extends unknown[]>(
  options: VerifyOptions,
  handler: (
    request: Request,
    signature: VerifiedSignature,
    ...args: A
  ) => Response | Promise<Response>,
): (request: Request, ...args: A) => Promise<Response> {
  if (typeof handler !== 'function') invalidArgument('handler', 'function', handler);
  return async (request, ...args) => {
    let signature: VerifiedSignature;
    try {
      signature = await verifyRequest(request, options);
    } catch (err) {
      if (!(err instanceof CachetError)) throw err;
      return Response.json({ error: err.code }, { status: statusFor(err) });
    }
    return handler(request, signature, ...args);
  };
}

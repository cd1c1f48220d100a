/**
 * `signingFetch`: a drop-in `fetch` that signs every request before sending it.
 */
import { assertOptions, invalidArgument } from '../assert.js';
import { InvalidInputError } from '../errors.js';
import { signingKey } from './keys.js';
import { type SignOptions, signRequest } from './sign.js';

/**
 * Options of {@link signingFetch}: those of `signRequest`, plus the `fetch` to wrap.
 *
 * @example
 * ```ts
 * import { type SigningFetchOptions, signingFetch } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const options: SigningFetchOptions = {
 *   key: Keyring.generate('Ed25519'),
 *   keyId: 'client-42',
 *   tag: 'orders-api',
 *   fetch: async (request) => new Response(request.headers.get('signature-input')), // a stub
 * };
 * const response = await signingFetch(options)('https://api.example.com/v1/orders');
 * console.log(await response.text()); // 'sig1=("@method" "@target-uri");created=…;nonce="…";keyid="client-42";tag="orders-api"'
 * ```
 */
export interface SigningFetchOptions extends SignOptions {
  /** The fetch to call with the signed request (default `globalThis.fetch`). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A `fetch` that signs each request (RFC 9421) with the given key and options, including
 * a fresh `created` and `nonce` per request and Content-Digest when there is a body.
 *
 * @param options - `key`, `keyId`, `components`, `tag`, ... as for `signRequest`, and `fetch`
 * @returns a function with the signature of `fetch`
 * @throws {@link cachet!KeyError} / {@link cachet!InvalidInputError} at once for a key that cannot sign
 * @example
 * ```ts
 * import { signingFetch } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const client = Keyring.generate('Ed25519');
 * const fetchSigned = signingFetch({ key: client, keyId: 'client-42', fetch: async (r) => new Response(r.headers.get('signature')) });
 * const res = await fetchSigned('https://api.example.com/orders', { method: 'POST', body: '{"id":7}' });
 * ```
 */
export function signingFetch(
  options: SigningFetchOptions,
): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  assertOptions(options);
  signingKey(options.key); // fail at set-up, not on the first request
  const { fetch: inner, ...signOptions } = options;
  if (inner !== undefined && typeof inner !== 'function')
    invalidArgument('options.fetch', 'function', inner);
  if (
    (options.created !== undefined && options.created !== false) ||
    typeof options.nonce === 'string'
  ) {
    // A fixed created time or nonce would make every request a replay of the first.
    invalidArgument('options', 'no fixed created or nonce (each request gets fresh ones)', options);
  }
  return async (input, init) => {
    let request: Request;
    try {
      request = new Request(input, init);
    } catch (cause) {
      throw new InvalidInputError(
        'ERR_INVALID_ARGUMENT',
        'signingFetch: the URL or options do not make a valid Request',
        { cause },
      );
    }
    const signed = await signRequest(request, signOptions);
    return inner ? inner(signed) : globalThis.fetch(signed);
  };
}

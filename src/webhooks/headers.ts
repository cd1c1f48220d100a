/**
 * Header lookup, case-insensitive, over the three shapes a webhook handler has at hand:
 * - a Fetch `Headers` (or anything with a `get(name)` method): Hono, Next.js route
 *   handlers, Cloudflare Workers, Deno, Bun;
 * - Node's `IncomingHttpHeaders` (`req.headers`: lowercase names, `string | string[]`);
 * - a plain record with names in any case.
 */
import { invalidArgument } from '../assert.js';
import { InvalidInputError } from '../errors.js';

/**
 * Headers as Fetch, Node or a plain object hold them.
 *
 * @example
 * ```ts
 * import type { WebhookHeadersInput } from 'cachet/webhooks';
 * const fetchHeaders: WebhookHeadersInput = new Headers({ 'Webhook-Id': 'msg_1' });
 * const nodeHeaders: WebhookHeadersInput = { 'webhook-id': 'msg_1', 'x-forwarded-for': ['a', 'b'] };
 * const anyCase: WebhookHeadersInput = { 'Webhook-Id': 'msg_1' };
 * ```
 */
export type WebhookHeadersInput =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** Reads one header by its lowercase name; `undefined` when absent. */
export type HeaderGetter = (lowercaseName: string) => string | undefined;

function single(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    if (value.length === 1 && typeof value[0] === 'string') return value[0];
    throw new InvalidInputError('ERR_INVALID_FORMAT', `header "${name}" appears more than once`);
  }
  throw new InvalidInputError('ERR_INVALID_FORMAT', `header "${name}" is not a string`);
}

/**
 * Makes a getter for `headers`.
 *
 * @param headers - Fetch Headers, Node headers or a plain record
 * @returns a function reading one header by lowercase name
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT when `headers` is none of these
 */
export function headerGetter(headers: unknown): HeaderGetter {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return invalidArgument('headers', 'Headers, Node request headers or a record', headers);
  }
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    return (name) => single(get.call(headers, name), name);
  }
  const record = headers as Record<string, unknown>;
  return (name) => {
    // Node and most frameworks give lowercase names: one property read in the common case
    // (the names looked up are fixed header names, never Object.prototype members).
    const direct = record[name];
    if (direct !== undefined) return single(direct, name);
    let found: unknown;
    let seen = false;
    for (const key of Object.keys(record)) {
      if (key.length !== name.length || key.toLowerCase() !== name) continue;
      // Two spellings of one header (e.g. "Webhook-Id" and "WEBHOOK-ID") are ambiguous.
      if (seen) {
        throw new InvalidInputError(
          'ERR_INVALID_FORMAT',
          `header "${name}" appears more than once`,
        );
      }
      seen = true;
      found = record[key];
    }
    return single(found, name);
  };
}

/**
 * The payload is the exact body bytes the sender signed: a string is hashed as its UTF-8
 * bytes and bytes as they are, never decoded and re-encoded (a body that is not valid
 * UTF-8 still verifies). A parsed object cannot be verified: re-serialising JSON rarely
 * gives back the same bytes, so it is refused with its own error code.
 */
import { invalidArgument } from '../assert.js';
import { InvalidInputError } from '../errors.js';

/**
 * A webhook body: the raw bytes as received, or a string of them.
 *
 * @example
 * ```ts
 * import type { WebhookPayload } from 'cachet/webhooks';
 * const asText: WebhookPayload = '{"type":"invoice.paid"}';
 * const asBytes: WebhookPayload = new TextEncoder().encode(asText); // a Node Buffer too
 * ```
 */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

/**
 * Checks a payload and returns it as a string or a byte view (no copy).
 *
 * @param payload - the caller's payload
 * @returns the string, or a Uint8Array over the same bytes
 * @throws {@link cachet!InvalidInputError} ERR_BODY_ALREADY_PARSED for a parsed object,
 *   ERR_INVALID_ARGUMENT for anything else that is not a body
 */
export function payloadOf(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  if (typeof payload === 'object' && payload !== null) {
    if (typeof (payload as { arrayBuffer?: unknown }).arrayBuffer === 'function') {
      return invalidArgument(
        'payload',
        'the body bytes (await request.arrayBuffer(), or use verifyWebhookRequest)',
        payload,
      );
    }
    throw new InvalidInputError(
      'ERR_BODY_ALREADY_PARSED',
      '"payload" is a parsed object, but the signature covers the raw body: pass the body exactly as received (Buffer, Uint8Array or string), e.g. with express.raw() instead of express.json() (see docs/webhooks.md)',
    );
  }
  return invalidArgument('payload', 'string, Uint8Array or ArrayBuffer', payload);
}

/**
 * The signature base of a signature already on a message, for debugging interop ("why
 * does this not verify?") and for checking against published examples.
 */
import { assertOptions, invalidArgument } from '../assert.js';
import { VerificationError } from '../errors.js';
import { buildBase } from './base.js';
import { assertDistinct, componentFromItem } from './components.js';
import type { StructuredType } from './derive.js';
import { isFetchResponse } from './fetch-classes.js';
import {
  type RequestInput,
  type ResponseInput,
  requestMessage,
  responseMessage,
} from './message.js';
import {
  checkFieldLength,
  type HttpLimits,
  resolveLimits,
  signatureParseLimits,
  structuredTypes,
} from './options.js';
import { parseDictionary } from './sf/parse.js';
import { serializeInnerList } from './sf/serialize.js';
import { isInnerList } from './sf/types.js';

/**
 * Options of {@link signatureBase}.
 *
 * @example
 * ```ts
 * import { type SignatureBaseOptions, signatureBase, signRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const key = Keyring.generate('HS256');
 * const once = await signRequest({ method: 'GET', url: 'https://example.com/' }, { key });
 * const twice = await signRequest(once, { key, label: 'proxy', components: ['@method', '@authority'] });
 * const options: SignatureBaseOptions = { label: 'proxy' };
 * console.log(signatureBase(twice, options).split('\n')[0]); // '"@method": GET'
 * ```
 */
export interface SignatureBaseOptions {
  /** The label whose base to build (default: the first in Signature-Input). */
  label?: string;
  /** For a response: the request, for `req` components. */
  request?: RequestInput;
  /** Structured types of fields signed with `;sf`. */
  structuredFields?: Record<string, StructuredType>;
  /** Limits on the Signature-Input field. */
  limits?: HttpLimits;
}

/**
 * Rebuilds the signature base (RFC 9421 §2.5) that a verifier computes for one signature
 * on a message. It checks nothing cryptographic: use it to compare with what a peer signed.
 *
 * @param message - a request or response (Fetch or plain) carrying Signature-Input
 * @param options - `label`, `request` (for responses), `structuredFields`, `limits`
 * @returns the signature base, lines joined by LF
 * @throws {@link cachet!VerificationError} ERR_SIGNATURE_MISSING when there is no such signature
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT when a component cannot be derived
 * @example
 * ```ts
 * import { signatureBase, signRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const signed = await signRequest({ method: 'GET', url: 'https://example.com/a?b=1' }, { key: Keyring.generate('HS256') });
 * console.log(signatureBase(signed)); // "@method": GET\n"@target-uri": https://example.com/a?b=1\n"@signature-params": ...
 * ```
 */
export function signatureBase(
  message: RequestInput | ResponseInput,
  options: SignatureBaseOptions = {},
): string {
  assertOptions(options);
  const limits = resolveLimits(options.limits);
  const isResponse =
    isFetchResponse(message) ||
    (typeof message === 'object' && message !== null && 'status' in message);
  const view = isResponse
    ? responseMessage(
        message,
        options.request === undefined
          ? undefined
          : requestMessage(options.request, 'options.request'),
        'message',
      )
    : requestMessage(message, 'message');
  const lines = view.fields.lines('signature-input');
  if (!lines)
    throw new VerificationError(
      'ERR_SIGNATURE_MISSING',
      'the message has no Signature-Input field',
    );
  const value = lines.join(', ');
  checkFieldLength(value, 'Signature-Input', limits);
  const inputs = parseDictionary(value, 'Signature-Input', signatureParseLimits(limits));
  if (options.label !== undefined && typeof options.label !== 'string') {
    invalidArgument('options.label', 'string', options.label);
  }
  const label = options.label ?? inputs.keys().next().value;
  const member = label === undefined ? undefined : inputs.get(label);
  if (!member)
    throw new VerificationError('ERR_SIGNATURE_MISSING', 'no such signature in Signature-Input');
  if (!isInnerList(member))
    throw new VerificationError('ERR_SIGNATURE_MISSING', 'not an inner list of components');
  const components = member.items.map((item) => componentFromItem(item));
  assertDistinct(components, 'ERR_INVALID_FORMAT');
  const types =
    options.structuredFields === undefined ? {} : structuredTypes(options.structuredFields);
  return buildBase(components, serializeInnerList(member), view, types);
}

/**
 * Signature parameters (RFC 9421 §2.3): `created`, `expires`, `nonce`, `alg`, `keyid`,
 * `tag`, with their types checked. Other parameters are kept (they are part of the signed
 * `@signature-params` value) but not interpreted.
 */
import { InvalidInputError } from '../errors.js';
import type { Params } from './sf/types.js';

/** The registered parameters of one signature. */
export interface SignatureParams {
  created?: number | undefined;
  expires?: number | undefined;
  nonce?: string | undefined;
  alg?: string | undefined;
  keyid?: string | undefined;
  tag?: string | undefined;
}

/**
 * Reads the registered parameters, checking their types (§2.3: Integers and Strings).
 *
 * @param params - the Inner List's parameters
 * @param label - the signature label, for errors
 */
export function readParams(params: Params, label: string): SignatureParams {
  const out: SignatureParams = {};
  for (const [name, value] of params) {
    switch (name) {
      case 'created':
      case 'expires':
        if (typeof value !== 'number' || value < 0) {
          throw new InvalidInputError(
            'ERR_INVALID_FORMAT',
            `Signature-Input "${label}": "${name}" must be a non-negative Integer`,
          );
        }
        out[name] = value;
        break;
      case 'nonce':
      case 'alg':
      case 'keyid':
      case 'tag':
        if (typeof value !== 'string') {
          throw new InvalidInputError(
            'ERR_INVALID_FORMAT',
            `Signature-Input "${label}": "${name}" must be a String`,
          );
        }
        out[name] = value;
        break;
    }
  }
  return out;
}

/** Validates a String parameter value given in options (printable ASCII, bounded). */
export function checkStringParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length > 256 || !/^[\x20-\x7e]*$/.test(value)) {
    throw new InvalidInputError(
      'ERR_INVALID_ARGUMENT',
      `"${name}": expected printable ASCII text of at most 256 characters`,
    );
  }
  return value;
}

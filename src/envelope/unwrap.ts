/**
 * Recovers the data key of a parsed header for one recipient and checks the header MAC
 * (which commits to the data key) before anything is decrypted with it.
 */
import { timingSafeEqual } from '../bytes.js';
import { AuthenticationError, KeyError } from '../errors.js';
import type { BoundContext } from './context.js';
import type { Header } from './format.js';
import { derivePayloadKeys, headerMac, type PayloadKeys } from './payload.js';
import { matchRecipient, stanzaName } from './recipients.js';

/** The data key and the payload keys derived from it. */
export interface Unwrapped extends PayloadKeys {
  readonly dek: Uint8Array;
}

/**
 * Tries each stanza addressed to `recipient` until one yields a data key under which the
 * header MAC verifies (a stanza that unwraps to another key is skipped).
 *
 * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND, ERR_KEY_DISABLED or ERR_WRONG_KEY_TYPE
 * @throws {@link cachet!AuthenticationError} when no addressed stanza opens with this context
 */
export async function unwrapHeader(
  recipient: unknown,
  name: string,
  header: Header,
  context: BoundContext,
): Promise<Unwrapped> {
  const match = matchRecipient(recipient, name, header.stanzas);
  if (match.candidates.length === 0) {
    if (match.disabled) {
      throw new KeyError(
        'ERR_KEY_DISABLED',
        'the envelope is addressed to a disabled key of this keyring',
      );
    }
    if (match.publicOnly) {
      throw new KeyError(
        'ERR_WRONG_KEY_TYPE',
        'the envelope is addressed to this key, but opening needs its private half',
      );
    }
    const to = header.stanzas.map(
      (s) => `${stanzaName(s.type)} ${s.keyId.slice(0, 64) || '(no id)'}`,
    );
    throw new KeyError(
      'ERR_KEY_NOT_FOUND',
      `none of the envelope's recipients (${to.join(', ')}) is "${name}"`,
    );
  }
  for (const candidate of match.candidates) {
    const dek = await candidate.unwrap(context);
    if (!dek) continue;
    const keys = derivePayloadKeys(dek, header.fixed, context.bytes);
    if (timingSafeEqual(headerMac(keys.macKey, header.authenticated), header.mac))
      return { dek, ...keys };
    dek.fill(0);
  }
  throw new AuthenticationError();
}

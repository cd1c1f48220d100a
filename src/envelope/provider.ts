/**
 * The KeyProvider interface: how a KMS, an HSM or any remote key service wraps and unwraps
 * data keys for cachet/envelope. The provider never sees the payload, only the 32-byte data
 * key, the encryption context and the associated data cachet binds to the wrapped key.
 */
import type { EncryptionContext } from './context.js';

/** What a provider receives with every wrap and unwrap. */
export interface WrapInfo {
  /** The encryption context, as given to seal/open (a frozen copy). */
  readonly context: EncryptionContext;
  /**
   * Associated data to authenticate with the wrapped key: a label, the stanza type, the
   * provider's key id and the encoded context (docs/formats.md#envelope-stanza-aad). Pass
   * it as AAD where the service takes bytes (AES-GCM in an HSM, GCP KMS
   * `additionalAuthenticatedData`); services that take a map (AWS KMS `EncryptionContext`)
   * can use `context` instead.
   */
  readonly aad: Uint8Array;
}

/**
 * A key-encryption service. `wrapKey` returns an opaque wrapped key (1 to 2048 bytes) that
 * `unwrapKey` turns back into the same 32 bytes, given the same context. Both may be
 * async. Throw `AuthenticationError` from `unwrapKey` when the wrapped key does not
 * authenticate; any other error is reported as a `ProviderError` with the cause kept.
 *
 * @example
 * ```ts
 * import type { KeyProvider } from 'cachet/envelope';
 * // A provider backed by a remote service that encrypts with its own key.
 * const provider: KeyProvider = {
 *   keyId: 'kms:alias/app-data',
 *   wrapKey: async (dataKey, { context }) => remote.encrypt(dataKey, context),
 *   unwrapKey: async (wrapped, { context }) => remote.decrypt(wrapped, context),
 * };
 * ```
 */
export interface KeyProvider {
  /**
   * The id written next to the wrapped key (at most 255 UTF-8 bytes), e.g. a KMS key ARN or
   * `pkcs11:<token>/<label>`; opening matches stanzas by it. Default: the empty string.
   */
  readonly keyId?: string;
  wrapKey(dataKey: Uint8Array, info: WrapInfo): Promise<Uint8Array> | Uint8Array;
  unwrapKey(wrapped: Uint8Array, info: WrapInfo): Promise<Uint8Array> | Uint8Array;
}

/** True for an object with `wrapKey` and `unwrapKey` functions. */
export function isKeyProvider(value: unknown): value is KeyProvider {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as KeyProvider).wrapKey === 'function' &&
    typeof (value as KeyProvider).unwrapKey === 'function'
  );
}

/**
 * The KeyProvider interface: how a KMS, an HSM or any remote key service wraps and unwraps
 * data keys for cachet/envelope. The provider never sees the payload, only the 32-byte data
 * key, the encryption context and the associated data cachet binds to the wrapped key.
 */
import type { EncryptionContext } from './context.js';

/**
 * What a provider receives with every wrap and unwrap.
 *
 * @example
 * ```ts
 * import { aead } from 'cachet/aead';
 * import { type KeyProvider, seal, type WrapInfo } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const box = aead(Keyring.generate('A256GCM')); // stands in for the KMS
 * const seen: WrapInfo[] = [];
 * const provider: KeyProvider = {
 *   keyId: 'local-kek',
 *   wrapKey: (dataKey, info) => {
 *     seen.push(info);
 *     return box.encrypt(dataKey, info.aad); // bind the stanza's associated data
 *   },
 *   unwrapKey: (wrapped, info) => box.decrypt(wrapped, info.aad),
 * };
 * await seal('x', { recipients: provider, context: { tenant: 'acme' } });
 * console.log(seen[0]?.context, seen[0]?.aad.length); // { tenant: 'acme' } and the AAD's length
 * ```
 */
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
 * import { AuthenticationError } from 'cachet';
 * import { type KeyProvider, open, seal } from 'cachet/envelope';
 * // A remote key service wraps the data key with a key it never releases. Here a
 * // non-extractable WebCrypto key plays the service; a KMS client call goes in its place.
 * const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
 * const service: KeyProvider = {
 *   keyId: 'kms:alias/app-data',
 *   async wrapKey(dataKey, { aad }) {
 *     const iv = crypto.getRandomValues(new Uint8Array(12));
 *     const params = { name: 'AES-GCM', iv, additionalData: new Uint8Array(aad) };
 *     const sealed = new Uint8Array(await crypto.subtle.encrypt(params, kek, new Uint8Array(dataKey)));
 *     const out = new Uint8Array(12 + sealed.length);
 *     out.set(iv);
 *     out.set(sealed, 12);
 *     return out;
 *   },
 *   async unwrapKey(wrapped, { aad }) {
 *     const params = { name: 'AES-GCM', iv: wrapped.slice(0, 12), additionalData: new Uint8Array(aad) };
 *     try {
 *       return new Uint8Array(await crypto.subtle.decrypt(params, kek, wrapped.slice(12)));
 *     } catch {
 *       throw new AuthenticationError(); // not ours: cachet tries the next stanza
 *     }
 *   },
 * };
 * const envelope = await seal('secret', { recipients: service, context: { app: 'billing' } });
 * await open(envelope, { recipient: service, context: { app: 'billing' } });
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

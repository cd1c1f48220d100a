/**
 * cachet/envelope: envelope encryption. Each object or file gets a fresh 256-bit data
 * key; the payload is encrypted with AES-256-GCM and the data key is wrapped once per
 * recipient: symmetric KEKs from a keyring (AES-KW, AES-KWP, AES-GCM key wrap), public keys
 * (HPKE, RFC 9180, with X25519 or P-256), or a KMS/HSM through a {@link KeyProvider}
 * (a PKCS#11 one is included). An encryption context is bound to the payload and every
 * wrapped key. Streams encrypt large files in bounded memory with the same header.
 *
 * @example
 * ```ts
 * import { open, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const server = Keyring.generate('X25519'); // the server keeps the private keys
 * const report = new TextEncoder().encode('quarterly report');
 * const envelope = await seal(report, { recipients: server.publicKeyring(), context: { user: '42' } });
 * const plaintext = await open(envelope, { recipient: server, context: { user: '42' } });
 * console.log(new TextDecoder().decode(plaintext)); // 'quarterly report'
 * ```
 *
 * @module cachet/envelope
 */
export { DataKeyCache, type DataKeyCacheOptions } from './cache.js';
export type { EncryptionContext } from './context.js';
export { decryptFile, encryptFile } from './file.js';
export type { SealOptions } from './header.js';
export { type Pkcs11Provider, type Pkcs11ProviderOptions, pkcs11Provider } from './pkcs11.js';
export type { KeyProvider, WrapInfo } from './provider.js';
export type { KeyWrapChoice, Recipient, WrapAlg } from './recipients.js';
export { type OpenOptions, open, type RewrapOptions, rewrap, seal } from './seal.js';
export {
  type DecryptStreamOptions,
  decryptStream,
  type EncryptStreamOptions,
  encryptStream,
} from './stream.js';

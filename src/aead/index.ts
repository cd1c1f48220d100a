/**
 * cachet/aead: authenticated encryption of messages and records at rest with a keyring.
 * Each ciphertext starts with a version, the algorithm, the 4-byte key id and the nonce,
 * and by default a commitment to its key (docs/formats.md#aead), so keys rotate without
 * losing data and a ciphertext decrypts under exactly one key.
 *
 * @example
 * ```ts
 * import { aead } from 'cachet/aead';
 * import { Keyring } from 'cachet/keys';
 * const box = aead(Keyring.generate('A256GCM'));
 * const sealed = box.encrypt(new TextEncoder().encode('record'), 'records/42');
 * box.decrypt(sealed, 'records/42');
 * ```
 *
 * @module cachet/aead
 */
export { type Aead, type AeadOptions, aead } from './aead.js';
export type { AeadKeys } from './source.js';
export type { AeadAlg } from './suites.js';

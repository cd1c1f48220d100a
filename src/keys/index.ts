/**
 * cachet/keys: keys and keyrings. Generate, import and export keys (raw, JWK, PEM, DER),
 * keep them in a Keyring with one primary, rotate, disable and remove keys, and store the
 * keyring as JSON or sealed under a master key.
 *
 * @example
 * ```ts
 * import { generateKey, Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('A256GCM');
 * keyring.rotate();
 * const masterKey = generateKey('A256GCM'); // in production: from your secret store
 * const sealed = await keyring.seal(masterKey);
 * const restored = await Keyring.unseal(sealed, masterKey);
 * ```
 *
 * @module cachet/keys
 */
export type {
  Alg,
  AsymmetricAlg,
  GenerableAlg,
  RsaAlg,
  SymmetricAlg,
} from './algorithms.js';
export { type ExportKeyOptions, exportKey } from './export.js';
export { type GenerateKeyOptions, generateKey } from './generate.js';
export { type ImportKeyOptions, importKey, type KeyFormat } from './import.js';
export type { Jwk } from './jwk.js';
export { Key, type KeyJSON, type KeyType } from './key.js';
export { Keyring, type MasterKey, type SealedKeyring } from './keyring.js';
export type { KeyEntryJSON, KeyringJSON } from './keyring-json.js';
export type { KeyringEntry, KeyStatus } from './keyring-state.js';

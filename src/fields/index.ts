/**
 * cachet/fields: database column encryption. Typed values (string, number, bigint,
 * boolean, Date, Uint8Array, JSON, null) to a compact text form (`cf1.…`, for TEXT columns)
 * or bytes (for BYTEA) and back, bound to their table, column and row; deterministic mode
 * and blind indexes for equality lookups; rotation with batch re-encryption that resumes
 * after a crash. Formats: docs/formats.md#fields.
 *
 * @example
 * ```ts
 * import { fieldCipher } from 'cachet/fields';
 * import { Keyring } from 'cachet/keys';
 * const email = fieldCipher(Keyring.generate('A256GCM'), { table: 'users', column: 'email', blindIndex: true });
 * const stored = email.encrypt('alice@example.com');
 * email.decrypt(stored); // 'alice@example.com'
 * ```
 *
 * @module cachet/fields
 */
export type { AeadKeys } from '../aead/source.js';
export type { BlindIndexOptions } from './blind-index.js';
export {
  type FieldCipher,
  type FieldCipherOptions,
  type FieldCiphertext,
  type FieldOptions,
  fieldCipher,
} from './cipher.js';
export type { RowId } from './context.js';
export type { Normalizer } from './normalize.js';
export {
  type ReencryptColumn,
  type ReencryptProgress,
  type ReencryptResult,
  type ReencryptTableOptions,
  type RowChange,
  type RowKey,
  reencryptTable,
} from './reencrypt.js';
export type { FieldValue, JsonValue } from './value.js';

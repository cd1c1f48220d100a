/**
 * The envelope format's constants and the caps on everything it reads or writes
 * (docs/formats.md#envelope). A parser checks each length against its cap before it
 * allocates or reads, so hostile headers fail fast.
 */

/** "CENV". */
export const MAGIC: Uint8Array = Uint8Array.of(0x43, 0x45, 0x4e, 0x56);
/** Format version. */
export const VERSION = 1;
/** Payload modes: one AES-256-GCM ciphertext, or STREAM chunks. */
export const MODE_ONE_SHOT = 0x01;
export const MODE_STREAM = 0x02;
/** magic 4 ‖ version 1 ‖ mode 1 ‖ chunk size 4 ‖ salt 32. */
export const FIXED_LENGTH = 42;
export const SALT_LENGTH = 32;
export const MAC_LENGTH = 32;
export const DEK_LENGTH = 32;
export const TAG_LENGTH = 16;

/** At most this many recipients per envelope. */
export const MAX_RECIPIENTS = 64;
/** A stanza's key id: at most 255 bytes (one length byte). */
export const MAX_KEY_ID = 255;
/** A stanza's body (a wrapped key): at most 2048 bytes (RSA-8192 wraps are 1024). */
export const MAX_BODY = 2048;
/** Stream chunk sizes: 64 bytes to 16 MiB; 64 KiB by default. */
export const MIN_CHUNK = 64;
export const MAX_CHUNK: number = 16 * 1024 * 1024;
export const DEFAULT_CHUNK: number = 64 * 1024;
/** Encryption context caps. */
export const MAX_CONTEXT_ENTRIES = 64;
export const MAX_CONTEXT_KEY = 255;
export const MAX_CONTEXT_VALUE = 4096;
/** Domain-separation labels (ASCII). */
export const PAYLOAD_LABEL = 'cachet envelope v1 payload';
export const WRAP_LABEL = 'cachet envelope v1 wrap';
export const HPKE_INFO = 'cachet envelope v1 hpke';

/**
 * The envelope header (docs/formats.md#envelope): a fixed part that the payload key is
 * derived from, the recipients' stanzas, and a MAC over both. Parsing checks each count
 * and length against its cap in limits.ts before it reads further.
 */
import { InvalidInputError, UnsupportedError } from '../errors.js';
import {
  FIXED_LENGTH,
  MAC_LENGTH,
  MAGIC,
  MAX_BODY,
  MAX_CHUNK,
  MAX_KEY_ID,
  MAX_RECIPIENTS,
  MIN_CHUNK,
  MODE_ONE_SHOT,
  MODE_STREAM,
  SALT_LENGTH,
  VERSION,
} from './limits.js';

/** One recipient's wrapped data key. */
export interface Stanza {
  /** Stanza type (see recipients.ts). */
  readonly type: number;
  /** Key id: a cachet key id or a provider's id (UTF-8, at most 255 bytes). */
  readonly keyId: string;
  readonly body: Uint8Array;
}

/** A parsed header. */
export interface Header {
  readonly mode: number;
  /** Plaintext bytes per chunk (stream mode), 0 for one-shot. */
  readonly chunkSize: number;
  /** The fixed 42 bytes: magic, version, mode, chunk size, salt. */
  readonly fixed: Uint8Array;
  readonly stanzas: readonly Stanza[];
  /** The header up to the MAC: what the MAC covers. */
  readonly authenticated: Uint8Array;
  readonly mac: Uint8Array;
  /** Total header length in bytes; the payload starts here. */
  readonly length: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function malformed(message: string): InvalidInputError {
  return new InvalidInputError('ERR_INVALID_FORMAT', `envelope: ${message}`);
}

/** The fixed part: magic ‖ version ‖ mode ‖ chunk size (u32) ‖ salt. */
export function buildFixed(mode: number, chunkSize: number, salt: Uint8Array): Uint8Array {
  const fixed = new Uint8Array(FIXED_LENGTH);
  fixed.set(MAGIC);
  fixed[4] = VERSION;
  fixed[5] = mode;
  // Byte writes, not a DataView: a view would move this small array off the V8 heap.
  fixed[6] = chunkSize >>> 24;
  fixed[7] = (chunkSize >>> 16) & 0xff;
  fixed[8] = (chunkSize >>> 8) & 0xff;
  fixed[9] = chunkSize & 0xff;
  fixed.set(salt, 10);
  return fixed;
}

/** The encoded key id of a stanza (checked by the caller to fit in 255 bytes). */
export function keyIdBytes(keyId: string): Uint8Array {
  return encoder.encode(keyId);
}

/**
 * fixed ‖ count u16 ‖ (type u8 ‖ id length u8 ‖ id ‖ body length u16 ‖ body)* ‖ MAC, with
 * `MAC_LENGTH` zero bytes left at the end for the caller to fill in.
 */
export function encodeHeader(fixed: Uint8Array, stanzas: readonly Stanza[]): Uint8Array {
  const ids = stanzas.map((s) => keyIdBytes(s.keyId));
  let length = FIXED_LENGTH + 2 + MAC_LENGTH;
  for (let i = 0; i < stanzas.length; i++) length += 4 + ids[i]!.length + stanzas[i]!.body.length;
  const out = new Uint8Array(length);
  out.set(fixed);
  let offset = FIXED_LENGTH;
  out[offset] = stanzas.length >>> 8;
  out[offset + 1] = stanzas.length & 0xff;
  offset += 2;
  for (let i = 0; i < stanzas.length; i++) {
    const { type, body } = stanzas[i]!;
    const id = ids[i]!;
    out[offset] = type;
    out[offset + 1] = id.length;
    out.set(id, offset + 2);
    offset += 2 + id.length;
    out[offset] = body.length >>> 8;
    out[offset + 1] = body.length & 0xff;
    out.set(body, offset + 2);
    offset += 2 + body.length;
  }
  return out;
}

/** A parse that needs at least `need` bytes in total to go on. */
export interface NeedMore {
  readonly need: number;
}

/**
 * Parses a header from the start of `bytes`. Returns {@link NeedMore} when `bytes` ends
 * before the header does (streams wait for more; one-shot callers treat it as truncation).
 *
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT or ERR_LIMIT_EXCEEDED
 * @throws {@link cachet!UnsupportedError} for an unknown version or payload mode
 */
export function parseHeader(bytes: Uint8Array): Header | NeedMore {
  if (bytes.length < 6) {
    for (let i = 0; i < Math.min(bytes.length, 4); i++) {
      if (bytes[i] !== MAGIC[i]) throw malformed('not a cachet envelope (bad magic)');
    }
    return { need: FIXED_LENGTH };
  }
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MAGIC[i]) throw malformed('not a cachet envelope (bad magic)');
  }
  if (bytes[4] !== VERSION) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_VERSION',
      `envelope version ${bytes[4]} is not supported (this release reads version ${VERSION})`,
    );
  }
  const mode = bytes[5]!;
  if (mode !== MODE_ONE_SHOT && mode !== MODE_STREAM) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      `envelope payload mode ${mode} is unknown`,
    );
  }
  const headEnd = FIXED_LENGTH + 2;
  if (bytes.length < headEnd) return { need: headEnd };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkSize = view.getUint32(6);
  if (mode === MODE_ONE_SHOT ? chunkSize !== 0 : chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) {
    throw malformed(`chunk size ${chunkSize} is invalid for this payload mode`);
  }
  const count = view.getUint16(FIXED_LENGTH);
  if (count === 0) throw malformed('no recipients');
  if (count > MAX_RECIPIENTS) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `envelope: ${count} recipients; at most ${MAX_RECIPIENTS} are read`,
    );
  }
  const stanzas: Stanza[] = [];
  let offset = headEnd;
  for (let i = 0; i < count; i++) {
    if (bytes.length < offset + 2) return { need: offset + 2 };
    const type = bytes[offset]!;
    const idLength = bytes[offset + 1]!;
    if (idLength === 0 && type !== 0x40) throw malformed(`recipient ${i} has an empty key id`);
    const bodyAt = offset + 2 + idLength + 2;
    if (bytes.length < bodyAt) return { need: bodyAt };
    const bodyLength = view.getUint16(bodyAt - 2);
    if (bodyLength > MAX_BODY) {
      throw new InvalidInputError(
        'ERR_LIMIT_EXCEEDED',
        `envelope: recipient ${i} has a ${bodyLength}-byte wrapped key; at most ${MAX_BODY} are read`,
      );
    }
    if (bodyLength === 0) throw malformed(`recipient ${i} has an empty wrapped key`);
    if (bytes.length < bodyAt + bodyLength) return { need: bodyAt + bodyLength };
    let keyId: string;
    try {
      keyId = decoder.decode(bytes.subarray(offset + 2, offset + 2 + idLength));
    } catch {
      throw malformed(`recipient ${i} has a key id that is not UTF-8`);
    }
    stanzas.push({ type, keyId, body: bytes.slice(bodyAt, bodyAt + bodyLength) });
    offset = bodyAt + bodyLength;
  }
  if (bytes.length < offset + MAC_LENGTH) return { need: offset + MAC_LENGTH };
  return {
    mode,
    chunkSize,
    fixed: bytes.slice(0, FIXED_LENGTH),
    stanzas,
    authenticated: bytes.subarray(0, offset),
    mac: bytes.slice(offset, offset + MAC_LENGTH),
    length: offset + MAC_LENGTH,
  };
}

/** Checks a key id before it is written: at most {@link MAX_KEY_ID} UTF-8 bytes. */
export function checkStanzaKeyId(keyId: string, name: string): void {
  if (keyIdBytes(keyId).length > MAX_KEY_ID) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `"${name}": at most ${MAX_KEY_ID} UTF-8 bytes`,
    );
  }
}

export { SALT_LENGTH };

/**
 * Per-key material, derived once per key and cached (keys are immutable): the key id as
 * bytes, and for committing suites the encryption key and the key commitment
 * (docs/formats.md#aead-commitment):
 *
 *   K_enc = HKDF-SHA-256(IKM = K, salt = "", info = "cachet aead v1 key" ‖ suite id, L = key length)
 *   C     = HKDF-SHA-256(IKM = K, salt = "", info = "cachet aead v1 commitment" ‖ suite id, L = 32)
 *
 * C is a collision-resistant function of K (RFC 5869 HKDF over HMAC-SHA-256), so a
 * ciphertext that carries C can authenticate under one key only. It is the same for every
 * message under K (it identifies the key, as the key id already does, and reveals nothing
 * else about it), which keeps the hot path free of per-message key derivation.
 */
import { hkdfSha256 } from '../backend/sha256.js';
import { type Key, materialOf } from '../keys/key.js';
import type { Suite } from './suites.js';

/** What sealing and opening need of one key. */
export interface KeyMaterial {
  readonly suite: Suite;
  /** The keyring's secret. */
  readonly raw: Uint8Array;
  /** The key id's 4 bytes. */
  readonly id: Uint8Array;
  /** K_enc, for committing suites. */
  readonly enc: Uint8Array;
  /** C, the key commitment. */
  readonly commitment: Uint8Array;
}

const cache = new WeakMap<Key, KeyMaterial>();
const EMPTY = new Uint8Array(0);
const KEY_LABEL = 'cachet aead v1 key';
const COMMITMENT_LABEL = 'cachet aead v1 commitment';

function info(label: string, suite: Suite): Uint8Array {
  const out = new Uint8Array(label.length + 1);
  for (let i = 0; i < label.length; i++) out[i] = label.charCodeAt(i);
  out[label.length] = suite.id;
  return out;
}

function idBytes(id: string): Uint8Array {
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) out[i] = Number.parseInt(id.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * The cached material of an AEAD key whose suite the caller has looked up. Both
 * derivations run once per key and process (two HKDF calls), never per message.
 */
export function keyMaterial(key: Key, suite: Suite): KeyMaterial {
  let entry = cache.get(key);
  if (!entry) {
    const raw = materialOf(key).secret!;
    entry = {
      suite,
      raw,
      id: idBytes(key.id),
      enc: hkdfSha256(raw, EMPTY, info(KEY_LABEL, suite), suite.keyLength),
      commitment: hkdfSha256(raw, EMPTY, info(COMMITMENT_LABEL, suite), 32),
    };
    cache.set(key, entry);
  }
  return entry;
}

/**
 * The suite table: every AEAD algorithm cachet/aead and cachet/fields write, described once
 * (docs/formats.md#aead-suites). A suite byte on the wire is `id`, with 0x80 added when the
 * ciphertext carries a key commitment.
 */
import { xchacha20Poly1305Open } from '../backend/aead.js';
import {
  aesGcmOpenCached,
  aesGcmSealInto,
  aesGcmSivSealInto,
  aesSivOpenOne,
  aesSivSealInto,
  type SealInto,
  xchachaSealInto,
} from '../backend/aead-into.js';
import { aesGcmSivOpen } from '../backend/siv.js';

/**
 * The key algorithms an AEAD keyring may hold.
 *
 * @example
 * ```ts
 * import { type AeadAlg, aead } from 'cachet/aead';
 * import { Keyring } from 'cachet/keys';
 * const alg: AeadAlg = 'A256GCM-SIV'; // nonce-misuse resistant
 * const box = aead(Keyring.generate(alg));
 * ```
 */
export type AeadAlg = 'A256GCM' | 'A256GCM-SIV' | 'XC20P' | 'AES-SIV';

/** One algorithm's facts and its seal/open functions. */
export interface Suite {
  readonly alg: AeadAlg;
  /** Suite id without the commitment flag. */
  readonly id: number;
  readonly keyLength: number;
  /** Random nonce bytes per message; 0 for the deterministic AES-SIV. */
  readonly nonceLength: number;
  /** Bytes the algorithm adds to the plaintext (tag or SIV). */
  readonly tagLength: number;
  readonly deterministic: boolean;
  readonly seal: SealInto;
  /** `sealed` is ciphertext ‖ tag (SIV ‖ ciphertext for AES-SIV); null when it does not verify. */
  readonly open: (
    key: Uint8Array,
    nonce: Uint8Array,
    sealed: Uint8Array,
    aad: Uint8Array,
  ) => Uint8Array | null;
}

/** Set on the suite byte when a 32-byte key commitment follows the nonce. */
export const COMMITTED = 0x80;

/** The table, by algorithm. */
export const SUITES: { readonly [A in AeadAlg]: Suite } = {
  // 96-bit random nonces: SP 800-38D §8.3 caps a key at 2^32 messages (docs/aead.md).
  A256GCM: {
    alg: 'A256GCM',
    id: 0x01,
    keyLength: 32,
    nonceLength: 12,
    tagLength: 16,
    deterministic: false,
    seal: aesGcmSealInto,
    open: aesGcmOpenCached,
  },
  // RFC 8452: a repeated nonce reveals only that two messages are equal.
  'A256GCM-SIV': {
    alg: 'A256GCM-SIV',
    id: 0x02,
    keyLength: 32,
    nonceLength: 12,
    tagLength: 16,
    deterministic: false,
    seal: aesGcmSivSealInto,
    open: aesGcmSivOpen,
  },
  // 192-bit random nonces: no practical limit on messages per key.
  XC20P: {
    alg: 'XC20P',
    id: 0x03,
    keyLength: 32,
    nonceLength: 24,
    tagLength: 16,
    deterministic: false,
    seal: xchachaSealInto,
    open: xchacha20Poly1305Open,
  },
  // RFC 5297 with one associated-data string and no nonce: deterministic by design.
  'AES-SIV': {
    alg: 'AES-SIV',
    id: 0x04,
    keyLength: 64,
    nonceLength: 0,
    tagLength: 16,
    deterministic: true,
    seal: aesSivSealInto,
    open: (key, _nonce, sealed, aad) => aesSivOpenOne(key, sealed, aad),
  },
};

const BY_ID: readonly (Suite | undefined)[] = [
  undefined,
  SUITES.A256GCM,
  SUITES['A256GCM-SIV'],
  SUITES.XC20P,
  SUITES['AES-SIV'],
];

/** The suite with this id (commitment flag removed), or undefined. */
export function suiteById(id: number): Suite | undefined {
  return BY_ID[id & ~COMMITTED];
}

/** Whether a key algorithm is one of the AEAD suites. */
export function isAeadAlg(alg: string): alg is AeadAlg {
  return Object.hasOwn(SUITES, alg);
}

/**
 * The HPKE key schedule in base mode (RFC 9180 §5.1) and the encryption context that
 * seals and opens with a sequence-numbered nonce (§5.2) and exports secrets (§5.3).
 * AEADs: AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305 and export-only (§7.3, Table 5);
 * the envelope uses AES-256-GCM, the others let the RFC's vectors cover the schedule.
 */
import {
  aesGcmOpen,
  aesGcmSeal,
  chacha20Poly1305Open,
  chacha20Poly1305Seal,
} from '../backend/aead.js';
import { UnsupportedError } from '../errors.js';
import { decap, type Encapsulation, encap, type Kem } from './kem.js';
import { concat, i2osp, label, labeledExpand, labeledExtract, NH } from './labeled.js';

type Seal = (key: Uint8Array, nonce: Uint8Array, pt: Uint8Array, aad: Uint8Array) => Uint8Array;
type Open = (
  key: Uint8Array,
  nonce: Uint8Array,
  ct: Uint8Array,
  aad: Uint8Array,
) => Uint8Array | null;

/** An AEAD of Table 5: id, Nk and its functions (absent for export-only). */
export interface Aead {
  readonly id: number;
  readonly nK: number;
  readonly seal?: Seal;
  readonly open?: Open;
}

export const AES_128_GCM: Aead = { id: 0x0001, nK: 16, seal: aesGcmSeal, open: aesGcmOpen };
export const AES_256_GCM: Aead = { id: 0x0002, nK: 32, seal: aesGcmSeal, open: aesGcmOpen };
export const CHACHA20_POLY1305: Aead = {
  id: 0x0003,
  nK: 32,
  seal: chacha20Poly1305Seal,
  open: chacha20Poly1305Open,
};
export const EXPORT_ONLY: Aead = { id: 0xffff, nK: 0 };

/** Nn of every AEAD above. */
const NN = 12;
/** KDF id of HKDF-SHA256 (Table 3). */
const HKDF_SHA256 = 0x0001;
const MODE_BASE = 0x00;
const EMPTY = new Uint8Array(0);

function exportOnly(): UnsupportedError {
  return new UnsupportedError(
    'ERR_UNSUPPORTED_ALGORITHM',
    'an export-only HPKE context cannot seal or open',
  );
}

/** The values KeySchedule derives (§5.1), exposed for the RFC's test vectors. */
export interface Schedule {
  readonly keyScheduleContext: Uint8Array;
  readonly secret: Uint8Array;
  readonly key: Uint8Array;
  readonly baseNonce: Uint8Array;
  readonly exporterSecret: Uint8Array;
}

/** An HPKE encryption context: one direction, nonces from a sequence number. */
export class HpkeContext {
  readonly schedule: Schedule;
  readonly #aead: Aead;
  readonly #suiteId: Uint8Array;
  #seq = 0;

  constructor(schedule: Schedule, aead: Aead, suiteId: Uint8Array) {
    this.schedule = schedule;
    this.#aead = aead;
    this.#suiteId = suiteId;
  }

  /** The sequence number the next seal or open uses. */
  get seq(): number {
    return this.#seq;
  }

  // ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn) (§5.2).
  #nonce(): Uint8Array {
    const nonce = i2osp(this.#seq, NN);
    for (let i = 0; i < NN; i++) nonce[i]! ^= this.schedule.baseNonce[i]!;
    // 2^53 messages is far below Nn's 2^96 - 1 limit (MessageLimitReachedError).
    this.#seq++;
    return nonce;
  }

  /** ContextS.Seal(aad, pt). */
  seal(aad: Uint8Array, pt: Uint8Array): Uint8Array {
    if (!this.#aead.seal) throw exportOnly();
    return this.#aead.seal(this.schedule.key, this.#nonce(), pt, aad);
  }

  /** ContextR.Open(aad, ct); null on failure, and the sequence number does not move. */
  open(aad: Uint8Array, ct: Uint8Array): Uint8Array | null {
    if (!this.#aead.open) throw exportOnly();
    const seq = this.#seq;
    const pt = this.#aead.open(this.schedule.key, this.#nonce(), ct, aad);
    if (!pt) this.#seq = seq;
    return pt;
  }

  /** Context.Export(exporter_context, L) (§5.3). */
  export(exporterContext: Uint8Array, length: number): Uint8Array {
    return labeledExpand(
      this.#suiteId,
      this.schedule.exporterSecret,
      'sec',
      exporterContext,
      length,
    );
  }
}

function hpkeSuiteId(kem: Kem, aead: Aead): Uint8Array {
  return concat(label('HPKE'), i2osp(kem.id, 2), i2osp(HKDF_SHA256, 2), i2osp(aead.id, 2));
}

function keySchedule(
  kem: Kem,
  aead: Aead,
  sharedSecret: Uint8Array,
  info: Uint8Array,
): HpkeContext {
  const id = hpkeSuiteId(kem, aead);
  // Base mode: psk and psk_id are empty (§5.1.1).
  const pskIdHash = labeledExtract(id, EMPTY, 'psk_id_hash', EMPTY);
  const infoHash = labeledExtract(id, EMPTY, 'info_hash', info);
  const keyScheduleContext = concat(Uint8Array.of(MODE_BASE), pskIdHash, infoHash);
  const secret = labeledExtract(id, sharedSecret, 'secret', EMPTY);
  const schedule: Schedule = {
    keyScheduleContext,
    secret,
    key: labeledExpand(id, secret, 'key', keyScheduleContext, aead.nK),
    baseNonce: aead.nK ? labeledExpand(id, secret, 'base_nonce', keyScheduleContext, NN) : EMPTY,
    exporterSecret: labeledExpand(id, secret, 'exp', keyScheduleContext, NH),
  };
  return new HpkeContext(schedule, aead, id);
}

/** SetupBaseS(pkR, info) (§5.1.1); null when pkR is invalid. `ikmE` is for test vectors. */
export function setupBaseS(
  kem: Kem,
  aead: Aead,
  pkR: Uint8Array,
  info: Uint8Array,
  ikmE?: Uint8Array,
): { enc: Uint8Array; context: HpkeContext; sharedSecret: Uint8Array } | null {
  const encapsulation: Encapsulation | null = encap(kem, pkR, ikmE);
  if (!encapsulation) return null;
  const context = keySchedule(kem, aead, encapsulation.sharedSecret, info);
  return { enc: encapsulation.enc, context, sharedSecret: encapsulation.sharedSecret };
}

/** SetupBaseR(enc, skR, info) (§5.1.1); null when enc is invalid. */
export function setupBaseR(
  kem: Kem,
  aead: Aead,
  enc: Uint8Array,
  skR: Uint8Array,
  info: Uint8Array,
): HpkeContext | null {
  const sharedSecret = decap(kem, enc, skR);
  return sharedSecret ? keySchedule(kem, aead, sharedSecret, info) : null;
}

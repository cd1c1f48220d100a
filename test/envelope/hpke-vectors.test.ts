// RFC 9180 Appendix A, base mode, for every suite built from the KEMs and KDF cachet
// implements (DHKEM(X25519) and DHKEM(P-256) with HKDF-SHA256): A.1.1 and A.3.1
// (AES-128-GCM), A.2.1 and A.5.1 (ChaCha20-Poly1305), A.7.1 (export-only). Each checks
// DeriveKeyPair, Encap/Decap, the key schedule, every sequence-numbered encryption (both
// directions) and the exported values. The RFC has no AES-256-GCM vectors for these KEMs;
// test/envelope/hpke-interop.node.test.ts checks that AEAD against @hpke/core.
import { expect, it } from 'vitest';
import {
  AES_128_GCM,
  type Aead,
  CHACHA20_POLY1305,
  EXPORT_ONLY,
  type Kem,
  P256_KEM,
  setupBaseR,
  setupBaseS,
  X25519_KEM,
} from '../../src/hpke/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, toHex } from '../helpers/vectors.js';
import vectors from '../vectors/envelope/rfc9180-base.json' with { type: 'json' };

const KEMS: Record<number, Kem> = { 32: X25519_KEM, 16: P256_KEM };
const AEADS: Record<number, Aead> = { 1: AES_128_GCM, 3: CHACHA20_POLY1305, 65535: EXPORT_ONLY };

describeEachBackend('RFC 9180 base-mode vectors', () => {
  for (const v of vectors.suites) {
    const kem = KEMS[v.kem_id]!;
    const aead = AEADS[v.aead_id]!;
    const info = hex(vectors.info);

    it(`${v.section}: DeriveKeyPair gives skEm/skRm and their public keys`, () => {
      expect(toHex(kem.deriveKey(hex(v.ikmE)))).toBe(v.skEm);
      expect(toHex(kem.deriveKey(hex(v.ikmR)))).toBe(v.skRm);
      expect(toHex(kem.publicKey(hex(v.skEm)))).toBe(v.pkEm);
      expect(toHex(kem.publicKey(hex(v.skRm)))).toBe(v.pkRm);
    });

    it(`${v.section}: sender key schedule, encryptions and exports`, () => {
      const setup = setupBaseS(kem, aead, hex(v.pkRm), info, hex(v.ikmE))!;
      expect(toHex(setup.enc)).toBe(v.enc);
      expect(toHex(setup.sharedSecret)).toBe(v.shared_secret);
      const s = setup.context.schedule;
      expect(toHex(s.keyScheduleContext)).toBe(v.key_schedule_context);
      expect(toHex(s.secret)).toBe(v.secret);
      expect(toHex(s.key)).toBe(v.key);
      expect(toHex(s.baseNonce)).toBe(v.base_nonce);
      expect(toHex(s.exporterSecret)).toBe(v.exporter_secret);
      const pt = hex(vectors.pt);
      for (const e of v.encryptions) {
        // Seal with every earlier sequence number too: the context's counter must reach e.seq.
        while (setup.context.seq < e.seq) setup.context.seal(new Uint8Array(0), pt);
        expect(toHex(setup.context.seal(hex(e.aad), pt)), `seq ${e.seq}`).toBe(e.ct);
      }
      for (const x of v.exports) {
        expect(toHex(setup.context.export(hex(x.context), x.L))).toBe(x.value);
      }
    });

    it(`${v.section}: recipient decapsulates and opens every encryption in order`, () => {
      const context = setupBaseR(kem, aead, hex(v.enc), hex(v.skRm), info)!;
      expect(toHex(context.schedule.key)).toBe(v.key);
      // A sender twin supplies the ciphertexts for the sequence numbers the RFC skips.
      const twin = setupBaseS(kem, aead, hex(v.pkRm), info, hex(v.ikmE))!.context;
      const pt = hex(vectors.pt);
      const last = v.encryptions.at(-1)?.seq ?? -1;
      for (let seq = 0; seq <= last; seq++) {
        const listed = v.encryptions.find((e) => e.seq === seq);
        const aad = listed ? hex(listed.aad) : new Uint8Array(0);
        const ct = twin.seal(aad, pt);
        if (listed) {
          expect(toHex(ct)).toBe(listed.ct);
          expect(context.open(hex('00'), ct), 'a wrong aad fails, seq unchanged').toBeNull();
        }
        expect(toHex(context.open(aad, ct)!), `seq ${seq}`).toBe(vectors.pt);
      }
      for (const x of v.exports) {
        expect(toHex(context.export(hex(x.context), x.L))).toBe(x.value);
      }
      if (aead === EXPORT_ONLY)
        expect(() => context.seal(new Uint8Array(0), pt)).toThrow(/export-only/);
    });
  }

  it('rejects an invalid P-256 encapsulation and a low-order X25519 one', () => {
    const p = vectors.suites.find((s) => s.section === 'A.3.1')!;
    const bad = hex(p.enc);
    bad[64]! ^= 1; // off the curve
    expect(setupBaseR(P256_KEM, AES_128_GCM, bad, hex(p.skRm), new Uint8Array(0))).toBeNull();
    const x = vectors.suites.find((s) => s.section === 'A.1.1')!;
    expect(
      setupBaseR(X25519_KEM, AES_128_GCM, new Uint8Array(32), hex(x.skRm), new Uint8Array(0)),
    ).toBeNull();
    expect(setupBaseS(X25519_KEM, AES_128_GCM, new Uint8Array(32), new Uint8Array(0))).toBeNull();
  });
});

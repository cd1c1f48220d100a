// The fixed vectors of test/vectors/sign/signatures.json (docs/formats.md#signatures),
// made once by scripts/gen-sign-vectors.ts: every release must import each key, from each
// encoding, to the same id, verify every signature, and reproduce the deterministic ones
// byte for byte. pyca/cryptography checks the same file independently
// (test/sign/interop.node.test.ts).
import { expect, it } from 'vitest';
import { importKey, type Jwk } from '../../src/keys/index.js';
import { type SignAlg, sign, verify } from '../../src/sign/index.js';
import { describeEachBackend } from '../helpers/backend-switch.js';
import { hex, toHex } from '../helpers/vectors.js';
import file from '../vectors/sign/signatures.json' with { type: 'json' };

interface VectorSignature {
  message: string;
  signature?: string;
  p1363?: string;
  der?: string;
  lowS?: string;
  hedged?: string;
}

describeEachBackend('fixed signature vectors', () => {
  for (const v of file.keys) {
    const alg = v.alg as SignAlg;
    it(`${alg} ${v.id}`, () => {
      const priv = importKey(hex(v.private), { alg, type: 'private' });
      const pubs = [
        importKey(hex(v.public.raw), { alg }),
        importKey(v.public.pem),
        importKey(v.public.jwk as Jwk),
        ...('compressed' in v.public
          ? [importKey(hex(v.public.compressed as string), { alg })]
          : []),
      ];
      for (const k of [priv, ...pubs]) expect(k.id).toBe(v.id);
      for (const s of v.signatures as VectorSignature[]) {
        const m = hex(s.message);
        for (const pub of pubs) {
          if (alg === 'Ed25519') {
            expect(verify(pub, m, hex(s.signature!))).toBe(true);
            continue;
          }
          expect(verify(pub, m, hex(s.p1363!))).toBe(true);
          expect(verify(pub, m, hex(s.der!), { format: 'der' })).toBe(true);
          expect(verify(pub, m, hex(s.lowS!), { lowS: true })).toBe(true);
          expect(verify(pub, m, hex(s.hedged!))).toBe(true);
        }
        if (alg === 'Ed25519') {
          expect(toHex(sign(priv, m))).toBe(s.signature);
          continue;
        }
        expect(toHex(sign(priv, m, { nonce: 'deterministic', lowS: false }))).toBe(s.p1363);
        expect(toHex(sign(priv, m, { nonce: 'deterministic', lowS: false, format: 'der' }))).toBe(
          s.der,
        );
        expect(toHex(sign(priv, m, { nonce: 'deterministic' }))).toBe(s.lowS);
      }
    });
  }
});

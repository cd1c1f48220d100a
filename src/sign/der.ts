/**
 * ECDSA signature encodings: IEEE P1363 (r ‖ s, each the group order's byte length, as
 * WebCrypto and JOSE use) and DER (`Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`,
 * RFC 3279 §2.2.3, as OpenSSL and X.509 use). DER is read strictly (X.690 §10): minimal
 * lengths and integers, no negative values, nothing after the SEQUENCE; a value wider than
 * the curve's size cannot be a signature and is refused.
 */
import { assertBytes, assertOneOf } from '../assert.js';
import { DerReader, TAG, tlv, unsignedInteger } from '../der.js';
import { InvalidInputError } from '../errors.js';
import { ECDSA, type EcdsaAlg } from './algorithms.js';

const ECDSA_ALGS = Object.keys(ECDSA) as EcdsaAlg[];
const P1363_LENGTHS = ECDSA_ALGS.map((a) => 2 * ECDSA[a].size);

/** @internal DER → r ‖ s of `size`-byte halves; ERR_INVALID_FORMAT for anything not strict DER. */
export function decodeDerSignature(der: Uint8Array, size: number): Uint8Array {
  const what = 'ECDSA signature';
  const outer = new DerReader(der, what);
  const seq = outer.enter(TAG.SEQUENCE);
  outer.end();
  const r = seq.readUnsignedInteger();
  const s = seq.readUnsignedInteger();
  seq.end();
  if (r.length > size || s.length > size) {
    throw new InvalidInputError(
      'ERR_INVALID_FORMAT',
      `${what}: r and s must fit in ${size} bytes for this curve`,
    );
  }
  const out = new Uint8Array(2 * size);
  out.set(r, size - r.length);
  out.set(s, 2 * size - s.length);
  return out;
}

/** @internal r ‖ s → DER with minimal INTEGERs. */
export function encodeDerSignature(p1363: Uint8Array): Uint8Array {
  const size = p1363.length / 2;
  return tlv(
    TAG.SEQUENCE,
    unsignedInteger(p1363.subarray(0, size)),
    unsignedInteger(p1363.subarray(size)),
  );
}

/**
 * Converts a DER ECDSA signature (OpenSSL, X.509, Java) to IEEE P1363 r ‖ s (WebCrypto,
 * JOSE). The DER must be strict: minimal INTEGERs and lengths, no trailing bytes, r and s
 * non-negative and no wider than the curve's order.
 *
 * @param der - the DER-encoded `Ecdsa-Sig-Value`
 * @param alg - `'ES256'` (P-256, 64-byte result), `'ES384'` (96) or `'ES512'` (P-521, 132)
 * @returns r ‖ s, each left-padded to the curve size
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT for DER that is malformed or not strict; ERR_INVALID_ARGUMENT for a non-Uint8Array or unknown alg
 * @example
 * ```ts
 * import { derToP1363, generateKeyPair, sign, verify } from 'cachet/sign';
 * const { privateKey, publicKey } = generateKeyPair('ES256');
 * const der = sign(privateKey, 'hello', { format: 'der' });
 * const raw = derToP1363(der, 'ES256');
 * console.log(raw.length, verify(publicKey, 'hello', raw)); // 64 true
 * ```
 */
export function derToP1363(der: Uint8Array, alg: EcdsaAlg): Uint8Array {
  assertBytes(der, 'der');
  assertOneOf(alg, 'alg', ECDSA_ALGS);
  return decodeDerSignature(der, ECDSA[alg].size);
}

/**
 * Converts an IEEE P1363 r ‖ s ECDSA signature to DER (minimal INTEGERs). The conversion
 * is exact: `derToP1363(p1363ToDer(sig), alg)` returns `sig`.
 *
 * @param signature - r ‖ s: 64 (P-256), 96 (P-384) or 132 (P-521) bytes
 * @param alg - optional: when given, the length must be this algorithm's
 * @returns the DER `Ecdsa-Sig-Value`
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for a wrong type or length
 * @example
 * ```ts
 * import { generateKeyPair, p1363ToDer, sign, verify } from 'cachet/sign';
 * const { privateKey, publicKey } = generateKeyPair('ES384');
 * const der = p1363ToDer(sign(privateKey, 'hello'), 'ES384');
 * console.log(der[0] === 0x30, verify(publicKey, 'hello', der, { format: 'der' })); // true true
 * ```
 */
export function p1363ToDer(signature: Uint8Array, alg?: EcdsaAlg): Uint8Array {
  if (alg === undefined) assertBytes(signature, 'signature', ...P1363_LENGTHS);
  else {
    assertOneOf(alg, 'alg', ECDSA_ALGS);
    assertBytes(signature, 'signature', 2 * ECDSA[alg].size);
  }
  return encodeDerSignature(signature);
}

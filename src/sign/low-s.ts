/**
 * ECDSA low-S (BIP 62, SEC 1 §4.1.3 note): (r, s) and (r, n - s) are both valid, so a
 * third party can turn one valid signature into another. Signers can normalise s to the
 * lower half (s ≤ n/2) and strict verifiers can refuse the upper half. s is public, so
 * these byte loops need not be constant-time; they avoid BigInt on the hot path.
 */
import type { EcdsaInfo } from './algorithms.js';

/** True when the s half of r ‖ s is greater than n/2. */
export function hasHighS(info: EcdsaInfo, signature: Uint8Array): boolean {
  const { size, halfOrder } = info;
  for (let i = 0; i < size; i++) {
    const a = signature[size + i]!;
    const b = halfOrder[i]!;
    if (a !== b) return a > b;
  }
  return false;
}

/** Replaces s with n - s in place when s > n/2 (s < n, as every signer produces). */
export function normalizeS(info: EcdsaInfo, signature: Uint8Array): Uint8Array {
  if (!hasHighS(info, signature)) return signature;
  const { size, order } = info;
  let borrow = 0;
  for (let i = size - 1; i >= 0; i--) {
    const d = order[i]! - signature[size + i]! - borrow;
    borrow = d < 0 ? 1 : 0;
    signature[size + i] = d & 0xff;
  }
  return signature;
}

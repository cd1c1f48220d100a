/**
 * cachet's Ed25519 public-key policy, applied identically by both backends so they agree
 * on every input:
 * - the encoding is canonical: y < p = 2^255 - 19 (RFC 8032 §5.1.3 step 1);
 * - the point is not of small order (one of the 8 torsion points). RFC 8032 does not
 *   require this, but a small-order key makes "this key signed that message" meaningless
 *   (any signature with a matching small-order R verifies), so it is refused, as libsodium
 *   and noble's strict mode do.
 * Verification itself is cofactorless ([S]B = R + [k]A, compared by encoding), which is
 * what OpenSSL, BoringSSL and WebCrypto implement; it is not ZIP-215.
 */

// The y-coordinates of the small-order points (top bit, the sign of x, masked off):
// 0 (order 4), 1 (identity), p - 1 (order 2) and the two order-8 values. Every encoding
// whose masked y is one of these is small-order, whatever the sign bit (and for y = 1 or
// p - 1, x = 0 so a set sign bit is itself non-canonical).
const SMALL_ORDER_Y: Uint8Array[] = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
].map((hex) =>
  Uint8Array.from({ length: 32 }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)),
);

function matches(key: Uint8Array, y: Uint8Array): boolean {
  for (let i = 0; i < 31; i++) if (key[i] !== y[i]) return false;
  return (key[31]! & 0x7f) === y[31];
}

/** True when `key` is 32 bytes, a canonical encoding and not a small-order point. */
export function isAcceptableEd25519Key(key: Uint8Array): boolean {
  if (key.length !== 32) return false;
  // y >= p (little-endian, sign bit masked) iff bytes 1..30 are 0xff, byte 31 is 0x7f and
  // byte 0 is at least 0xed.
  let high = (key[31]! & 0x7f) === 0x7f;
  for (let i = 1; high && i < 31; i++) high = key[i] === 0xff;
  if (high && key[0]! >= 0xed) return false;
  for (const y of SMALL_ORDER_Y) if (matches(key, y)) return false;
  return true;
}

/**
 * HMAC (RFC 2104 §2) for the portable backend, keyed once: the hash states after
 * (K ⊕ ipad) and (K ⊕ opad) are kept, and each message clones them. It imports no hash
 * itself, so a module that passes SHA-256 bundles neither SHA-512 nor noble's generic HMAC.
 */

/** An incremental hash: sha256-portable.ts's, or @noble/hashes' SHA-384/512. */
export interface HashState {
  update(data: Uint8Array): HashState;
  digest(): Uint8Array;
  clone(): HashState;
}

/** A hash function with the parts of @noble/hashes' `CHash` used here. */
export interface HashFunction {
  (data: Uint8Array): Uint8Array;
  create(): HashState;
  readonly blockLen: number;
  readonly outputLen: number;
}

/** A key ready for HMAC: the two hash states after its padded blocks. */
export interface HmacState {
  readonly inner: HashState;
  readonly outer: HashState;
}

/**
 * Prepares `key`: hashed first if longer than a block, zero-padded to the block size,
 * XORed with ipad (0x36) and with opad (0x5c).
 *
 * @param hash - the hash (e.g. `sha256` of sha256-portable.ts)
 * @param key - the HMAC key
 * @returns the keyed states, to pass to {@link hmacWith}
 */
export function hmacState(hash: HashFunction, key: Uint8Array): HmacState {
  const block = new Uint8Array(hash.blockLen);
  // RFC 2104 §2: a long key is replaced by its hash, which is then as secret as the key.
  const hashed = key.length > block.length ? hash(key) : undefined;
  block.set(hashed ?? key);
  hashed?.fill(0);
  for (let i = 0; i < block.length; i++) block[i]! ^= 0x36;
  const inner = hash.create().update(block);
  for (let i = 0; i < block.length; i++) block[i]! ^= 0x36 ^ 0x5c;
  const outer = hash.create().update(block);
  // The padded key is as secret as the key.
  block.fill(0);
  return { inner, outer };
}

/**
 * HMAC of the concatenation of `parts`: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ parts)).
 *
 * @param state - from {@link hmacState}
 * @param parts - the message, in pieces (never concatenated)
 * @returns the MAC
 */
export function hmacWith(state: HmacState, ...parts: Uint8Array[]): Uint8Array {
  const inner = state.inner.clone();
  for (const part of parts) inner.update(part);
  return state.outer.clone().update(inner.digest()).digest();
}

/**
 * HMAC of `data` under a key used once: {@link hmacWith} without cloning the keyed states,
 * which are consumed.
 *
 * @param hash - the hash
 * @param key - the HMAC key
 * @param data - the message
 * @returns the MAC
 */
export function hmacOnceWith(hash: HashFunction, key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmacLast(hmacState(hash, key), data);
}

/**
 * {@link hmacWith} for the last message under `state`, which is consumed: finishing a hash
 * wipes it (sha256-portable.ts zeroes its chaining value, @noble/hashes destroys its state),
 * so no copy of the keyed states, which are as good as the key, is left behind.
 *
 * @param state - from {@link hmacState}; unusable afterwards
 * @param parts - the message, in pieces
 * @returns the MAC
 */
export function hmacLast(state: HmacState, ...parts: Uint8Array[]): Uint8Array {
  const { inner, outer } = state;
  for (const part of parts) inner.update(part);
  return outer.update(inner.digest()).digest();
}

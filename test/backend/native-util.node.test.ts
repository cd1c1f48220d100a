// u8(): a Node Buffer as a plain Uint8Array. A Buffer that owns its memory is viewed, not
// copied; a slice of Node's shared pool is copied (its `.buffer` holds unrelated bytes),
// and the copy is a Uint8Array, not another Buffer.
import { expect, it } from 'vitest';
import { u8 } from '../../src/backend/native-util.js';

it('copies a pooled Buffer into a plain Uint8Array of its own', () => {
  const pooled = Buffer.from([1, 2, 3, 4]);
  expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length); // from the pool
  const out = u8(pooled);
  expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
  expect(Buffer.isBuffer(out)).toBe(false);
  expect([...out]).toEqual([1, 2, 3, 4]);
  expect(out.buffer.byteLength).toBe(4);
  pooled[0] = 9;
  expect(out[0]).toBe(1);
});

it('views a Buffer that owns its memory without copying', () => {
  const owned = Buffer.allocUnsafeSlow(8).fill(7);
  const out = u8(owned);
  expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
  expect(out.buffer).toBe(owned.buffer);
  owned[0] = 1;
  expect(out[0]).toBe(1);
});

// The portable verifiers' point cache: one decode per key array, a table from the 4th use
// on, at most 64 live tables, invalid keys not cached.
import { expect, it } from 'vitest';
import { PointCache } from '../../src/backend/point-cache.js';

class FakePoint {
  windows: number[] = [];
  precompute(w?: number): this {
    this.windows.push(w ?? 0);
    return this;
  }
}

it('decodes once per key array and builds a 4-bit table on the 4th use', () => {
  let decodes = 0;
  const cache = new PointCache((bytes) => {
    decodes++;
    return bytes[0] === 0 ? null : new FakePoint();
  });
  const key = new Uint8Array([1, 2, 3]);
  const tables = [1, 2, 3, 4, 5, 6].map(() => cache.get(key)!.table);
  expect(decodes).toBe(1);
  expect(tables).toEqual([false, false, false, true, true, true]);
  expect(cache.get(key)!.point.windows).toEqual([4]); // built once
  expect(cache.get(new Uint8Array([1, 2, 3]))!.uses).toBe(1); // another array: another entry
  expect(cache.get(new Uint8Array([0]))).toBeNull();
  expect(cache.get(new Uint8Array([0]))).toBeNull();
  expect(decodes).toBe(4); // invalid keys are decoded (and refused) each time
});

it('keeps at most 64 tables alive', () => {
  const cache = new PointCache(() => new FakePoint());
  const keys = Array.from({ length: 80 }, (_, i) => new Uint8Array([i]));
  let withTable = 0;
  for (const key of keys) {
    for (let i = 0; i < 4; i++) cache.get(key);
    if (cache.get(key)!.table) withTable++;
  }
  // The first test's key also holds a table (same module, same budget).
  expect(withTable).toBe(63);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CachetError } from '../../src/errors.js';
import { MemoryReplayStore } from '../../src/replay/index.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('MemoryReplayStore', () => {
  it('accepts an id once, then refuses it until it expires', () => {
    const c = clock();
    const store = new MemoryReplayStore({ ttl: 1000, now: c.now });
    expect(store.claim('a', 1000)).toBe(true);
    expect(store.claim('a', 1000)).toBe(false);
    expect(store.claim('b', 1000)).toBe(true);
    c.advance(999);
    expect(store.claim('a', 1000)).toBe(false);
    c.advance(1);
    expect(store.claim('a', 1000)).toBe(true); // expired, so claimable again
  });

  it('keeps an id for the longer of the store ttl and the claim ttl', () => {
    const c = clock();
    const store = new MemoryReplayStore({ ttl: 1000, now: c.now });
    store.claim('long', 5000);
    c.advance(4000);
    expect(store.claim('long', 1)).toBe(false);
    store.claim('short', 1);
    c.advance(999);
    expect(store.claim('short', 1)).toBe(false);
  });

  it('stays within max, forgetting the oldest ids first', () => {
    const store = new MemoryReplayStore({ ttl: 60_000, max: 3 });
    for (const id of ['1', '2', '3', '4']) expect(store.claim(id, 60_000)).toBe(true);
    expect(store.size).toBe(3);
    expect(store.claim('4', 60_000)).toBe(false);
    expect(store.claim('1', 60_000)).toBe(true); // forgotten: the documented sizing trade-off
  });

  it('drops expired ids as it goes', () => {
    const c = clock();
    const store = new MemoryReplayStore({ ttl: 10, now: c.now });
    for (let i = 0; i < 100; i++) store.claim(`id${i}`, 10);
    c.advance(11);
    store.claim('fresh', 10);
    expect(store.size).toBe(1);
  });

  it('behaves like a set of unexpired ids (model-based)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 30 })), {
          maxLength: 60,
        }),
        (ops) => {
          const c = clock();
          const store = new MemoryReplayStore({ ttl: 20, now: c.now });
          const model = new Map<string, number>();
          for (const [id, wait] of ops) {
            c.advance(wait);
            const expected = !((model.get(id) ?? -1) > c.now());
            if (expected) model.set(id, c.now() + 20);
            expect(store.claim(id, 20)).toBe(expected);
          }
        },
      ),
    );
  });

  it('rejects bad arguments with typed errors', () => {
    const store = new MemoryReplayStore();
    for (const [id, ttl] of [
      ['', 1000],
      [42, 1000],
      ['x'.repeat(513), 1000],
      ['ok', 0],
      ['ok', 1.5],
      ['ok', '1000'],
    ] as const) {
      expect(() => store.claim(id as string, ttl as number)).toThrow(CachetError);
    }
    expect(() => new MemoryReplayStore({ ttl: -1 })).toThrow(CachetError);
    expect(() => new MemoryReplayStore({ max: 0 })).toThrow(CachetError);
    expect(() => new MemoryReplayStore(null as never)).toThrow(CachetError);
  });
});

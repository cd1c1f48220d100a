// A shared table of wrong-typed values and an assertion that a call fails the way cachet
// promises: a CachetError with a known code and a message that names what was wrong.
import { expect } from 'vitest';
import { CachetError, errorCodes } from '../../src/index.js';

/** Values of the wrong type for almost any parameter. */
export const WRONG_TYPES: ReadonlyArray<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['number', 42],
  ['NaN', Number.NaN],
  ['boolean', true],
  ['bigint', 7n],
  ['symbol', Symbol('x')],
  ['function', () => 1],
  ['plain object', {}],
  ['array', [1, 2, 3]],
  ['Date', new Date(0)],
  ['ArrayBuffer', new ArrayBuffer(32)],
  ['Uint16Array', new Uint16Array(16)],
  ['DataView', new DataView(new ArrayBuffer(32))],
];

/** Runs `fn` (sync or async) and returns what it threw, or fails if it did not throw. */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  return expect.fail('expected a throw');
}

/**
 * Asserts a typed failure: a CachetError (never a TypeError or a dependency's error) with a
 * listed code, optionally a given one, and a message matching `mention` (the argument's
 * name, or the field of the input that was wrong).
 */
export async function expectTypedFailure(
  fn: () => unknown,
  mention: RegExp | string,
  code?: string | string[],
): Promise<CachetError> {
  const err = await thrown(fn);
  if (!(err instanceof CachetError)) {
    expect.fail(`expected a CachetError, got ${String((err as Error)?.name)}: ${String(err)}`);
  }
  expect(Object.keys(errorCodes)).toContain(err.code);
  if (code) expect(Array.isArray(code) ? code : [code]).toContain(err.code);
  if (typeof mention === 'string') expect(err.message).toContain(mention);
  else expect(err.message).toMatch(mention);
  expect(err.message.length).toBeLessThan(400);
  return err;
}

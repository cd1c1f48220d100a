// Shared by the fields tests: arbitrary field values and exact comparison.
import fc from 'fast-check';
import type { FieldValue } from '../../src/fields/index.js';
import { toHex } from '../helpers/vectors.js';

const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** Every kind of field value, edge cases included (-0, NaN, ±Infinity, huge bigints). */
export const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }).filter(wellFormed),
  fc.string({ maxLength: 40 }),
  fc.double(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 100 }),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
) as fc.Arbitrary<FieldValue>;

/** Same type and same value: -0 is not 0, NaN is NaN, bytes compare by content. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return Object.is(a, b);
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof Uint8Array) {
    return b instanceof Uint8Array && b.constructor === Uint8Array && toHex(a) === toHex(b);
  }
  if (typeof a === 'object' && a !== null) {
    // JSON holds no -0: a nested -0 comes back as 0, as JSON.stringify writes it.
    return (
      b !== null && Array.isArray(a) === Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b)
    );
  }
  return a === b;
}

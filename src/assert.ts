/**
 * Boundary checks. Public functions call these once on their arguments; internal code
 * trusts what has been checked. Messages name the argument and what it got, never its
 * value (it may be secret).
 */
import { InvalidInputError } from './errors.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Uint8Array) return `Uint8Array(length=${value.length})`;
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}

/** Throws ERR_INVALID_ARGUMENT naming `name`, the expectation and what was received. */
export function invalidArgument(name: string, expected: string, value: unknown): never {
  throw new InvalidInputError(
    'ERR_INVALID_ARGUMENT',
    `"${name}": expected ${expected}, got ${describe(value)}`,
  );
}

/** Asserts a Uint8Array, optionally of one of the given lengths. */
export function assertBytes(
  value: unknown,
  name: string,
  ...lengths: number[]
): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) invalidArgument(name, 'Uint8Array', value);
  if (lengths.length > 0 && !lengths.includes(value.length)) {
    invalidArgument(name, `Uint8Array of length ${lengths.join(' or ')}`, value);
  }
}

/** Asserts a string, by default non-empty. */
export function assertString(
  value: unknown,
  name: string,
  allowEmpty: boolean = false,
): asserts value is string {
  if (typeof value !== 'string') invalidArgument(name, 'string', value);
  if (!allowEmpty && value.length === 0) invalidArgument(name, 'non-empty string', value);
}

/** Asserts a safe integer within [min, max]. */
export function assertInteger(
  value: unknown,
  name: string,
  min: number = 0,
  max: number = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    invalidArgument(name, `integer ${range}`, value);
  }
}

/** Asserts a plain object (not null, not an array), for untyped input such as parsed JSON. */
export function assertObject(
  value: unknown,
  name: string,
): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalidArgument(name, 'object', value);
  }
}

/** Asserts that a typed options argument is an object, keeping its declared type. */
export function assertOptions(value: object, name = 'options'): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalidArgument(name, 'object', value);
  }
}

/** Asserts that `value` is one of `allowed`. */
export function assertOneOf<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalidArgument(name, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
}

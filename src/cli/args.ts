// Argument parsing on node:util parseArgs, with usage errors instead of exceptions.
import { parseArgs } from 'node:util';
import type { Flags } from './command.js';
import { UsageError } from './usage.js';

/** Parsed values and positionals of one command. */
export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses `argv` against `flags`; unknown flags and missing values are usage errors. */
export function parse(argv: string[], flags: Flags): Parsed {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
  > = {};
  for (const [name, { type, short, multiple }] of Object.entries(flags)) {
    options[name] = { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    // parseArgs names the flag but never echoes a value, so its message is safe to show.
    throw new UsageError((err as Error).message);
  }
}

/** A string flag that must be present. */
export function required(parsed: Parsed, name: string): string {
  const value = parsed.values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** A string flag, or undefined. */
export function optional(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string flag (empty when absent). */
export function list(parsed: Parsed, name: string): string[] {
  const value = parsed.values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** A boolean flag. */
export function flag(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true;
}

/** A string flag limited to `choices`, with a default. */
export function choice<T extends string>(
  parsed: Parsed,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = optional(parsed, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}`);
  return value as T;
}

/** A non-negative integer flag within [min, max], or undefined. */
export function integer(
  parsed: Parsed,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = optional(parsed, name);
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** At most one positional argument (an input file), or undefined. */
export function onePositional(parsed: Parsed, what = 'input file'): string | undefined {
  if (parsed.positionals.length > 1)
    throw new UsageError(
      `expected at most one ${what}, got ${parsed.positionals.length} arguments`,
    );
  return parsed.positionals[0];
}

/** `key=value` pairs (an encryption context) from a repeatable flag. */
export function pairs(parsed: Parsed, name: string): Record<string, string> | undefined {
  const items = list(parsed, name);
  if (items.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${name} takes key=value`);
    const key = item.slice(0, eq);
    if (Object.hasOwn(out, key)) throw new UsageError(`--${name}: "${key}" is given twice`);
    out[key] = item.slice(eq + 1);
  }
  return out;
}

/** A time flag: Unix seconds or an ISO 8601 time (2030-01-01T00:00:00Z), or undefined. */
export function time(parsed: Parsed, name: string): Date | undefined {
  const value = optional(parsed, name);
  if (value === undefined) return undefined;
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--${name} takes an ISO 8601 time (2030-01-01T00:00:00Z) or Unix seconds`);
  return date;
}

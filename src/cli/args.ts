// Argument parsing on node:util parseArgs, with usage errors instead of exceptions.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed values and positionals of one command. */
export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses `argv` against `options`; unknown flags and missing values are usage errors. */
export function parse(argv: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A string option that must be present. */
export function required(parsed: Parsed, name: string): string {
  const value = parsed.values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** A string option, or undefined. */
export function optional(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

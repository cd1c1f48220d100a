// HTTP header fields given on the command line (-H 'Name: value') or in a file (one
// `Name: value` per line, as curl -H @file reads them, or a JSON object).
import { list, optional, type Parsed } from './args.js';
import type { Flags } from './command.js';
import { readText } from './io.js';
import { UsageError } from './usage.js';

export const headerFlags: Flags = {
  header: {
    type: 'string',
    short: 'H',
    multiple: true,
    arg: "'NAME: VALUE'",
    help: 'a request header',
  },
  headers: {
    type: 'string',
    arg: 'FILE',
    help: "headers from a file: 'Name: value' lines (as curl -H @FILE reads them) or a JSON object",
  },
};

/** Header lines to [name, value] pairs, in order (a name may repeat). */
export function parseHeaderLines(lines: readonly string[], where: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^`|~0-9A-Za-z-]+$/.test(name))
      throw new UsageError(
        `${where}: expected 'Name: value', got a line without a valid header name`,
      );
    const value = line.slice(colon + 1).trim();
    // RFC 9110 §5.5: no control characters but tab (a CR or LF would split the request).
    if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value))
      throw new UsageError(`${where}: the ${name} header has a control character`);
    out.push([name, value]);
  }
  return out;
}

/** Headers from --headers FILE and -H flags, as [name, value] pairs. */
export function readHeaders(args: Parsed): [string, string][] {
  const pairs: [string, string][] = [];
  const file = optional(args, 'headers');
  if (file !== undefined) {
    const text = readText(file);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      doc = undefined;
    }
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
      for (const [name, value] of Object.entries(doc)) {
        for (const v of Array.isArray(value) ? value : [value])
          pairs.push(...parseHeaderLines([`${name}: ${String(v)}`], file));
      }
    } else pairs.push(...parseHeaderLines(text.split(/\r?\n/), file));
  }
  pairs.push(...parseHeaderLines(list(args, 'header'), '-H'));
  return pairs;
}

/** [name, value] pairs to a plain object with lowercase names (repeats joined with ", "). */
export function headerObject(pairs: readonly [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  }
  return out;
}

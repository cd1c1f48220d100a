/**
 * Header fields in the shapes callers have them: a Fetch `Headers`, a plain record (Node's
 * `IncomingHttpHeaders` / `OutgoingHttpHeaders`, undici's init), or a list of
 * `[name, value]` lines. Read as field lines (§2.1 needs them for `bs`), written back in
 * the same shape.
 */
import { InvalidInputError } from '../errors.js';
import { isHeaders } from './fetch-classes.js';

/**
 * A plain header record: names in any case; a value may be repeated as an array.
 *
 * @example
 * ```ts
 * import { type HeaderRecord, signRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const headers: HeaderRecord = { 'Content-Type': 'application/json', 'x-trace': ['a', 'b'], 'content-length': 8 };
 * const signed = await signRequest({ method: 'POST', url: 'https://api.example.com/v1/orders', headers, body: '{"id":7}' }, { key: Keyring.generate('HS256') });
 * console.log(Object.keys(signed.headers)); // the same names, plus content-digest, signature-input, signature
 * ```
 */
export type HeaderRecord = Record<string, string | readonly string[] | number | undefined>;

/**
 * Headers in any shape cachet/http reads and returns: a Fetch `Headers`, a record, or field lines.
 *
 * @example
 * ```ts
 * import { type HeadersInput, signRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const key = Keyring.generate('HS256');
 * const shapes: HeadersInput[] = [new Headers({ accept: 'text/plain' }), { accept: 'text/plain' }, [['accept', 'text/plain']]];
 * for (const headers of shapes) {
 *   await signRequest({ method: 'GET', url: 'https://api.example.com/', headers }, { key, components: ['@method', 'accept'] });
 * }
 * ```
 */
export type HeadersInput = Headers | HeaderRecord | ReadonlyArray<readonly [string, string]>;

/** Field lines by lowercase name. */
export interface FieldReader {
  /** The field lines of `name` (lowercase), in order, or undefined when absent. */
  lines(name: string): readonly string[] | undefined;
  /** The lines of `name` combined with ", " (RFC 9110 §5.3), or undefined when absent. */
  value(name: string): string | undefined;
}

function combine(lines: readonly string[] | undefined): string | undefined {
  return lines && (lines.length === 1 ? lines[0] : lines.join(', '));
}

function badValue(name: string): never {
  throw new InvalidInputError(
    'ERR_INVALID_FORMAT',
    `header "${name.slice(0, 64)}": value contains a line break or NUL`,
  );
}

function hasBreak(value: string): boolean {
  return value.includes('\n') || value.includes('\r') || value.includes('\0');
}

/**
 * §2.1 steps 2-3: strip surrounding whitespace and turn obs-fold into one space. A line
 * break left anywhere else would let a value forge extra lines of the signature base.
 */
function normalizeLine(name: string, raw: unknown): string {
  let value = typeof raw === 'string' ? raw : String(raw);
  if (hasBreak(value)) {
    value = value.replace(/\r?\n[ \t]+/g, ' ');
    if (hasBreak(value)) badValue(name);
  }
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09
    ? value.replace(/^[ \t]+|[ \t]+$/g, '')
    : value;
}

class HeadersReader implements FieldReader {
  constructor(private readonly headers: Headers) {}
  lines(name: string): readonly string[] | undefined {
    if (name === 'set-cookie') {
      const cookies = this.headers.getSetCookie();
      return cookies.length ? cookies.map((c) => normalizeLine(name, c)) : undefined;
    }
    const value = this.headers.get(name);
    return value === null ? undefined : [normalizeLine(name, value)];
  }
  value(name: string): string | undefined {
    return combine(this.lines(name));
  }
}

function toLines(name: string, value: HeaderRecord[string]): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value))
    return value.length ? value.map((v) => normalizeLine(name, v)) : undefined;
  return [normalizeLine(name, value)];
}

class RecordReader implements FieldReader {
  /** Lines by lowercase name, built only when some name is not lowercase. */
  #folded: Map<string, string[]> | null | undefined;
  constructor(private readonly record: HeaderRecord) {}
  lines(name: string): readonly string[] | undefined {
    if (this.#folded === undefined) this.#folded = this.#fold();
    if (this.#folded) return this.#folded.get(name);
    // Node's records already use lowercase names.
    return Object.hasOwn(this.record, name) ? toLines(name, this.record[name]) : undefined;
  }
  value(name: string): string | undefined {
    if (this.#folded === undefined) this.#folded = this.#fold();
    if (!this.#folded && Object.hasOwn(this.record, name)) {
      // The common case without an array: one string line.
      const line = this.record[name];
      if (typeof line === 'string') return normalizeLine(name, line);
    }
    return combine(this.lines(name));
  }
  #fold(): Map<string, string[]> | null {
    let mixedCase = false;
    for (const key in this.record) {
      if (key !== key.toLowerCase()) {
        mixedCase = true;
        break;
      }
    }
    if (!mixedCase) return null;
    const folded = new Map<string, string[]>();
    for (const key of Object.keys(this.record)) {
      const lines = toLines(key, this.record[key]);
      if (!lines) continue;
      const lower = key.toLowerCase();
      const list = folded.get(lower);
      if (list) list.push(...lines);
      else folded.set(lower, [...lines]);
    }
    return folded;
  }
}

class TupleReader implements FieldReader {
  constructor(private readonly tuples: ReadonlyArray<readonly [string, string]>) {}
  lines(name: string): readonly string[] | undefined {
    const out: string[] = [];
    for (const [key, value] of this.tuples) {
      if (key.length === name.length && key.toLowerCase() === name)
        out.push(normalizeLine(name, value));
    }
    return out.length ? out : undefined;
  }
  value(name: string): string | undefined {
    return combine(this.lines(name));
  }
}

/** A reader over headers in any supported shape. */
export function fieldReader(headers: unknown, name = 'headers'): FieldReader {
  if (isHeaders(headers)) return new HeadersReader(headers);
  if (Array.isArray(headers)) {
    for (const line of headers) {
      if (!Array.isArray(line) || typeof line[0] !== 'string' || line.length !== 2) {
        throw new InvalidInputError(
          'ERR_INVALID_ARGUMENT',
          `"${name}": expected [name, value] pairs`,
        );
      }
    }
    return new TupleReader(headers as Array<[string, string]>);
  }
  if (headers === undefined || headers === null) return new RecordReader({});
  if (typeof headers !== 'object') {
    throw new InvalidInputError(
      'ERR_INVALID_ARGUMENT',
      `"${name}": expected Headers, a record or [name, value] pairs`,
    );
  }
  return new RecordReader(headers as HeaderRecord);
}

/** Returns a copy of `headers`, same shape, with `set` fields replacing any of those names. */
export function withFields<H extends HeadersInput | undefined>(
  headers: H,
  set: Record<string, string>,
): H {
  const names = Object.keys(set);
  if (isHeaders(headers)) {
    const copy = new Headers(headers);
    for (const name of names) copy.set(name, set[name]!);
    return copy as H;
  }
  if (Array.isArray(headers)) {
    const kept = (headers as Array<[string, string]>).filter(
      ([k]) => !names.includes(k.toLowerCase()),
    );
    return [...kept, ...names.map((n) => [n, set[n]!] as [string, string])] as unknown as H;
  }
  const copy: HeaderRecord = {};
  for (const [key, value] of Object.entries((headers ?? {}) as HeaderRecord)) {
    if (!names.includes(key.toLowerCase())) copy[key] = value;
  }
  for (const name of names) copy[name] = set[name]!;
  return copy as H;
}

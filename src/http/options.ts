/**
 * Options shared by signing and verification: limits on hostile input, time values
 * (Unix seconds, as the `created` and `expires` parameters carry them), declared
 * structured field types, and component lists (parsed once and cached).
 */
import { assertInteger, assertObject, invalidArgument } from '../assert.js';
import { InvalidInputError } from '../errors.js';
import { type Component, componentsFromText } from './components.js';
import type { StructuredType } from './derive.js';
import { type ParseLimits, parseLimits } from './sf/parse.js';

/**
 * Bounds applied to untrusted messages; every one is checked before the work it bounds.
 *
 * @example
 * ```ts
 * import { type HttpLimits, signRequest, verifyRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const key = Keyring.generate('HS256');
 * const upload = new Request('https://api.example.com/upload', { method: 'POST', body: 'x'.repeat(2048) });
 * const signed = await signRequest(upload, { key });
 * const limits: HttpLimits = { maxBodyBytes: 1024, maxSignatures: 2 }; // bodies read from a stream
 * const outcome = await verifyRequest(signed, { keys: key, limits }).catch((e) => e.code);
 * console.log(outcome); // 'ERR_LIMIT_EXCEEDED'
 * ```
 */
export interface HttpLimits {
  /** Longest Signature-Input, Signature or Content-Digest value, in characters (default 8192). */
  maxFieldLength?: number;
  /** Most signatures (labels) in one message (default 8). */
  maxSignatures?: number;
  /** Most covered components in one signature (default 32). */
  maxComponents?: number;
  /** Most parameters on one signature or component identifier (default 16). */
  maxParameters?: number;
  /** Largest body read from a Fetch message or Node stream, in bytes (default 10 MiB). */
  maxBodyBytes?: number;
}

/** Limits with every value set. */
export type ResolvedLimits = Required<HttpLimits>;

/** The defaults. */
export const DEFAULT_LIMITS: ResolvedLimits = Object.freeze({
  maxFieldLength: 8192,
  maxSignatures: 8,
  maxComponents: 32,
  maxParameters: 16,
  maxBodyBytes: 10 * 1024 * 1024,
});

/** Validates `limits` over the defaults. */
export function resolveLimits(limits: HttpLimits | undefined): ResolvedLimits {
  if (limits === undefined) return DEFAULT_LIMITS;
  assertObject(limits, 'options.limits');
  const out = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as Array<keyof HttpLimits>) {
    const value = limits[name];
    if (value === undefined) continue;
    assertInteger(value, `options.limits.${name}`, 1);
    out[name] = value;
  }
  return out;
}

// Cached per resolved object (the defaults: one lookup on the hot path) and by value,
// since options.limits given per call resolves to a new object each time. Few distinct
// limits exist in a process; the bound only guards against misuse.
const byObject = new WeakMap<ResolvedLimits, ParseLimits>();
const byValue = new Map<string, ParseLimits>();

/** Parser limits for Signature-Input and Signature fields (labels unique, §4). */
export function signatureParseLimits(limits: ResolvedLimits): ParseLimits {
  let out = byObject.get(limits);
  if (!out) {
    const key = `${limits.maxSignatures},${limits.maxComponents},${limits.maxParameters}`;
    out = byValue.get(key);
    if (!out) {
      out = parseLimits({
        maxMembers: limits.maxSignatures,
        maxItems: limits.maxComponents,
        maxParams: limits.maxParameters,
        uniqueKeys: true,
      });
      if (byValue.size >= 64) byValue.clear();
      byValue.set(key, out);
    }
    byObject.set(limits, out);
  }
  return out;
}

/** Refuses an over-long field value before any parsing. */
export function checkFieldLength(value: string, field: string, limits: ResolvedLimits): void {
  if (value.length > limits.maxFieldLength) {
    throw new InvalidInputError(
      'ERR_LIMIT_EXCEEDED',
      `${field}: ${value.length} characters, more than limits.maxFieldLength (${limits.maxFieldLength})`,
    );
  }
}

/**
 * A time as Unix seconds: a Date, or a number of seconds (the unit of `created`/`expires`).
 *
 * @example
 * ```ts
 * import { signRequest, type TimeInput, verifyRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const key = Keyring.generate('HS256');
 * const created: TimeInput = 1_767_225_600; // 2026-01-01T00:00:00Z in seconds
 * const signed = await signRequest({ method: 'GET', url: 'https://api.example.com/' }, { key, created, expiresIn: 60 });
 * await verifyRequest(signed, { keys: key, now: new Date('2026-01-01T00:00:30Z') }); // within the minute
 * ```
 */
export type TimeInput = Date | number;

/** Converts a time option to whole Unix seconds. */
export function toSeconds(value: TimeInput, name: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) invalidArgument(name, 'a valid Date', value);
    return Math.floor(ms / 1000);
  }
  assertInteger(value, name, 0);
  return value;
}

/** The current time in Unix seconds, or the `now` option. */
export function nowSeconds(now: TimeInput | undefined): number {
  return now === undefined ? Math.floor(Date.now() / 1000) : toSeconds(now, 'options.now');
}

/** Validates declared structured field types. */
export function structuredTypes(
  value: Record<string, StructuredType> | undefined,
): Readonly<Record<string, StructuredType>> {
  if (value === undefined) return {};
  assertObject(value, 'options.structuredFields');
  const out: Record<string, StructuredType> = {};
  for (const [name, type] of Object.entries(value)) {
    if (type !== 'dictionary' && type !== 'list' && type !== 'item') {
      invalidArgument(
        `options.structuredFields["${name.slice(0, 64)}"]`,
        "'dictionary', 'list' or 'item'",
        type,
      );
    }
    out[name.toLowerCase()] = type;
  }
  return out;
}

/** Which default component list applies: a request or a response, with or without content. */
export type MessageShape = 'request' | 'request+body' | 'response' | 'response+body';

/** The shape of a message (constant strings: a template literal would build one per call). */
export function messageShape(kind: 'request' | 'response', hasBody: boolean): MessageShape {
  if (kind === 'request') return hasBody ? 'request+body' : 'request';
  return hasBody ? 'response+body' : 'response';
}

// Parsed component lists: by the identity of the array (options are usually constants,
// and parsing them on every request would cost more than the HMAC), checked against a
// copy so an array changed in place is parsed again; and by their text.
const byArray = new WeakMap<readonly unknown[], { copy: unknown[]; components: Component[] }>();
const byText = new Map<string, Component[]>();

/** Parses a list of component identifiers from options, cached. */
export function componentList(list: unknown, name: string): Component[] {
  if (!Array.isArray(list)) return componentsFromText(list, name);
  const hit = byArray.get(list);
  if (hit && hit.copy.length === list.length) {
    let same = true;
    for (let i = 0; i < list.length && same; i++) same = hit.copy[i] === list[i];
    if (same) return hit.components;
  }
  const textKey = list.every((c) => typeof c === 'string') ? list.join('\n') : undefined;
  let components = textKey === undefined ? undefined : byText.get(textKey);
  if (!components) {
    components = componentsFromText(list, name);
    if (textKey !== undefined) {
      if (byText.size >= 256) byText.delete(byText.keys().next().value!);
      byText.set(textKey, components);
    }
  }
  byArray.set(list, { copy: [...list], components });
  return components;
}

/**
 * Component values (RFC 9421 §2.1-2.2): derived components from the method, target URI
 * and status; field values combined, strictly re-serialized (`sf`), picked from a
 * Dictionary (`key`) or wrapped as Byte Sequences (`bs`); `req` reads the related request.
 * A value that cannot be derived is an error: no signature base is made (§2.5).
 */
import { encodeBase64 } from '../backend/digest-oneshot.js';
import { InvalidInputError, UnsupportedError } from '../errors.js';
import type { Component } from './components.js';
import { type Message, urlOf } from './message.js';
import { parseDictionary, parseItem, parseList } from './sf/parse.js';
import {
  serializeDictionary,
  serializeItem,
  serializeList,
  serializeMember,
} from './sf/serialize.js';

/**
 * The structured type of a field (RFC 8941 §3), for the `sf` parameter.
 *
 * @example
 * ```ts
 * import { signRequest, type StructuredType, verifyRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const key = Keyring.generate('HS256');
 * const structuredFields: Record<string, StructuredType> = { 'x-priority': 'dictionary' };
 * const request = { method: 'GET', url: 'https://api.example.com/jobs', headers: { 'x-priority': 'u=1,  i' } };
 * const signed = await signRequest(request, { key, components: ['@method', 'x-priority;sf'], structuredFields });
 * await verifyRequest(signed, { keys: key, required: ['@method'], structuredFields }); // signed as 'u=1, i'
 * ```
 */
export type StructuredType = 'dictionary' | 'list' | 'item';

/**
 * Fields whose structured type is registered (IANA HTTP Field Name registry, "Structured
 * Type"), used for the `sf` component parameter. Declare others with the
 * `structuredFields` option.
 *
 * @example
 * ```ts
 * import { KNOWN_STRUCTURED_FIELDS } from 'cachet/http';
 * console.log(KNOWN_STRUCTURED_FIELDS['content-digest']); // 'dictionary'
 * ```
 */
export const KNOWN_STRUCTURED_FIELDS: Readonly<Record<string, StructuredType>> = {
  'accept-ch': 'list',
  'accept-signature': 'dictionary',
  'cache-status': 'list',
  'cdn-cache-control': 'dictionary',
  'client-cert': 'item',
  'client-cert-chain': 'list',
  'content-digest': 'dictionary',
  priority: 'dictionary',
  'proxy-status': 'list',
  'repr-digest': 'dictionary',
  signature: 'dictionary',
  'signature-input': 'dictionary',
  'want-content-digest': 'dictionary',
  'want-repr-digest': 'dictionary',
};

/** Why a component has no value: the message does not match what was signed. */
export class ComponentError extends InvalidInputError {
  override name = 'ComponentError';
  /** @param component - the identifier  @param why - the reason */
  constructor(component: Component, why: string) {
    super('ERR_INVALID_FORMAT', `component ${component.id}: ${why}`);
  }
}

// The application/x-www-form-urlencoded percent-encode set (WHATWG URL §1.3) leaves only
// ASCII alphanumerics and *-._ unencoded; RFC 9421 §2.2.8 encodes a space as %20.
function formEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function queryParam(component: Component, search: string): string {
  const wanted = component.params.get('name') as string;
  let found: string | undefined;
  let count = 0;
  for (const [name, value] of new URLSearchParams(search)) {
    if (formEncode(name) === wanted) {
      count++;
      found = formEncode(value);
    }
  }
  if (count === 0)
    throw new ComponentError(component, 'the query parameter is not in the target URI');
  // §2.2.8: a parameter that occurs several times must not be signed by name (use @query).
  if (count > 1) throw new ComponentError(component, 'the query parameter occurs more than once');
  return found!;
}

function derived(component: Component, message: Message): string {
  const { name } = component;
  if (name === '@status') {
    if (message.kind !== 'response')
      throw new ComponentError(component, 'only applies to responses');
    return String(message.status);
  }
  if (message.kind !== 'request')
    throw new ComponentError(component, 'only applies to requests (use ;req)');
  if (name === '@method') return message.method;
  const url = urlOf(message);
  switch (name) {
    case '@target-uri':
      return url.uri;
    case '@authority':
      return url.host;
    case '@scheme':
      return url.scheme;
    case '@request-target':
      return url.path + url.search;
    case '@path':
      return url.path;
    case '@query':
      return url.search || '?';
    default:
      return queryParam(component, url.search);
  }
}

// §2.1.3: each field line as an sf-binary of its bytes (header text is Latin-1).
function byteSequences(component: Component, lines: readonly string[]): string {
  return lines
    .map((line) => {
      const bytes = new Uint8Array(line.length);
      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (c > 0xff) throw new ComponentError(component, 'field value is not Latin-1 text');
        bytes[i] = c;
      }
      return `:${encodeBase64(bytes)}:`;
    })
    .join(', ');
}

function structured(
  component: Component,
  value: string,
  types: Readonly<Record<string, StructuredType>>,
): string {
  const field = `field "${component.name}"`;
  if (component.params.has('key')) {
    const member = parseDictionary(value, field).get(component.params.get('key') as string);
    if (!member) throw new ComponentError(component, 'the dictionary has no such key');
    return serializeMember(member);
  }
  const type = types[component.name] ?? KNOWN_STRUCTURED_FIELDS[component.name];
  if (!type) {
    throw new ComponentError(
      component,
      'the structured type of this field is not known; declare it in options.structuredFields',
    );
  }
  if (type === 'dictionary') return serializeDictionary(parseDictionary(value, field));
  if (type === 'list') return serializeList(parseList(value, field));
  return serializeItem(parseItem(value, field));
}

/**
 * The value of one covered component.
 *
 * @param component - the checked identifier
 * @param target - the message being signed or verified
 * @param types - structured types declared by the caller
 * @throws {@link ComponentError} when the message lacks the component or it is malformed
 */
export function componentValue(
  component: Component,
  target: Message,
  types: Readonly<Record<string, StructuredType>>,
): string {
  let message = target;
  if (component.params.has('req')) {
    if (target.kind !== 'response')
      throw new ComponentError(component, 'req applies to responses only');
    if (!target.related) {
      throw new InvalidInputError(
        'ERR_INVALID_ARGUMENT',
        `component ${component.id} needs the request: pass options.request`,
      );
    }
    message = target.related;
  }
  if (component.name.charCodeAt(0) === 0x40) return derived(component, message);
  if (component.params.has('tr')) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      `component ${component.id}: trailer fields are not supported`,
    );
  }
  if (component.params.size === 0) {
    const value = message.fields.value(component.name);
    if (value === undefined) throw new ComponentError(component, 'the field is not in the message');
    return value;
  }
  const lines = message.fields.lines(component.name);
  if (!lines) throw new ComponentError(component, 'the field is not in the message');
  if (component.params.has('bs')) return byteSequences(component, lines);
  const value = lines.length === 1 ? lines[0]! : lines.join(', ');
  if (component.params.has('sf') || component.params.has('key')) {
    try {
      return structured(component, value, types);
    } catch (err) {
      if (
        err instanceof InvalidInputError &&
        err.code === 'ERR_INVALID_FORMAT' &&
        !(err instanceof ComponentError)
      ) {
        throw new ComponentError(
          component,
          'the field is not a valid structured field of its type',
        );
      }
      throw err;
    }
  }
  return value;
}

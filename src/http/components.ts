/**
 * Component identifiers (RFC 9421 §2): a name (a lowercase field name or a derived
 * `@name`) with parameters. They come from options as text (`'@query-param;name="id"'`,
 * `'content-type'`) and from Signature-Input as parsed Items; both end up here, checked
 * once: known derived names, known parameters with the right types, no incompatible
 * combinations (§2.5 step 2.4).
 */
import { InvalidInputError } from '../errors.js';
import { parseItem } from './sf/parse.js';
import { serializeParams, serializeString } from './sf/serialize.js';
import type { Item, Params } from './sf/types.js';

/** A checked component identifier. */
export interface Component {
  /** Lowercase field name or `@derived` name. */
  readonly name: string;
  readonly params: Params;
  /** The serialized identifier, as it appears in the signature base (§2.5). */
  readonly id: string;
  /** Name and parameters sorted: two identifiers are the same component iff equal (§2). */
  readonly key: string;
  /** The identifier as options write it: the name unquoted, then its parameters. */
  readonly text: string;
}

/** Derived components (§2.2) and whether they apply to requests or responses. */
const DERIVED: Readonly<Record<string, 'request' | 'response'>> = {
  '@method': 'request',
  '@target-uri': 'request',
  '@authority': 'request',
  '@scheme': 'request',
  '@request-target': 'request',
  '@path': 'request',
  '@query': 'request',
  '@query-param': 'request',
  '@status': 'response',
};

// field-name = token (RFC 9110 §5.1), lowercase (RFC 9421 §2.1).
const FIELD_NAME = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;
const FLAGS = new Set(['sf', 'bs', 'req', 'tr']);
const EMPTY: Params = new Map();
// Valid identifiers without parameters, by name (bounded: names come from messages).
const plain = new Map<string, Component>();

function invalid(
  what: string,
  why: string,
  code: 'ERR_INVALID_ARGUMENT' | 'ERR_INVALID_FORMAT',
): never {
  throw new InvalidInputError(code, `component ${what}: ${why}`);
}

/**
 * Checks a component identifier parsed from an sf-string item (§2.5).
 *
 * @param item - the Item: a String value and its parameters
 * @param code - the error code to use (input from a message is ERR_INVALID_FORMAT)
 */
export function componentFromItem(
  item: Item,
  code: 'ERR_INVALID_ARGUMENT' | 'ERR_INVALID_FORMAT' = 'ERR_INVALID_FORMAT',
): Component {
  const name = item.value;
  // Most identifiers have no parameters and repeat on every message: check them once.
  if (item.params.size === 0 && typeof name === 'string') {
    const known = plain.get(name);
    if (known) return known;
  }
  if (typeof name !== 'string') return invalid('identifier', 'must be a String', code);
  const what = serializeString(name);
  const { params } = item;
  if (name.startsWith('@')) {
    if (!(name in DERIVED)) invalid(what, 'unknown derived component', code);
    if (name === '@signature-params') invalid(what, 'cannot be covered', code);
    for (const [param, value] of params) {
      const ok =
        (param === 'req' && value === true) ||
        (param === 'name' && name === '@query-param' && typeof value === 'string');
      if (!ok) invalid(what, `parameter "${param}" is not valid here`, code);
    }
    if (name === '@query-param' && !params.has('name'))
      invalid(what, 'needs a name parameter', code);
  } else {
    if (!FIELD_NAME.test(name)) invalid(what, 'not a lowercase field name', code);
    for (const [param, value] of params) {
      const ok = FLAGS.has(param) ? value === true : param === 'key' && typeof value === 'string';
      if (!ok) invalid(what, `parameter "${param}" is not valid here`, code);
    }
    // §2.1: bs needs the raw field lines; sf and key need the parsed structure.
    if (params.has('bs') && (params.has('sf') || params.has('key'))) {
      invalid(what, 'bs cannot be combined with sf or key', code);
    }
  }
  const serializedParams = serializeParams(params);
  const id = serializeString(name) + serializedParams;
  if (params.size === 0) {
    const component: Component = { name, params: EMPTY, id, key: name, text: name };
    if (plain.size < 1024) plain.set(name, component);
    return component;
  }
  const sorted = [...params.keys()]
    .sort()
    .map((k) => serializeParams(new Map([[k, params.get(k)!]])));
  return { name, params, id, key: name + sorted.join(''), text: name + serializedParams };
}

/**
 * Parses a component identifier written in options: `@method`, `content-type`,
 * `'@query-param;name="id"'`, `'"signature";key="sig1";req'`. Field names are lowercased.
 *
 * @param text - the identifier
 * @param name - the option name, for errors
 */
function componentFromText(text: unknown, name: string): Component {
  if (typeof text !== 'string' || text.length === 0 || text.length > 512) {
    throw new InvalidInputError(
      'ERR_INVALID_ARGUMENT',
      `"${name}": expected a component identifier`,
    );
  }
  let source = text.trim();
  if (!source.startsWith('"')) {
    const semi = source.indexOf(';');
    const bare = semi < 0 ? source : source.slice(0, semi);
    source =
      serializeQuoted(bare.startsWith('@') ? bare : bare.toLowerCase()) +
      (semi < 0 ? '' : source.slice(semi));
  }
  return componentFromItem(parseItem(source, `"${name}"`), 'ERR_INVALID_ARGUMENT');
}

function serializeQuoted(name: string): string {
  try {
    return serializeString(name);
  } catch {
    throw new InvalidInputError('ERR_INVALID_ARGUMENT', 'component name must be printable ASCII');
  }
}

/** Parses and checks a list of identifiers from options, refusing duplicates. */
export function componentsFromText(list: unknown, name: string): Component[] {
  if (!Array.isArray(list)) {
    throw new InvalidInputError(
      'ERR_INVALID_ARGUMENT',
      `"${name}": expected an array of component identifiers`,
    );
  }
  const out = list.map((text, i) => componentFromText(text, `${name}[${i}]`));
  assertDistinct(out, 'ERR_INVALID_ARGUMENT');
  return out;
}

/** §2: each component identifier occurs at most once. */
export function assertDistinct(
  components: readonly Component[],
  code: 'ERR_INVALID_ARGUMENT' | 'ERR_INVALID_FORMAT',
): void {
  for (let i = 1; i < components.length; i++) {
    const key = components[i]!.key;
    for (let j = 0; j < i; j++) {
      if (components[j]!.key === key) invalid(components[i]!.id, 'is listed twice', code);
    }
  }
}

/**
 * Signing (RFC 9421 §3.1): choose the covered components, compute Content-Digest when it
 * is covered (RFC 9530), build the signature base, sign it, and add `Signature-Input` and
 * `Signature` (appending to any signatures already on the message, §4.3).
 */
import { assertOptions, invalidArgument } from '../assert.js';
import { encodeBase64 } from '../backend/digest-oneshot.js';
import { randomBytes } from '../backend/random.js';
import { base64urlEncode } from '../bytes.js';
import { InvalidInputError, KeyError } from '../errors.js';
import { HTTP_ALGORITHMS, type HttpAlgorithm } from './algorithms.js';
import { buildBase } from './base.js';
import type { Component } from './components.js';
import { ComponentError, type StructuredType } from './derive.js';
import { type DigestAlgorithm, digestField } from './digest.js';
import { isFetchRequest, isFetchResponse } from './fetch-classes.js';
import { type HeadersInput, withFields } from './fields.js';
import { type SigningKey, signingKey } from './keys.js';
import {
  type Body,
  fetchBody,
  type HttpRequestLike,
  type HttpResponseLike,
  type Message,
  plainMessageBody,
  type RequestInput,
  type ResponseInput,
  requestMessage,
  responseMessage,
} from './message.js';
import {
  checkFieldLength,
  componentList,
  DEFAULT_LIMITS,
  type HttpLimits,
  messageShape,
  nowSeconds,
  resolveLimits,
  signatureParseLimits,
  structuredTypes,
  type TimeInput,
  toSeconds,
} from './options.js';
import { checkStringParam } from './params.js';
import { parseDictionary } from './sf/parse.js';
import { serializeString } from './sf/serialize.js';

/**
 * Options of {@link signRequest}.
 *
 * @example
 * ```ts
 * import { type SignOptions, signRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const options: SignOptions = {
 *   key: Keyring.generate('ES256'),
 *   keyId: 'client-42',
 *   components: ['@method', '@target-uri', 'content-type', 'content-digest'],
 *   tag: 'payments-api',
 *   expiresIn: 60,
 * };
 * const signed = await signRequest(
 *   { method: 'POST', url: 'https://api.example.com/v1/pay', headers: { 'content-type': 'application/json' }, body: '{}' },
 *   options,
 * );
 * ```
 */
export interface SignOptions {
  /** The signing key: a Key (HS256, Ed25519, ES256, ES384), a Keyring (its primary), or HMAC secret bytes (≥ 32). */
  key: SigningKey;
  /** The `keyid` parameter; default: the Key's id. Omitted for raw secrets unless given. */
  keyId?: string;
  /** Adds the `alg` parameter; it must be the key's algorithm. Default: no `alg` (§3.2 derives it from the key). */
  alg?: HttpAlgorithm;
  /**
   * Covered components, in order. Default for requests: `@method`, `@target-uri`, and
   * `content-digest` when there is a body; for responses: `@status` and `content-digest`.
   */
  components?: string[];
  /** The `created` parameter: a Date or Unix seconds; default now; `false` to omit. */
  created?: TimeInput | false;
  /** The `expires` parameter: a Date or Unix seconds. */
  expires?: TimeInput;
  /** Sets `expires` this many seconds after `created`. */
  expiresIn?: number;
  /** The `nonce` parameter: a string, `true` (default: 128 random bits, base64url) or `false` to omit. */
  nonce?: string | boolean;
  /** The `tag` parameter (§2.3), naming the application or protocol. */
  tag?: string;
  /** The signature's label; default `sig1`, or the next free `sigN`. */
  label?: string;
  /** Content-Digest algorithm when `content-digest` is covered (default `sha-256`); `false` to use the header as given. */
  digest?: DigestAlgorithm | false;
  /** Structured types of fields signed with `;sf`, beyond the registered ones. */
  structuredFields?: Record<string, StructuredType>;
  /** The clock for `created` (a Date or Unix seconds); default now. */
  now?: TimeInput;
  /** Limits applied to signatures already on the message (and bodies read). */
  limits?: HttpLimits;
}

/**
 * Options of {@link signResponse}.
 *
 * @example
 * ```ts
 * import { type SignResponseOptions, signResponse, verifyResponse } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const server = Keyring.generate('Ed25519');
 * const request = { method: 'POST', url: 'https://api.example.com/v1/orders', body: '{"id":7}' };
 * const options: SignResponseOptions = {
 *   key: server,
 *   request, // binds the response to the request it answers (RFC 9421 §2.4)
 *   components: ['@status', '@method;req', '@target-uri;req'],
 * };
 * const signed = await signResponse({ status: 201, body: 'created' }, options);
 * await verifyResponse(signed, { keys: server.publicKeyring(), request, required: ['@status', '@method;req'] });
 * ```
 */
export interface SignResponseOptions extends SignOptions {
  /** The request this response answers, for components with the `req` parameter (§2.4). */
  request?: RequestInput;
}

const DEFAULTS = {
  request: ['@method', '@target-uri'],
  'request+body': ['@method', '@target-uri', 'content-digest'],
  response: ['@status'],
  'response+body': ['@status', 'content-digest'],
} as const;

/** The default covered components (§7.2.1: the method and target, and the content when there is some). */
function defaultComponents(kind: 'request' | 'response', hasBody: boolean): Component[] {
  return componentList(DEFAULTS[messageShape(kind, hasBody)], 'default');
}

const LABEL = /^[a-z*][a-z0-9_\-.*]*$/;

/** Whether the signature covers this message's own Content-Digest (which signing computes). */
function coversOwnDigest(components: readonly Component[]): boolean {
  for (const c of components) if (c.name === 'content-digest' && !c.params.has('req')) return true;
  return false;
}

// The last String parameter checked and serialized: clients sign with one key id.
let lastParam = { value: '', serialized: '""' };

/** A checked String parameter value, serialized (§2.3). */
function stringParam(value: unknown, name: string): string {
  if (value === lastParam.value) return lastParam.serialized;
  lastParam = {
    value: checkStringParam(value, name),
    serialized: serializeString(value as string),
  };
  return lastParam.serialized;
}

/**
 * Adds one signature to a message. Returns the fields to set on it (through a promise only
 * where the portable curve code has to be loaded first, see curves.ts).
 */
function signMessage(
  message: Message,
  body: Body,
  options: SignOptions,
): Record<string, string> | Promise<Record<string, string>> {
  const key = signingKey(options.key);
  const spec = HTTP_ALGORITHMS[key.alg];
  if (options.alg !== undefined && options.alg !== key.alg) {
    throw new KeyError(
      'ERR_WRONG_KEY_TYPE',
      `options.alg is "${String(options.alg)}" but the key is ${key.alg}`,
    );
  }
  const limits = options.limits === undefined ? DEFAULT_LIMITS : resolveLimits(options.limits);
  const types =
    options.structuredFields === undefined ? {} : structuredTypes(options.structuredFields);
  const components =
    options.components === undefined
      ? defaultComponents(message.kind, body.present)
      : componentList(options.components, 'options.components');

  const set: Record<string, string> = {};
  const digest = options.digest ?? 'sha-256';
  if (digest !== false && coversOwnDigest(components)) {
    if (digest !== 'sha-256' && digest !== 'sha-512')
      invalidArgument('options.digest', "'sha-256', 'sha-512' or false", digest);
    if (body.bytes === undefined && body.present) {
      throw new InvalidInputError(
        'ERR_INVALID_ARGUMENT',
        'content-digest is covered but the body was not given: pass the raw body (or options.digest: false with your own Content-Digest)',
      );
    }
    set['content-digest'] = digestField(body.bytes ?? new Uint8Array(0), digest);
  }

  // Signatures already on the message stay; the new label must differ from theirs (§4.3).
  const existingInput = message.fields.value('signature-input');
  const existingSignature = message.fields.value('signature');
  const taken = new Set<string>();
  if (existingInput !== undefined || existingSignature !== undefined) {
    for (const [field, value] of [
      ['Signature-Input', existingInput],
      ['Signature', existingSignature],
    ] as const) {
      if (value === undefined) continue;
      checkFieldLength(value, field, limits);
      const dict = parseDictionary(value, field, signatureParseLimits(limits));
      for (const label of dict.keys()) taken.add(label);
    }
  }
  let label = options.label;
  if (label === undefined) {
    let n = 1;
    while (taken.has(`sig${n}`)) n++;
    label = `sig${n}`;
  } else {
    if (typeof label !== 'string' || !LABEL.test(label)) {
      invalidArgument(
        'options.label',
        'a label (lowercase letters, digits, _ - . *; starting with a letter)',
        label,
      );
    }
    if (taken.has(label)) {
      throw new InvalidInputError(
        'ERR_INVALID_ARGUMENT',
        `the message already has a signature labelled "${label}"`,
      );
    }
  }

  // §2.3 parameters, serialized directly (Integers and checked Strings).
  let params = '';
  const now = nowSeconds(options.now);
  let created: number | undefined;
  if (options.created !== false) {
    created = options.created === undefined ? now : toSeconds(options.created, 'options.created');
    params += `;created=${created}`;
  }
  if (options.expires !== undefined)
    params += `;expires=${toSeconds(options.expires, 'options.expires')}`;
  else if (options.expiresIn !== undefined) {
    params += `;expires=${(created ?? now) + toSeconds(options.expiresIn, 'options.expiresIn')}`;
  }
  const nonce = options.nonce ?? true;
  if (nonce === true) params += `;nonce="${base64urlEncode(randomBytes(16))}"`;
  else if (nonce !== false) params += `;nonce=${stringParam(nonce, 'options.nonce')}`;
  const keyId = options.keyId ?? key.id;
  if (keyId !== undefined) params += `;keyid=${stringParam(keyId, 'options.keyId')}`;
  if (options.alg !== undefined) params += `;alg="${key.alg}"`;
  if (options.tag !== undefined) params += `;tag=${stringParam(options.tag, 'options.tag')}`;

  // §2.3: the covered components as an Inner List of their identifiers, then the parameters.
  let signatureParams = '(';
  for (let i = 0; i < components.length; i++) signatureParams += (i ? ' ' : '') + components[i]!.id;
  signatureParams += `)${params}`;
  let base: string;
  try {
    base = buildBase(components, signatureParams, message, types, set);
  } catch (err) {
    // The caller built this message: a component it lacks is an argument error.
    if (err instanceof ComponentError)
      throw new InvalidInputError('ERR_INVALID_ARGUMENT', err.message);
    throw err;
  }
  const signed = spec.signBase64
    ? spec.signBase64(key.material, base)
    : spec.sign!(key.material, base);
  const head: Head = { set, label, signatureParams, existingInput, existingSignature };
  if (signed instanceof Promise) return signed.then((bytes) => finish(head, encodeBase64(bytes)));
  return finish(head, typeof signed === 'string' ? signed : encodeBase64(signed));
}

/** What signing has ready before the signature itself. */
interface Head {
  set: Record<string, string>;
  label: string;
  signatureParams: string;
  existingInput: string | undefined;
  existingSignature: string | undefined;
}

/** Adds Signature-Input and Signature (after any signatures already there, §4.3). */
function finish(head: Head, signature: string): Record<string, string> {
  const { set, label, existingInput, existingSignature } = head;
  const member = `${label}=${head.signatureParams}`;
  const value = `${label}=:${signature}:`;
  set['signature-input'] = existingInput === undefined ? member : `${existingInput}, ${member}`;
  set['signature'] = existingSignature === undefined ? value : `${existingSignature}, ${value}`;
  return set;
}

/**
 * Signs a request (RFC 9421): adds `Signature-Input`, `Signature` and, when
 * `content-digest` is covered, `Content-Digest` (RFC 9530). Existing signatures are kept.
 *
 * @param request - a Fetch `Request`, or a plain `{ method, url, headers, body }` (absolute `url`)
 * @param options - `key` and optional `keyId`, `components`, `created`, `expires`, `nonce`, `tag`, `label`, ...
 * @returns a request of the same kind with the new headers (a new `Request` for Fetch; for a
 * plain object, a shallow copy whose `headers` has the same shape as before)
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options or a message that lacks a covered component
 * @throws {@link cachet!KeyError} for a key that cannot sign
 * @throws {@link cachet!UnsupportedError} ERR_UNSUPPORTED_ALGORITHM for RSA keys (verify only)
 * @example
 * ```ts
 * import { signRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const keyring = Keyring.generate('Ed25519');
 * const signed = await signRequest(
 *   { method: 'POST', url: 'https://api.example.com/orders', headers: { 'content-type': 'application/json' }, body: '{"id":7}' },
 *   { key: keyring, keyId: 'client-42' },
 * );
 * console.log(signed.headers); // content-digest, signature-input, signature added
 * ```
 */
export async function signRequest<T extends RequestInput>(
  request: T,
  options: SignOptions,
): Promise<T> {
  assertOptions(options);
  const message = requestMessage(request);
  if (isFetchRequest(request)) {
    const limits = resolveLimits(options.limits);
    const bytes = request.body === null ? undefined : await fetchBody(request, limits.maxBodyBytes);
    const set = await signMessage(
      message,
      { bytes, present: !!bytes && bytes.length > 0 },
      options,
    );
    const init: RequestInit = { headers: withFields(request.headers, set) };
    if (bytes !== undefined) init.body = bytes as Uint8Array<ArrayBuffer>;
    return new Request(request, init) as T;
  }
  const plain = request as HttpRequestLike;
  let set = signMessage(
    message,
    plainMessageBody(plain.body, 'request.body', message.fields),
    options,
  );
  if (set instanceof Promise) set = await set;
  return { ...plain, headers: withFields(plain.headers, set) } as T;
}

/**
 * Signs a response (RFC 9421), optionally over parts of its request (`req` components,
 * §2.4), e.g. `['@status', 'content-digest', '@method;req', '@target-uri;req']`.
 *
 * @param response - a Fetch `Response`, or a plain `{ status, headers, body }`
 * @param options - as {@link signRequest}, plus `request` for `req` components
 * @returns a response of the same kind with the new headers
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_ARGUMENT for bad options or missing components
 * @throws {@link cachet!KeyError} for a key that cannot sign
 * @example
 * ```ts
 * import { signResponse } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const server = Keyring.generate('ES256');
 * const request = { method: 'GET', url: 'https://api.example.com/orders/7' };
 * const signed = await signResponse(
 *   { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":7}' },
 *   { key: server, request, components: ['@status', 'content-digest', '@method;req', '@target-uri;req'] },
 * );
 * ```
 */
export async function signResponse<T extends ResponseInput>(
  response: T,
  options: SignResponseOptions,
): Promise<T> {
  assertOptions(options);
  const related =
    options.request === undefined ? undefined : requestMessage(options.request, 'options.request');
  const message = responseMessage(response, related);
  if (isFetchResponse(response)) {
    const limits = resolveLimits(options.limits);
    const bytes =
      response.body === null ? undefined : await fetchBody(response, limits.maxBodyBytes);
    const set = await signMessage(
      message,
      { bytes, present: !!bytes && bytes.length > 0 },
      options,
    );
    const headers = withFields(response.headers, set);
    const nullBody = [101, 103, 204, 205, 304].includes(response.status);
    return new Response(
      nullBody ? null : ((bytes as Uint8Array<ArrayBuffer> | undefined) ?? null),
      {
        status: response.status,
        statusText: response.statusText,
        headers,
      },
    ) as T;
  }
  const plain = response as HttpResponseLike;
  let set = signMessage(
    message,
    plainMessageBody(plain.body, 'response.body', message.fields),
    options,
  );
  if (set instanceof Promise) set = await set;
  return { ...plain, headers: withFields(plain.headers as HeadersInput, set) } as T;
}

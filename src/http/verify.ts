/**
 * Verification (RFC 9421 §3.2) with the application requirements of §3.2.1 enforced by
 * default: required components, an algorithm allow-list, `created` within `maxAge` (and
 * clock skew), `expires`, a required `tag`, and replay protection by `nonce`. Content-Digest
 * (RFC 9530) is recomputed from the body whenever the signature covers it.
 *
 * Cheap checks run first; the signature is verified before the digest (so a changed body
 * reports ERR_DIGEST_MISMATCH), and the nonce is claimed last, so a forged message can
 * never use up a nonce.
 */
import { assertInteger, assertOptions, invalidArgument } from '../assert.js';
import { base64Decode } from '../bytes.js';
import {
  InvalidInputError,
  KeyError,
  ReplayError,
  TimestampError,
  UnsupportedError,
  VerificationError,
} from '../errors.js';
import { stateOf } from '../keys/keyring-state.js';
import type { ReplayStore } from '../replay/store.js';
import {
  HTTP_ALGORITHM_NAMES,
  HTTP_ALGORITHMS,
  type HttpAlgorithm,
  isHttpAlgorithm,
} from './algorithms.js';
import { buildBase } from './base.js';
import { assertDistinct, type Component, componentFromItem } from './components.js';
import { ComponentError, type StructuredType } from './derive.js';
import { checkDigest, type DigestAlgorithm } from './digest.js';
import { type FastSignature, fastSignature, isCanonicalBase64 } from './fast-input.js';
import { isFetchRequest, isFetchResponse } from './fetch-classes.js';
import { type ResolvedKey, type VerifyKeys, verifyingKey } from './keys.js';
import {
  type Body,
  fetchBody,
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
  type HttpLimits,
  messageShape,
  nowSeconds,
  type ResolvedLimits,
  resolveLimits,
  signatureParseLimits,
  structuredTypes,
  type TimeInput,
} from './options.js';
import { readParams, type SignatureParams } from './params.js';
import { parseDictionary } from './sf/parse.js';
import { serializeParams } from './sf/serialize.js';
import { type Dictionary, type InnerList, isInnerList, type Params } from './sf/types.js';

/**
 * Options of {@link verifyRequest}.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore, signRequest, type VerifyOptions, verifyRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const client = Keyring.generate('Ed25519');
 * const policy: VerifyOptions = {
 *   keys: client.publicKeyring(),
 *   algorithms: ['ed25519'],
 *   required: ['@method', '@target-uri', 'content-digest'],
 *   maxAge: 60,
 *   replay: new MemoryReplayStore(),
 * };
 * const signed = await signRequest({ method: 'POST', url: 'https://api.example.com/v1/orders', body: '{}' }, { key: client });
 * await verifyRequest(signed, policy);
 * const again = await verifyRequest(signed, policy).catch((e) => e.code);
 * console.log(again); // 'ERR_REPLAY'
 * ```
 */
export interface VerifyOptions {
  /** The keys: a resolver `(keyId, alg) => Key | Uint8Array | undefined` (may be async), or a Keyring. */
  keys: VerifyKeys;
  /**
   * Components the signature must cover. Default for requests: `@method`, `@authority`,
   * `@path`, `@query` (all implied by `@target-uri`), and `content-digest` when the request
   * has a body; for responses: `@status` and `content-digest` when there is a body. `[]`
   * requires nothing.
   */
  required?: string[];
  /** Algorithms accepted (default: all six of RFC 9421). */
  algorithms?: HttpAlgorithm[];
  /** Oldest acceptable `created`, in seconds (default 300); `null` accepts any age and signatures without `created`. */
  maxAge?: number | null;
  /** Tolerated clock difference, in seconds (default 60). */
  clockSkew?: number;
  /** The verifier's clock: a Date or Unix seconds (default now). */
  now?: TimeInput;
  /** A `tag` the signature must carry (§2.3); signatures with another tag are ignored. */
  tag?: string;
  /** Verify only the signature with this label. */
  label?: string;
  /** Replay protection: each `nonce` (per key id) is accepted once; signatures without a nonce are refused. */
  replay?: ReplayStore;
  /** Structured types of fields signed with `;sf`, beyond the registered ones. */
  structuredFields?: Record<string, StructuredType>;
  /** Limits on hostile input. */
  limits?: HttpLimits;
}

/**
 * Options of {@link verifyResponse}.
 *
 * @example
 * ```ts
 * import { signResponse, type VerifyResponseOptions, verifyResponse } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const server = Keyring.generate('ES256');
 * const signed = await signResponse(new Response('{"ok":true}', { status: 200 }), { key: server });
 * const options: VerifyResponseOptions = { keys: server.publicKeyring(), required: ['@status', 'content-digest'] };
 * await verifyResponse(signed, options);
 * ```
 */
export interface VerifyResponseOptions extends VerifyOptions {
  /** The request the response answers, for components with the `req` parameter. */
  request?: RequestInput;
}

/**
 * A verified signature.
 *
 * @example
 * ```ts
 * import { signRequest, type VerifiedSignature, verifyRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const client = Keyring.generate('Ed25519');
 * const signed = await signRequest({ method: 'POST', url: 'https://api.example.com/v1/orders', body: '{}' }, { key: client });
 * const result: VerifiedSignature = await verifyRequest(signed, { keys: client.publicKeyring() });
 * console.log(result.label, result.alg, result.components, result.digest); // 'sig1' 'ed25519' [ '@method', '@target-uri', 'content-digest' ] [ 'sha-256' ]
 * ```
 */
export interface VerifiedSignature {
  /** The signature's label in the message. */
  label: string;
  /** The `keyid` parameter (undefined when absent). */
  keyId: string | undefined;
  /** The algorithm, from the key. */
  alg: HttpAlgorithm;
  /** The covered components, as identifiers (e.g. `@method`, `content-digest`, `@query-param;name="id"`). */
  components: string[];
  /** The `created` parameter. */
  created: Date | undefined;
  /** The `expires` parameter. */
  expires: Date | undefined;
  /** The `nonce` parameter. */
  nonce: string | undefined;
  /** The `tag` parameter. */
  tag: string | undefined;
  /** The Content-Digest algorithms checked against the body (empty when not covered). */
  digest: DigestAlgorithm[];
}

interface Policy {
  keys: VerifyKeys;
  required: Component[];
  algorithms: ReadonlySet<HttpAlgorithm>;
  maxAge: number | null;
  clockSkew: number;
  now: number;
  tag: string | undefined;
  label: string | undefined;
  replay: ReplayStore | undefined;
  types: Readonly<Record<string, StructuredType>>;
  limits: ResolvedLimits;
}

const NO_PARAMS: Params = new Map();
const ALL_ALGORITHMS: ReadonlySet<HttpAlgorithm> = new Set(HTTP_ALGORITHM_NAMES);

const REQUIRED = {
  request: ['@method', '@authority', '@path', '@query'],
  'request+body': ['@method', '@authority', '@path', '@query', 'content-digest'],
  response: ['@status'],
  'response+body': ['@status', 'content-digest'],
} as const;

const defaults: Partial<Record<keyof typeof REQUIRED, Component[]>> = {};

function defaultRequired(kind: 'request' | 'response', hasBody: boolean): Component[] {
  const name = messageShape(kind, hasBody);
  defaults[name] ??= componentList(REQUIRED[name], 'default');
  return defaults[name];
}

const NO_TYPES: Readonly<Record<string, StructuredType>> = Object.freeze({});

function policy(options: VerifyOptions, kind: 'request' | 'response', body: Body): Policy {
  assertOptions(options);
  const { keys } = options;
  if (typeof keys !== 'function' && !stateOf(keys))
    invalidArgument('options.keys', 'a key resolver function or a Keyring', keys);
  let algorithms = ALL_ALGORITHMS;
  if (options.algorithms !== undefined) {
    if (!Array.isArray(options.algorithms))
      invalidArgument('options.algorithms', 'an array of algorithm names', options.algorithms);
    for (const alg of options.algorithms) {
      if (!isHttpAlgorithm(alg))
        invalidArgument(
          'options.algorithms',
          `RFC 9421 algorithm names (${HTTP_ALGORITHM_NAMES.join(', ')})`,
          alg,
        );
    }
    algorithms = new Set(options.algorithms);
  }
  const maxAge = options.maxAge === undefined ? 300 : options.maxAge;
  if (maxAge !== null) assertInteger(maxAge, 'options.maxAge', 0);
  const clockSkew = options.clockSkew ?? 60;
  assertInteger(clockSkew, 'options.clockSkew', 0);
  if (options.tag !== undefined && typeof options.tag !== 'string')
    invalidArgument('options.tag', 'string', options.tag);
  if (options.label !== undefined && typeof options.label !== 'string')
    invalidArgument('options.label', 'string', options.label);
  const { replay } = options;
  if (
    replay !== undefined &&
    (typeof replay !== 'object' || replay === null || typeof replay.claim !== 'function')
  ) {
    invalidArgument('options.replay', 'a ReplayStore', replay);
  }
  return {
    keys,
    required:
      options.required === undefined
        ? defaultRequired(kind, body.present)
        : componentList(options.required, 'options.required'),
    algorithms,
    maxAge,
    clockSkew,
    now: nowSeconds(options.now),
    tag: options.tag,
    label: options.label,
    replay,
    types:
      options.structuredFields === undefined ? NO_TYPES : structuredTypes(options.structuredFields),
    limits: resolveLimits(options.limits),
  };
}

// A required derived component is also satisfied by components that include it.
const IMPLIED_BY: Readonly<Record<string, readonly (readonly string[])[]>> = {
  '@authority': [['@target-uri']],
  '@scheme': [['@target-uri']],
  '@path': [['@target-uri'], ['@request-target']],
  '@query': [['@target-uri'], ['@request-target']],
  '@query-param': [['@target-uri'], ['@request-target'], ['@query']],
  '@request-target': [['@target-uri'], ['@path', '@query']],
  '@target-uri': [
    ['@scheme', '@authority', '@request-target'],
    ['@scheme', '@authority', '@path', '@query'],
  ],
};

function has(components: readonly Component[], key: string): boolean {
  for (const c of components) if (c.key === key) return true;
  return false;
}

function covers(components: readonly Component[], required: Component): boolean {
  if (has(components, required.key)) return true;
  const alternatives = IMPLIED_BY[required.name];
  if (!alternatives) return false;
  const req = required.params.has('req') ? ';req' : '';
  for (const set of alternatives) {
    let all = true;
    for (const name of set) {
      if (!has(components, req ? name + req : name)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

function parseSignatureField(value: string, field: string, limits: ResolvedLimits): Dictionary {
  checkFieldLength(value, field, limits);
  return parseDictionary(value, field, signatureParseLimits(limits));
}

/** The parsed signatures of a message, checked for matching labels (§4). */
function signaturesOf(
  limits: ResolvedLimits,
  input: string | undefined,
  signature: string | undefined,
): { inputs: Dictionary; values: Dictionary } {
  if (input === undefined || signature === undefined) {
    const which =
      input === undefined && signature === undefined
        ? 'Signature-Input and Signature'
        : input === undefined
          ? 'Signature-Input'
          : 'Signature';
    throw new VerificationError('ERR_SIGNATURE_MISSING', `the message has no ${which} field`);
  }
  const inputs = parseSignatureField(input, 'Signature-Input', limits);
  const values = parseSignatureField(signature, 'Signature', limits);
  for (const label of inputs.keys()) {
    if (!values.has(label))
      throw new VerificationError(
        'ERR_SIGNATURE_MISSING',
        `signature "${label}" is in Signature-Input but not in Signature`,
      );
  }
  for (const label of values.keys()) {
    if (!inputs.has(label))
      throw new VerificationError(
        'ERR_SIGNATURE_MISSING',
        `signature "${label}" is in Signature but not in Signature-Input`,
      );
  }
  return { inputs, values };
}

function formatError(label: string, why: string): never {
  throw new InvalidInputError('ERR_INVALID_FORMAT', `Signature-Input "${label}": ${why}`);
}

/** How far verification of a candidate got; the deepest failure is the one reported. */
const SELECTED = 0;
const KEY_FOUND = 1;
const POLICY_MET = 2;
const SIGNATURE_VALID = 3;

class CandidateError {
  constructor(
    readonly stage: number,
    readonly error: unknown,
  ) {}
}

/** Tags what a phase threw with the stage reached. */
function tag(stage: number, error: unknown): CandidateError {
  return error instanceof CandidateError ? error : new CandidateError(stage, error);
}

/** A signature selected for verification, with what each phase needs. */
interface Candidate {
  label: string;
  /** The `@signature-params` value (§3.2 step 7). */
  signatureParams: string;
  /** The signature: bytes from the general parser, or base64 text from the fast path. */
  signature: Uint8Array | string;
  message: Message;
  body: Body;
  p: Policy;
  components: Component[];
  params: SignatureParams;
  algParam: HttpAlgorithm | undefined;
  /** The fast path's cached list (components already distinct). */
  known?: KnownList;
}

// Phases run synchronously unless the resolver, the algorithm (RSA on WebCrypto) or the
// replay store returns a promise: a synchronous path costs no microtask turns.
function verifyOne(c: Candidate): VerifiedSignature | Promise<VerifiedSignature> {
  let key: ResolvedKey | Promise<ResolvedKey>;
  try {
    key = verifyingKey(c.p.keys, c.params.keyid, c.algParam);
  } catch (error) {
    throw tag(SELECTED, error);
  }
  if (!(key instanceof Promise)) return withKey(c, key);
  return key.then(
    (k) => withKey(c, k),
    (error: unknown) => {
      throw tag(SELECTED, error);
    },
  );
}

/** Runs `fn`, tagging what it throws with the stage. */
function at<T>(stage: number, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw tag(stage, error);
  }
}

function unwrap(err: unknown): never {
  throw err instanceof CandidateError ? err.error : err;
}

function select(
  label: string,
  member: InnerList,
  value: unknown,
  message: Message,
  body: Body,
  p: Policy,
): Candidate {
  const components = member.items.map((item) => componentFromItem(item));
  const params: SignatureParams = readParams(member.params, label);
  if (!(value instanceof Uint8Array))
    formatError(label, 'its Signature value is not a byte sequence');
  // §3.2 step 7: @signature-params is the serialization of the parsed Inner List.
  let signatureParams = '(';
  for (let i = 0; i < components.length; i++) signatureParams += (i ? ' ' : '') + components[i]!.id;
  signatureParams += `)${serializeParams(member.params)}`;
  return checked({
    label,
    signatureParams,
    signature: value,
    message,
    body,
    p,
    components,
    params,
    algParam: undefined,
  });
}

/**
 * A checked component list read by the fast path, kept per list: clients cover the same
 * components on every request, so the identifiers are checked once, and so is each
 * required-components policy they were found to meet.
 */
interface KnownList {
  readonly components: Component[];
  readonly texts: readonly string[];
  /** Required lists (by identity: they are cached too) this list covers. */
  readonly covers: WeakSet<readonly Component[]>;
}
const knownLists = new WeakMap<readonly string[], KnownList>();

function knownList(names: readonly string[]): KnownList {
  let known = knownLists.get(names);
  if (!known) {
    const components = names.map((name) => componentFromItem({ value: name, params: NO_PARAMS }));
    assertDistinct(components, 'ERR_INVALID_FORMAT');
    known = { components, texts: components.map((c) => c.text), covers: new WeakSet() };
    knownLists.set(names, known);
  }
  return known;
}

function selectFast(fast: FastSignature, message: Message, body: Body, p: Policy): Candidate {
  const known = knownList(fast.names);
  return checked({
    label: fast.label,
    signatureParams: fast.signatureParams,
    signature: fast.signature,
    message,
    body,
    p,
    components: known.components,
    params: fast.params,
    algParam: undefined,
    known,
  });
}

/** Checks common to both readings: distinct components, the tag, a known allowed `alg`. */
function checked(c: Candidate): Candidate {
  const { label, params, p } = c;
  if (!c.known) assertDistinct(c.components, 'ERR_INVALID_FORMAT');
  if (p.tag !== undefined && params.tag !== p.tag) {
    throw new VerificationError(
      'ERR_TAG_MISMATCH',
      `signature "${label}" does not carry the required tag`,
    );
  }
  if (params.alg !== undefined) {
    if (!isHttpAlgorithm(params.alg)) {
      throw new UnsupportedError(
        'ERR_UNSUPPORTED_ALGORITHM',
        `signature "${label}": unknown alg "${params.alg.slice(0, 32)}"`,
      );
    }
    if (!p.algorithms.has(params.alg)) {
      throw new VerificationError(
        'ERR_ALGORITHM_NOT_ALLOWED',
        `signature "${label}": ${params.alg} is not allowed`,
      );
    }
    c.algParam = params.alg;
  }
  return c;
}

function withKey(c: Candidate, key: ResolvedKey): VerifiedSignature | Promise<VerifiedSignature> {
  let stage = KEY_FOUND;
  let valid: boolean | Promise<boolean>;
  try {
    checkPolicy(c, key);
    stage = POLICY_MET;
    const spec = HTTP_ALGORITHMS[key.alg];
    const base = baseOf(c);
    if (typeof c.signature !== 'string') valid = spec.verify(key.material, base, c.signature);
    // Only canonical base64 can equal the MAC's own encoding: no need to check it first.
    else if (spec.verifyBase64) valid = spec.verifyBase64(key.material, base, c.signature);
    else {
      if (!isCanonicalBase64(c.signature))
        formatError(c.label, 'its Signature value is not canonical base64');
      valid = spec.verify(key.material, base, base64Decode(c.signature));
    }
  } catch (error) {
    throw tag(stage, error);
  }
  if (!(valid instanceof Promise)) return afterSignature(c, key, valid);
  return valid.then(
    (ok) => afterSignature(c, key, ok),
    (error: unknown) => {
      throw tag(POLICY_MET, error);
    },
  );
}

function baseOf(c: Candidate): string {
  try {
    return buildBase(c.components, c.signatureParams, c.message, c.p.types);
  } catch (err) {
    if (err instanceof ComponentError) {
      throw new VerificationError(
        'ERR_SIGNATURE_INVALID',
        `signature "${c.label}": ${err.message}`,
      );
    }
    throw err;
  }
}

function afterSignature(
  c: Candidate,
  key: ResolvedKey,
  valid: boolean,
): VerifiedSignature | Promise<VerifiedSignature> {
  if (!valid) {
    throw tag(
      POLICY_MET,
      new VerificationError('ERR_SIGNATURE_INVALID', `signature "${c.label}" does not verify`),
    );
  }
  let digest: DigestAlgorithm[];
  let claimed: boolean | Promise<boolean> = true;
  try {
    digest = digestOf(c);
    if (c.p.replay) claimed = claimNonce(c.p, c.params);
  } catch (error) {
    throw tag(SIGNATURE_VALID, error);
  }
  const finish = (fresh: boolean): VerifiedSignature => {
    if (!fresh) throw tag(SIGNATURE_VALID, new ReplayError());
    return result(c, key, digest);
  };
  if (!(claimed instanceof Promise)) return finish(claimed);
  return claimed.then(finish, (error: unknown) => {
    throw tag(SIGNATURE_VALID, error);
  });
}

function checkPolicy(c: Candidate, key: ResolvedKey): void {
  const { label, algParam, p } = c;
  if (algParam !== undefined && algParam !== key.alg) {
    throw new KeyError(
      'ERR_WRONG_KEY_TYPE',
      `signature "${label}": alg is ${algParam} but the key is ${key.alg}`,
    );
  }
  if (!p.algorithms.has(key.alg)) {
    throw new VerificationError(
      'ERR_ALGORITHM_NOT_ALLOWED',
      `signature "${label}": ${key.alg} is not allowed`,
    );
  }
  if (!c.known?.covers.has(p.required)) {
    for (const required of p.required) {
      if (!covers(c.components, required)) {
        throw new VerificationError(
          'ERR_COMPONENT_MISSING',
          `signature "${label}" does not cover ${required.id}, which is required`,
        );
      }
    }
    c.known?.covers.add(p.required);
  }
  checkTimes(label, c.params, p);
  if (p.replay && c.params.nonce === undefined) {
    throw new VerificationError(
      'ERR_COMPONENT_MISSING',
      `signature "${label}" has no nonce, which replay protection needs`,
    );
  }
}

function digestOf(c: Candidate): DigestAlgorithm[] {
  for (const component of c.components) {
    if (component.name !== 'content-digest' || component.params.has('req')) continue;
    if (c.body.bytes === undefined && c.body.present) {
      throw new InvalidInputError(
        'ERR_INVALID_ARGUMENT',
        'the signature covers content-digest: pass the raw body to check it against Content-Digest',
      );
    }
    return checkDigest(
      c.message.fields.value('content-digest')!,
      c.body.bytes ?? new Uint8Array(0),
    );
  }
  return [];
}

function result(c: Candidate, key: ResolvedKey, digest: DigestAlgorithm[]): VerifiedSignature {
  const { params } = c;
  return {
    label: c.label,
    keyId: params.keyid,
    alg: key.alg,
    components: c.known ? c.known.texts.slice() : c.components.map((component) => component.text),
    created: params.created === undefined ? undefined : new Date(params.created * 1000),
    expires: params.expires === undefined ? undefined : new Date(params.expires * 1000),
    nonce: params.nonce,
    tag: params.tag,
    digest,
  };
}

function checkTimes(label: string, params: SignatureParams, p: Policy): void {
  const { created, expires } = params;
  if (created === undefined) {
    if (p.maxAge !== null) {
      throw new VerificationError(
        'ERR_COMPONENT_MISSING',
        `signature "${label}" has no created parameter, which maxAge needs`,
      );
    }
  } else {
    if (created > p.now + p.clockSkew) {
      throw new TimestampError(
        'ERR_TIMESTAMP_IN_FUTURE',
        `signature "${label}" was created ${created - p.now} s in the future; clock skew allowed is ${p.clockSkew} s`,
      );
    }
    if (p.maxAge !== null && p.now - created > p.maxAge + p.clockSkew) {
      throw new TimestampError(
        'ERR_TIMESTAMP_TOO_OLD',
        `signature "${label}" is ${p.now - created} s old; maxAge is ${p.maxAge} s`,
      );
    }
  }
  if (expires !== undefined && p.now > expires + p.clockSkew) {
    throw new TimestampError(
      'ERR_EXPIRED',
      `signature "${label}" expired ${p.now - expires} s ago`,
    );
  }
}

// The nonce is remembered for as long as the signature could otherwise still be accepted.
function claimNonce(p: Policy, params: SignatureParams): boolean | Promise<boolean> {
  const deadlines: number[] = [];
  if (p.maxAge !== null && params.created !== undefined)
    deadlines.push(params.created + p.maxAge + p.clockSkew);
  if (params.expires !== undefined) deadlines.push(params.expires + p.clockSkew);
  const seconds = deadlines.length ? Math.max(1, Math.min(...deadlines) - p.now + 1) : 86_400;
  const keyId = params.keyid ?? '';
  return p.replay!.claim(`http:${keyId.length}:${keyId}:${params.nonce}`, seconds * 1000);
}

function verifyMessage(
  message: Message,
  body: Body,
  options: VerifyOptions,
): VerifiedSignature | Promise<VerifiedSignature> {
  const p = policy(options, message.kind, body);
  const input = message.fields.value('signature-input');
  const signature = message.fields.value('signature');
  if (input !== undefined && signature !== undefined) {
    checkFieldLength(input, 'Signature-Input', p.limits);
    checkFieldLength(signature, 'Signature', p.limits);
    const fast = fastSignature(input, signature, p.limits.maxComponents, p.limits.maxParameters);
    if (fast && (p.label === undefined || p.label === fast.label)) {
      try {
        const outcome = verifyOne(selectFast(fast, message, body, p));
        return outcome instanceof Promise
          ? outcome.catch((err: unknown) =>
              fastFailed(err, fast, message, body, p, input, signature),
            )
          : outcome;
      } catch (err) {
        return fastFailed(err, fast, message, body, p, input, signature);
      }
    }
  }
  return verifyGeneral(message, body, p, input, signature);
}

/**
 * A failure on the fast path stands, unless the signature text was not canonical base64:
 * the general parser then reads the fields, as it always has for such text.
 */
function fastFailed(
  err: unknown,
  fast: FastSignature,
  message: Message,
  body: Body,
  p: Policy,
  input: string,
  signature: string,
): VerifiedSignature | Promise<VerifiedSignature> {
  if (isCanonicalBase64(fast.signature)) return unwrap(err);
  return verifyGeneral(message, body, p, input, signature);
}

function verifyGeneral(
  message: Message,
  body: Body,
  p: Policy,
  input: string | undefined,
  signature: string | undefined,
): VerifiedSignature | Promise<VerifiedSignature> {
  const { inputs, values } = signaturesOf(p.limits, input, signature);
  let labels = [...inputs.keys()];
  if (labels.length === 0)
    throw new VerificationError('ERR_SIGNATURE_MISSING', 'the signature fields are empty');
  if (p.label !== undefined) {
    if (!inputs.has(p.label)) {
      throw new VerificationError(
        'ERR_SIGNATURE_MISSING',
        `the message has no signature labelled "${p.label.slice(0, 64)}"`,
      );
    }
    labels = [p.label];
  }
  // Candidates in order; the first that passes wins, else the deepest failure is thrown.
  const attempt = (
    i: number,
    failure: CandidateError | undefined,
  ): VerifiedSignature | Promise<VerifiedSignature> => {
    for (; i < labels.length; i++) {
      const label = labels[i]!;
      let outcome: VerifiedSignature | Promise<VerifiedSignature>;
      try {
        const member = inputs.get(label)!;
        const value = values.get(label)!;
        if (!isInnerList(member)) formatError(label, 'not an inner list of components');
        if (isInnerList(value)) formatError(label, 'its Signature value is not a byte sequence');
        outcome = verifyOne(
          at(SELECTED, () => select(label, member, value.value, message, body, p)),
        );
      } catch (err) {
        failure = deeper(failure, err);
        continue;
      }
      if (outcome instanceof Promise) {
        const next = i + 1;
        return outcome.catch((err: unknown) => attempt(next, deeper(failure, err)));
      }
      return outcome;
    }
    throw failure!.error;
  };
  return attempt(0, undefined);
}

function deeper(failure: CandidateError | undefined, err: unknown): CandidateError {
  const candidate = err instanceof CandidateError ? err : new CandidateError(SELECTED, err);
  return !failure || candidate.stage > failure.stage ? candidate : failure;
}

/** The body of a Fetch message, read from a clone (empty when it has none). */
async function fetchedBody(
  message: Request | Response,
  limits: HttpLimits | undefined,
): Promise<Body> {
  const bytes = await fetchBody(message, resolveLimits(limits).maxBodyBytes);
  return { bytes, present: bytes.length > 0 };
}

/**
 * Verifies a signed request (RFC 9421 §3.2) and, when covered, its Content-Digest
 * (RFC 9530). With several signatures, the first one that passes every check is returned.
 *
 * @param request - a Fetch `Request` (its body is read from a clone), or a plain
 * `{ method, url, headers, body }` with the absolute URL the client used and the raw body
 * @param options - `keys`, and the policy: `required`, `algorithms`, `maxAge`, `clockSkew`, `now`, `tag`, `label`, `replay`
 * @returns the verified signature's label, key id, algorithm, components and times
 * @throws {@link cachet!VerificationError} ERR_SIGNATURE_MISSING, ERR_SIGNATURE_INVALID, ERR_ALGORITHM_NOT_ALLOWED, ERR_COMPONENT_MISSING, ERR_DIGEST_MISMATCH, ERR_TAG_MISMATCH
 * @throws {@link cachet!TimestampError} ERR_TIMESTAMP_TOO_OLD, ERR_TIMESTAMP_IN_FUTURE, ERR_EXPIRED
 * @throws {@link cachet!ReplayError} ERR_REPLAY for a nonce already accepted
 * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND, ERR_KEY_DISABLED, ERR_WRONG_KEY_TYPE
 * @throws {@link cachet!InvalidInputError} ERR_INVALID_FORMAT, ERR_LIMIT_EXCEEDED for malformed or oversized fields
 * @example
 * ```ts
 * import { signRequest, verifyRequest } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const client = Keyring.generate('Ed25519');
 * const serverKeys = client.publicKeyring();
 * const signed = await signRequest({ method: 'GET', url: 'https://api.example.com/orders?id=7' }, { key: client });
 * const result = await verifyRequest(signed, { keys: serverKeys });
 * console.log(result.keyId === client.primary.id, result.components); // true ['@method', '@target-uri']
 * ```
 */
export async function verifyRequest(
  request: RequestInput,
  options: VerifyOptions,
): Promise<VerifiedSignature> {
  assertOptions(options);
  const message = requestMessage(request);
  const body = isFetchRequest(request)
    ? await fetchedBody(request, options.limits)
    : plainMessageBody((request as { body?: unknown }).body, 'request.body', message.fields);
  return verifyMessage(message, body, options);
}

/**
 * Verifies a signed response, optionally bound to its request (`req` components, §2.4).
 *
 * @param response - a Fetch `Response` or a plain `{ status, headers, body }`
 * @param options - as {@link verifyRequest}, plus `request` for `req` components
 * @returns the verified signature
 * @throws as {@link verifyRequest}
 * @example
 * ```ts
 * import { signResponse, verifyResponse } from 'cachet/http';
 * import { Keyring } from 'cachet/keys';
 * const server = Keyring.generate('ES256');
 * const signed = await signResponse({ status: 200, body: 'ok' }, { key: server });
 * const result = await verifyResponse(signed, { keys: server.publicKeyring() });
 * ```
 */
export async function verifyResponse(
  response: ResponseInput,
  options: VerifyResponseOptions,
): Promise<VerifiedSignature> {
  assertOptions(options);
  const related =
    options.request === undefined ? undefined : requestMessage(options.request, 'options.request');
  const message = responseMessage(response, related);
  const body = isFetchResponse(response)
    ? await fetchedBody(response, options.limits)
    : plainMessageBody((response as { body?: unknown }).body, 'response.body', message.fields);
  return verifyMessage(message, body, options);
}

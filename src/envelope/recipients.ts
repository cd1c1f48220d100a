/**
 * Recipients: who can unwrap an envelope's data key. A recipient is a Keyring or a Key
 * (A256KW → AES-KW, A256GCM → AES-GCM key wrap, X25519 / ES256 → HPKE), a
 * {@link KeyProvider}, or `{ key, wrap }` to choose the wrapping explicitly (AES-KWP).
 * Each wrapped key is a stanza (docs/formats.md#envelope-stanzas).
 */
import { invalidArgument } from '../assert.js';
import { aesGcmOpen, aesGcmSeal } from '../backend/aead.js';
import { aesKwpUnwrap, aesKwpWrap, aesKwUnwrap, aesKwWrap } from '../backend/keywrap.js';
import { randomBytes } from '../backend/random.js';
import { AuthenticationError, CachetError, KeyError, ProviderError } from '../errors.js';
import { type Kem, openBase, P256_KEM, sealBase, X25519_KEM } from '../hpke/index.js';
import { isKey, type Key, materialOf } from '../keys/key.js';
import type { Keyring } from '../keys/keyring.js';
import { type KeyringState, primaryKey, stateOf } from '../keys/keyring-state.js';
import type { BoundContext } from './context.js';
import { checkStanzaKeyId, keyIdBytes, type Stanza } from './format.js';
import { DEK_LENGTH, HPKE_INFO, MAX_BODY, WRAP_LABEL } from './limits.js';
import { isKeyProvider, type KeyProvider, type WrapInfo } from './provider.js';

/**
 * How a key wraps the data key. Chosen from the key's algorithm unless given in a
 * {@link KeyWrapChoice}: A256KW keys use `'A256KW'`, A256GCM keys `'A256GCMKW'`, X25519
 * keys `'HPKE-X25519'` and ES256 keys `'HPKE-P256'`.
 *
 * @example
 * ```ts
 * import { seal, type WrapAlg } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const wrap: WrapAlg = 'A256KWP'; // RFC 5649, for tools that only speak KWP
 * await seal('x', { recipients: { key: Keyring.generate('A256KW'), wrap } });
 * ```
 */
export type WrapAlg = 'A256KW' | 'A256KWP' | 'A256GCMKW' | 'HPKE-X25519' | 'HPKE-P256';

/**
 * A key or keyring with an explicitly chosen wrapping (e.g. AES-KWP for an A256KW key).
 *
 * @example
 * ```ts
 * import { type KeyWrapChoice, open, seal } from 'cachet/envelope';
 * import { Keyring } from 'cachet/keys';
 * const kek = Keyring.generate('A256KW');
 * const recipient: KeyWrapChoice = { key: kek, wrap: 'A256KWP' };
 * const envelope = await seal('x', { recipients: recipient });
 * await open(envelope, { recipient: kek }); // the stanza records the wrapping
 * ```
 */
export interface KeyWrapChoice {
  readonly key: Keyring | Key;
  readonly wrap: WrapAlg;
}

/**
 * Anything that can receive an envelope: a Keyring or Key (A256KW, A256GCM, X25519 or
 * ES256), a {@link KeyProvider}, or a {@link KeyWrapChoice}.
 *
 * @example
 * ```ts
 * import { type Recipient, seal } from 'cachet/envelope';
 * import { generateKey, Keyring } from 'cachet/keys';
 * const recipients: Recipient[] = [
 *   Keyring.generate('A256KW'), // a symmetric KEK
 *   generateKey('X25519').publicKey!, // someone's public key
 * ];
 * await seal('x', { recipients });
 * ```
 */
export type Recipient = Keyring | Key | KeyProvider | KeyWrapChoice;

interface WrapKind {
  readonly type: number;
  /** The key algorithm the wrapping uses. */
  readonly alg: 'A256KW' | 'A256GCM' | 'X25519' | 'ES256';
  readonly kem?: Kem;
}

const WRAPS: Readonly<Record<WrapAlg, WrapKind>> = {
  A256KW: { type: 0x01, alg: 'A256KW' },
  A256KWP: { type: 0x02, alg: 'A256KW' },
  A256GCMKW: { type: 0x03, alg: 'A256GCM' },
  'HPKE-X25519': { type: 0x10, alg: 'X25519', kem: X25519_KEM },
  'HPKE-P256': { type: 0x11, alg: 'ES256', kem: P256_KEM },
};
const WRAP_NAMES = Object.keys(WRAPS) as WrapAlg[];
const BY_TYPE = new Map<number, WrapAlg>(WRAP_NAMES.map((name) => [WRAPS[name].type, name]));
const DEFAULT_WRAP: Readonly<Record<string, WrapAlg>> = {
  A256KW: 'A256KW',
  A256GCM: 'A256GCMKW',
  X25519: 'HPKE-X25519',
  ES256: 'HPKE-P256',
};
/** Stanza type of provider-wrapped keys. */
export const PROVIDER_TYPE = 0x40;
const GCM_NONCE = 12;
const GCM_BODY = GCM_NONCE + DEK_LENGTH + 16;
const HPKE_INFO_BYTES = new TextEncoder().encode(HPKE_INFO);
const WRAP_PREFIX = Uint8Array.of(...new TextEncoder().encode(WRAP_LABEL), 0);

/** Names a stanza type for messages. */
export function stanzaName(type: number): string {
  return type === PROVIDER_TYPE ? 'provider' : (BY_TYPE.get(type) ?? `type 0x${type.toString(16)}`);
}

/** AAD of a wrapped key: label ‖ 0x00 ‖ type ‖ key id length ‖ key id ‖ encoded context. */
export function stanzaAad(type: number, keyId: string, context: BoundContext): Uint8Array {
  const id = keyIdBytes(keyId);
  const out = new Uint8Array(WRAP_PREFIX.length + 2 + id.length + context.bytes.length);
  out.set(WRAP_PREFIX);
  out[WRAP_PREFIX.length] = type;
  out[WRAP_PREFIX.length + 1] = id.length;
  out.set(id, WRAP_PREFIX.length + 2);
  out.set(context.bytes, WRAP_PREFIX.length + 2 + id.length);
  return out;
}

/** Something that wraps a data key for one recipient. */
export interface Sealer {
  /** Identifies recipient, key and wrapping for the data-key cache. */
  readonly cacheKey: string;
  wrap(dek: Uint8Array, context: BoundContext): Stanza | Promise<Stanza>;
}

let nextObjectId = 0;
const objectIds = new WeakMap<object, number>();
function objectId(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    id = ++nextObjectId;
    objectIds.set(value, id);
  }
  return id;
}

function wrongKey(message: string): KeyError {
  return new KeyError('ERR_WRONG_KEY_TYPE', message);
}

function wrapFor(key: Key, wrap: WrapAlg | undefined, name: string): WrapAlg {
  const chosen = wrap ?? DEFAULT_WRAP[key.alg];
  if (!chosen) {
    throw wrongKey(
      `"${name}": a ${key.alg} key cannot receive envelopes; use A256KW, A256GCM, X25519 or ES256`,
    );
  }
  if (WRAPS[chosen].alg !== key.alg) {
    throw wrongKey(`"${name}": ${chosen} needs a ${WRAPS[chosen].alg} key, got ${key.alg}`);
  }
  return chosen;
}

function keySealer(key: Key, wrap: WrapAlg, owner: object): Sealer {
  const kind = WRAPS[wrap];
  const material = materialOf(key);
  const keyId = key.id;
  const cacheKey = `${objectId(owner)}:${key.id}:${kind.type}`;
  if (kind.kem) {
    const kem = kind.kem;
    const pub = material.public!;
    return {
      cacheKey,
      wrap(dek, context) {
        const sealed = sealBase(
          kem,
          pub,
          HPKE_INFO_BYTES,
          stanzaAad(kind.type, keyId, context),
          dek,
        );
        if (!sealed)
          throw new KeyError(
            'ERR_INVALID_KEY',
            `key "${keyId}" is not a valid ${key.alg} public key`,
          );
        const body = new Uint8Array(sealed.enc.length + sealed.ct.length);
        body.set(sealed.enc);
        body.set(sealed.ct, sealed.enc.length);
        return { type: kind.type, keyId, body };
      },
    };
  }
  const secret = material.secret!;
  return {
    cacheKey,
    wrap(dek, context) {
      let body: Uint8Array;
      if (wrap === 'A256KW') body = aesKwWrap(secret, dek);
      else if (wrap === 'A256KWP') body = aesKwpWrap(secret, dek);
      else {
        const nonce = randomBytes(GCM_NONCE);
        body = new Uint8Array(GCM_BODY);
        body.set(nonce);
        body.set(aesGcmSeal(secret, nonce, dek, stanzaAad(kind.type, keyId, context)), GCM_NONCE);
      }
      return { type: kind.type, keyId, body };
    },
  };
}

function providerError(keyId: string, what: string, cause?: unknown): ProviderError {
  return new ProviderError(
    `key provider "${keyId}": ${what}`,
    cause === undefined ? {} : { cause },
  );
}

function providerSealer(provider: KeyProvider, name: string): Sealer {
  const keyId = providerKeyId(provider, name);
  return {
    cacheKey: `${objectId(provider)}:${keyId}:p`,
    async wrap(dek, context) {
      const info: WrapInfo = {
        context: context.map,
        aad: stanzaAad(PROVIDER_TYPE, keyId, context),
      };
      let body: unknown;
      try {
        body = await provider.wrapKey(dek.slice(), info);
      } catch (cause) {
        if (cause instanceof CachetError) throw cause;
        throw providerError(keyId, 'wrapKey failed', cause);
      }
      if (!(body instanceof Uint8Array) || body.length === 0 || body.length > MAX_BODY) {
        throw providerError(keyId, `wrapKey must return 1 to ${MAX_BODY} bytes`);
      }
      return { type: PROVIDER_TYPE, keyId, body: body.slice() };
    },
  };
}

function providerKeyId(provider: KeyProvider, name: string): string {
  const keyId = provider.keyId ?? '';
  if (typeof keyId !== 'string') invalidArgument(`${name}.keyId`, 'string', keyId);
  checkStanzaKeyId(keyId, `${name}.keyId`);
  return keyId;
}

interface Resolved {
  readonly provider?: KeyProvider;
  readonly keys?: KeyringState | Key;
  readonly owner: object;
  readonly wrap?: WrapAlg;
}

function resolve(value: unknown, name: string): Resolved {
  if (isKeyProvider(value)) return { provider: value, owner: value };
  if (isKey(value)) return { keys: value, owner: value };
  const state = stateOf(value);
  if (state) return { keys: state, owner: value as object };
  if (typeof value === 'object' && value !== null && 'key' in value && 'wrap' in value) {
    const { key, wrap } = value as KeyWrapChoice;
    if (!WRAP_NAMES.includes(wrap))
      invalidArgument(`${name}.wrap`, `one of ${WRAP_NAMES.join(', ')}`, wrap);
    const inner = isKey(key) ? key : stateOf(key);
    if (!inner) invalidArgument(`${name}.key`, 'a Keyring or a Key', key);
    return { keys: inner, owner: key as object, wrap };
  }
  return invalidArgument(name, 'a Keyring, a Key, a KeyProvider or { key, wrap }', value);
}

/** Validates a recipient for sealing and returns its sealer (no I/O yet). */
export function sealerFor(value: unknown, name: string): Sealer {
  const r = resolve(value, name);
  if (r.provider) return providerSealer(r.provider, name);
  const key = isKey(r.keys) ? r.keys : primaryKey(r.keys as KeyringState);
  const wrap = wrapFor(key, r.wrap, name);
  // HPKE seals to the public half; a private key or keyring works as well.
  const usable = WRAPS[wrap].kem ? (key.publicKey ?? key) : key;
  if (!WRAPS[wrap].kem && key.type !== 'secret')
    throw wrongKey(`"${name}": ${wrap} needs a secret key`);
  return keySealer(usable, wrap, r.owner);
}

/** A stanza a recipient may be able to unwrap, with the function that tries. */
export interface Candidate {
  readonly stanza: Stanza;
  unwrap(context: BoundContext): Promise<Uint8Array | null> | Uint8Array | null;
}

/** What a recipient makes of an envelope's stanzas when opening. */
export interface Match {
  readonly candidates: Candidate[];
  /** A stanza named a disabled key of the keyring. */
  readonly disabled: boolean;
  /** A stanza named one of the keys, but it is a public key (HPKE needs the private half). */
  readonly publicOnly: boolean;
}

function unwrapWithKey(key: Key, stanza: Stanza, context: BoundContext): Uint8Array | null {
  const wrap = BY_TYPE.get(stanza.type)!;
  const kind = WRAPS[wrap];
  const material = materialOf(key);
  const body = stanza.body;
  let dek: Uint8Array | null;
  if (kind.kem) {
    const nEnc = kind.kem.nEnc;
    if (body.length !== nEnc + DEK_LENGTH + 16) return null;
    dek = openBase(
      kind.kem,
      body.subarray(0, nEnc),
      material.private!,
      HPKE_INFO_BYTES,
      stanzaAad(kind.type, stanza.keyId, context),
      body.subarray(nEnc),
    );
  } else if (wrap === 'A256GCMKW') {
    if (body.length !== GCM_BODY) return null;
    dek = aesGcmOpen(
      material.secret!,
      body.subarray(0, GCM_NONCE),
      body.subarray(GCM_NONCE),
      stanzaAad(kind.type, stanza.keyId, context),
    );
  } else {
    dek =
      wrap === 'A256KW'
        ? aesKwUnwrap(material.secret!, body)
        : aesKwpUnwrap(material.secret!, body);
  }
  return dek && dek.length === DEK_LENGTH ? dek : null;
}

function providerCandidate(provider: KeyProvider, keyId: string, stanza: Stanza): Candidate {
  return {
    stanza,
    async unwrap(context) {
      const info: WrapInfo = {
        context: context.map,
        aad: stanzaAad(PROVIDER_TYPE, keyId, context),
      };
      let dek: unknown;
      try {
        dek = await provider.unwrapKey(stanza.body.slice(), info);
      } catch (cause) {
        if (cause instanceof AuthenticationError) return null;
        if (cause instanceof CachetError) throw cause;
        throw providerError(keyId, 'unwrapKey failed', cause);
      }
      if (!(dek instanceof Uint8Array) || dek.length !== DEK_LENGTH) {
        throw providerError(keyId, `unwrapKey must return ${DEK_LENGTH} bytes`);
      }
      return dek;
    },
  };
}

/** Whether a key can unwrap stanzas of this type (ignoring the key id). */
function fits(key: Key, type: number): boolean {
  const wrap = BY_TYPE.get(type);
  return wrap !== undefined && WRAPS[wrap].alg === key.alg;
}

function keysOf(keys: KeyringState | Key): Array<{ key: Key; disabled: boolean }> {
  if (isKey(keys)) return [{ key: keys, disabled: false }];
  return [...keys.entries.values()].map((e) => ({ key: e.key, disabled: e.status === 'disabled' }));
}

/** The stanzas `value` can try to unwrap, in header order. */
export function matchRecipient(value: unknown, name: string, stanzas: readonly Stanza[]): Match {
  const r = resolve(value, name);
  const candidates: Candidate[] = [];
  let disabled = false;
  let publicOnly = false;
  if (r.provider) {
    const keyId = providerKeyId(r.provider, name);
    for (const stanza of stanzas) {
      if (stanza.type === PROVIDER_TYPE && stanza.keyId === keyId) {
        candidates.push(providerCandidate(r.provider, keyId, stanza));
      }
    }
    return { candidates, disabled, publicOnly };
  }
  const keys = keysOf(r.keys!);
  for (const stanza of stanzas) {
    for (const { key, disabled: off } of keys) {
      if (key.id !== stanza.keyId || !fits(key, stanza.type)) continue;
      if (r.wrap && WRAPS[r.wrap].type !== stanza.type) continue;
      if (off) disabled = true;
      else if (key.type === 'public') publicOnly = true;
      else candidates.push({ stanza, unwrap: (context) => unwrapWithKey(key, stanza, context) });
    }
  }
  return { candidates, disabled, publicOnly };
}

/** Whether a stanza is addressed to `value` (same kind of key and a key id it holds). */
export function addressedTo(value: unknown, name: string, stanza: Stanza): boolean {
  const r = resolve(value, name);
  if (r.provider)
    return stanza.type === PROVIDER_TYPE && stanza.keyId === providerKeyId(r.provider, name);
  return keysOf(r.keys!).some(({ key }) => key.id === stanza.keyId && fits(key, stanza.type));
}

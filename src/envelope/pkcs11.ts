/**
 * A KeyProvider backed by a PKCS#11 token (an HSM, or SoftHSM2 in tests): the key-encryption
 * key is an AES-256 secret key that never leaves the token. Data keys are wrapped with
 * CKM_AES_GCM through C_Encrypt/C_Decrypt, with a fresh 96-bit IV from cachet's CSPRNG and
 * the stanza's associated data (which binds the encryption context) as GCM AAD.
 *
 * `pkcs11js` (a native addon) is an optional peer dependency: it is loaded only when a
 * PKCS#11 provider is created, so cachet/envelope works without it.
 */
import { assertInteger, assertObject, assertString } from '../assert.js';
import { randomBytes } from '../backend/random.js';
import { AuthenticationError, InvalidInputError, KeyError, ProviderError } from '../errors.js';
import { checkStanzaKeyId } from './format.js';
import type { KeyProvider, WrapInfo } from './provider.js';

/**
 * Options of {@link pkcs11Provider}.
 *
 * @example
 * ```ts
 * import type { Pkcs11ProviderOptions } from 'cachet/envelope';
 * const options: Pkcs11ProviderOptions = {
 *   module: '/usr/lib/softhsm/libsofthsm2.so',
 *   tokenLabel: 'app',
 *   pin: process.env.PKCS11_PIN ?? '', // from the environment, never from source
 *   keyLabel: 'envelope-kek',
 *   keyId: 'hsm-eu-1/envelope-kek', // stable across tokens holding the same key
 * };
 * ```
 */
export interface Pkcs11ProviderOptions {
  /** Path of the PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so). */
  module: string;
  /** Label of the token to use (or give `slot`). */
  tokenLabel?: string;
  /** Slot index in C_GetSlotList(true) order, when there is no label to go by. */
  slot?: number;
  /** The user PIN. */
  pin: string;
  /** CKA_LABEL of the AES-256 key-encryption key in the token. */
  keyLabel: string;
  /** Create the key in the token (non-extractable, sensitive) if it is not there. */
  generate?: boolean;
  /** The id written into envelopes; default `pkcs11:<token label or slot>/<key label>`. */
  keyId?: string;
}

/**
 * A PKCS#11 KeyProvider; `close()` ends its session and releases the module.
 *
 * @example
 * ```ts
 * // requires: PKCS11_MODULE PKCS11_TOKEN_LABEL PKCS11_PIN
 * import { type Pkcs11Provider, pkcs11Provider } from 'cachet/envelope';
 * const hsm: Pkcs11Provider = await pkcs11Provider({
 *   module: process.env.PKCS11_MODULE!,
 *   tokenLabel: process.env.PKCS11_TOKEN_LABEL!,
 *   pin: process.env.PKCS11_PIN!,
 *   keyLabel: 'envelope-kek-example',
 *   generate: true,
 * });
 * console.log(hsm.keyId); // 'pkcs11:<token label>/envelope-kek-example'
 * await hsm.close();
 * ```
 */
export interface Pkcs11Provider extends KeyProvider {
  readonly keyId: string;
  /** Ends the session and finalises the module (idempotent). */
  close(): Promise<void>;
}

type Handle = Buffer;
interface Buffer extends Uint8Array {}
interface Pkcs11 {
  load(path: string): void;
  C_Initialize(): void;
  C_Finalize(): void;
  close(): void;
  C_GetSlotList(tokenPresent: boolean): Handle[];
  C_GetTokenInfo(slot: Handle): { label: string };
  C_OpenSession(slot: Handle, flags: number): Handle;
  C_CloseSession(session: Handle): void;
  C_Login(session: Handle, userType: number, pin: string): void;
  C_FindObjectsInit(session: Handle, template: Attribute[]): void;
  C_FindObjects(session: Handle, max: number): Handle[];
  C_FindObjectsFinal(session: Handle): void;
  C_GenerateKey(session: Handle, mechanism: { mechanism: number }, template: Attribute[]): Handle;
  C_EncryptInit(session: Handle, mechanism: Mechanism, key: Handle): void;
  C_Encrypt(session: Handle, data: Uint8Array, out: Uint8Array): Uint8Array;
  C_DecryptInit(session: Handle, mechanism: Mechanism, key: Handle): void;
  C_Decrypt(session: Handle, data: Uint8Array, out: Uint8Array): Uint8Array;
}
interface Attribute {
  type: number;
  value: number | boolean | string | Uint8Array;
}
interface Mechanism {
  mechanism: number;
  parameter: { type: number; iv: Uint8Array; aad: Uint8Array; ivBits: number; tagBits: number };
}
interface Pkcs11Module {
  PKCS11: new () => Pkcs11;
  [constant: string]: unknown;
}

const IV = 12;
const TAG = 16;

/** One loaded module per path: C_Initialize is process-wide, so providers share it. */
interface Loaded {
  readonly lib: Pkcs11;
  /** False when something else had initialised the module: then cachet never finalises it. */
  readonly owned: boolean;
  refs: number;
}
const loaded = new Map<string, Loaded>();

function acquire(mod: Pkcs11Module, path: string): Loaded {
  let entry = loaded.get(path);
  if (!entry) {
    const lib = new mod.PKCS11();
    let owned = true;
    try {
      lib.load(path);
      lib.C_Initialize();
    } catch (cause) {
      if (!/CKR_CRYPTOKI_ALREADY_INITIALIZED/.test(String((cause as Error)?.message))) {
        throw fail('cannot load or initialise the module', cause);
      }
      owned = false;
    }
    entry = { lib, owned, refs: 0 };
    loaded.set(path, entry);
  }
  entry.refs++;
  return entry;
}

function release(path: string): void {
  const entry = loaded.get(path);
  if (!entry || --entry.refs > 0) return;
  loaded.delete(path);
  if (entry.owned) entry.lib.C_Finalize();
  entry.lib.close();
}

async function loadModule(): Promise<Pkcs11Module> {
  const name = 'pkcs11js'; // a variable, so bundlers leave the optional peer alone
  try {
    const mod = (await import(/* @vite-ignore */ /* webpackIgnore: true */ name)) as {
      default?: Pkcs11Module;
    } & Pkcs11Module;
    return mod.default ?? mod;
  } catch (cause) {
    throw new ProviderError(
      'the PKCS#11 provider needs the optional peer dependency "pkcs11js" (npm install pkcs11js)',
      {
        cause,
      },
    );
  }
}

function constant(mod: Pkcs11Module, name: string): number {
  return mod[name] as number;
}

function fail(what: string, cause: unknown): ProviderError {
  // PKCS#11 messages carry CKR_ codes and never key material.
  return new ProviderError(`PKCS#11: ${what}`, { cause });
}

function findSlot(lib: Pkcs11, options: Pkcs11ProviderOptions): Handle {
  const slots = lib.C_GetSlotList(true);
  if (options.tokenLabel !== undefined) {
    const slot = slots.find((s) => lib.C_GetTokenInfo(s).label.trim() === options.tokenLabel);
    if (!slot) throw new ProviderError(`PKCS#11: no token labelled "${options.tokenLabel}"`);
    return slot;
  }
  const slot = slots[options.slot ?? 0];
  if (!slot) throw new ProviderError(`PKCS#11: no token in slot ${options.slot ?? 0}`);
  return slot;
}

function findKey(
  lib: Pkcs11,
  mod: Pkcs11Module,
  session: Handle,
  options: Pkcs11ProviderOptions,
): Handle {
  const c = (name: string) => constant(mod, name);
  const selector: Attribute[] = [
    { type: c('CKA_CLASS'), value: c('CKO_SECRET_KEY') },
    { type: c('CKA_KEY_TYPE'), value: c('CKK_AES') },
    { type: c('CKA_LABEL'), value: options.keyLabel },
  ];
  lib.C_FindObjectsInit(session, selector);
  const found = lib.C_FindObjects(session, 2);
  lib.C_FindObjectsFinal(session);
  if (found.length > 1) {
    throw new KeyError(
      'ERR_KEYRING_STATE',
      `PKCS#11: two AES keys are labelled "${options.keyLabel}"`,
    );
  }
  if (found[0]) return found[0];
  if (!options.generate) {
    throw new KeyError(
      'ERR_KEY_NOT_FOUND',
      `PKCS#11: no AES key labelled "${options.keyLabel}" in the token`,
    );
  }
  // A token object that cannot be read out (SENSITIVE, not EXTRACTABLE), used only to
  // encrypt and decrypt data keys.
  return lib.C_GenerateKey(session, { mechanism: c('CKM_AES_KEY_GEN') }, [
    ...selector,
    { type: c('CKA_TOKEN'), value: true },
    { type: c('CKA_PRIVATE'), value: true },
    { type: c('CKA_SENSITIVE'), value: true },
    { type: c('CKA_EXTRACTABLE'), value: false },
    { type: c('CKA_ENCRYPT'), value: true },
    { type: c('CKA_DECRYPT'), value: true },
    { type: c('CKA_WRAP'), value: false },
    { type: c('CKA_UNWRAP'), value: false },
    { type: c('CKA_VALUE_LEN'), value: 32 },
  ]);
}

function checkOptions(options: Pkcs11ProviderOptions): void {
  assertObject(options, 'options');
  assertString(options.module, 'options.module');
  assertString(options.pin, 'options.pin');
  assertString(options.keyLabel, 'options.keyLabel');
  if (options.tokenLabel !== undefined) assertString(options.tokenLabel, 'options.tokenLabel');
  if (options.slot !== undefined) assertInteger(options.slot, 'options.slot', 0, 1024);
  if (options.tokenLabel === undefined && options.slot === undefined) {
    throw new InvalidInputError('ERR_INVALID_ARGUMENT', 'options: give tokenLabel or slot');
  }
  if (options.keyId !== undefined) {
    assertString(options.keyId, 'options.keyId');
    checkStanzaKeyId(options.keyId, 'options.keyId');
  }
}

/**
 * Opens a session on a PKCS#11 token and returns a KeyProvider that wraps data keys with an
 * AES-256 key held in the token (CKM_AES_GCM, AAD = the stanza's associated data).
 *
 * @param options - module path, token (label or slot), PIN, key label, `generate`, `keyId`
 * @returns the provider; call `close()` when done
 * @throws {@link cachet!ProviderError} ERR_PROVIDER when pkcs11js is missing or the token refuses
 * @throws {@link cachet!KeyError} ERR_KEY_NOT_FOUND when the key is absent and `generate` is false
 * @example
 * ```ts
 * // requires: PKCS11_MODULE PKCS11_TOKEN_LABEL PKCS11_PIN
 * import { open, pkcs11Provider, seal } from 'cachet/envelope';
 * const hsm = await pkcs11Provider({
 *   module: process.env.PKCS11_MODULE!, // e.g. /usr/lib/softhsm/libsofthsm2.so
 *   tokenLabel: process.env.PKCS11_TOKEN_LABEL!,
 *   pin: process.env.PKCS11_PIN!,
 *   keyLabel: 'envelope-kek-example',
 *   generate: true, // create the key in the token on first use
 * });
 * const context = { table: 'documents' };
 * const envelope = await seal('contract.pdf', { recipients: hsm, context });
 * await open(envelope, { recipient: hsm, context });
 * await hsm.close();
 * ```
 */
export async function pkcs11Provider(options: Pkcs11ProviderOptions): Promise<Pkcs11Provider> {
  checkOptions(options);
  const mod = await loadModule();
  const c = (name: string) => constant(mod, name);
  const { lib } = acquire(mod, options.module);
  let session: Handle | undefined;
  let key: Handle;
  try {
    session = lib.C_OpenSession(
      findSlot(lib, options),
      c('CKF_SERIAL_SESSION') | c('CKF_RW_SESSION'),
    );
    try {
      lib.C_Login(session, c('CKU_USER'), options.pin);
    } catch (cause) {
      // Login state is per token and application: another provider may have logged in.
      if (!/CKR_USER_ALREADY_LOGGED_IN/.test(String((cause as Error)?.message))) throw cause;
    }
    key = findKey(lib, mod, session, options);
  } catch (cause) {
    if (session) lib.C_CloseSession(session);
    release(options.module);
    if (cause instanceof KeyError || cause instanceof ProviderError) throw cause;
    throw fail('cannot open a session or find the key', cause);
  }
  const open: Handle = session;
  const keyId =
    options.keyId ?? `pkcs11:${options.tokenLabel ?? `slot-${options.slot}`}/${options.keyLabel}`;
  let closed = false;
  const mechanism = (iv: Uint8Array, aad: Uint8Array): Mechanism => ({
    mechanism: c('CKM_AES_GCM'),
    parameter: { type: c('CK_PARAMS_AES_GCM'), iv, aad, ivBits: IV * 8, tagBits: TAG * 8 },
  });
  const live = (): void => {
    if (closed) throw new ProviderError(`PKCS#11 provider "${keyId}" is closed`);
  };
  // Buffers for pkcs11js: Node Buffers (it checks with Buffer.isBuffer).
  const nodeBuffer = (
    globalThis as unknown as {
      Buffer: { from(b: Uint8Array): Uint8Array; alloc(n: number): Uint8Array };
    }
  ).Buffer;
  return {
    keyId,
    wrapKey(dataKey: Uint8Array, info: WrapInfo): Uint8Array {
      live();
      const iv = randomBytes(IV);
      try {
        // Init and Encrypt run back to back on this thread, so calls never interleave.
        lib.C_EncryptInit(open, mechanism(nodeBuffer.from(iv), nodeBuffer.from(info.aad)), key);
        const out = lib.C_Encrypt(
          open,
          nodeBuffer.from(dataKey),
          nodeBuffer.alloc(dataKey.length + TAG),
        );
        const body = new Uint8Array(IV + out.length);
        body.set(iv);
        body.set(out, IV);
        return body;
      } catch (cause) {
        throw fail('C_Encrypt failed', cause);
      }
    },
    unwrapKey(wrapped: Uint8Array, info: WrapInfo): Uint8Array {
      live();
      if (wrapped.length !== IV + 32 + TAG) throw new AuthenticationError();
      try {
        lib.C_DecryptInit(
          open,
          mechanism(nodeBuffer.from(wrapped.subarray(0, IV)), nodeBuffer.from(info.aad)),
          key,
        );
      } catch (cause) {
        throw fail('C_DecryptInit failed', cause);
      }
      try {
        const out = lib.C_Decrypt(
          open,
          nodeBuffer.from(wrapped.subarray(IV)),
          nodeBuffer.alloc(wrapped.length),
        );
        return new Uint8Array(out);
      } catch (cause) {
        // Tokens report a GCM tag mismatch as CKR_ENCRYPTED_DATA_INVALID (PKCS#11 3.0 §5.2),
        // SoftHSM2 as CKR_GENERAL_ERROR; after a successful C_DecryptInit on well-formed
        // input both mean the wrapped key does not authenticate (the cause is kept).
        if (
          /CKR_(ENCRYPTED_DATA_INVALID|ENCRYPTED_DATA_LEN_RANGE|GENERAL_ERROR)/.test(
            String((cause as Error)?.message),
          )
        ) {
          throw new AuthenticationError(undefined, { cause });
        }
        throw fail('C_Decrypt failed', cause);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        lib.C_CloseSession(open);
      } finally {
        release(options.module);
      }
    },
  };
}

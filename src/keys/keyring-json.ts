/**
 * The keyring's JSON format, version 1 (docs/formats.md#keyring-json):
 *
 * ```json
 * { "format": "cachet.keyring", "version": 1, "secrets": true,
 *   "keys": [{ "id": "8f3a09c2", "alg": "A256GCM", "status": "primary",
 *              "created": "2026-11-23T14:00:00.000Z", "secret": "<base64url>" }] }
 * ```
 *
 * Secret keys carry `secret`; private keys `private` and `public`; public keys `public`
 * (raw key, EC uncompressed point, or RSA SubjectPublicKeyInfo DER). The safe form
 * (`secrets: false`) leaves out `secret` and `private`. Reading re-validates every key.
 */
import { assertObject } from '../assert.js';
import { base64urlDecode, base64urlEncode } from '../bytes.js';
import { DerReader } from '../der.js';
import { InvalidInputError, UnsupportedError } from '../errors.js';
import {
  ALG_NAMES,
  ALGORITHMS,
  type Alg,
  type AsymmetricAlg,
  type RsaAlg,
  type SymmetricAlg,
} from './algorithms.js';
import { privateKey, publicKey } from './asymmetric.js';
import { checkKeyId } from './id.js';
import { type Key, materialOf } from './key.js';
import type { KeyringEntry, KeyStatus } from './keyring-state.js';
import { parseRsaPublicKey, rsaPublicKey } from './rsa.js';
import { secretKey } from './secret.js';

export const KEYRING_FORMAT = 'cachet.keyring';
export const KEYRING_VERSION = 1;
/** Hostile-input bound: a keyring with more keys than this is refused. */
export const MAX_KEYS = 10_000;

/**
 * One key in the JSON form.
 *
 * @example
 * ```ts
 * import { type KeyEntryJSON, Keyring } from 'cachet/keys';
 * const [entry]: KeyEntryJSON[] = Keyring.generate('Ed25519').toJSON().keys;
 * console.log(entry?.status, entry?.public !== undefined); // 'primary' true
 * ```
 */
export interface KeyEntryJSON {
  id: string;
  alg: Alg;
  status: KeyStatus;
  created: string;
  secret?: string;
  private?: string;
  public?: string;
}

/**
 * The keyring JSON document (docs/formats.md#keyring-json).
 *
 * @example
 * ```ts
 * import { Keyring, type KeyringJSON } from 'cachet/keys';
 * const json: KeyringJSON = Keyring.generate('A256GCM').toSecretJSON();
 * console.log(json.format, json.version, json.secrets); // 'cachet.keyring' 1 true
 * ```
 */
export interface KeyringJSON {
  format: typeof KEYRING_FORMAT;
  version: typeof KEYRING_VERSION;
  /** Whether secret and private material is included. */
  secrets: boolean;
  keys: KeyEntryJSON[];
}

/** Serialises entries; material is included only when `secrets` is true. */
export function keyringToJSON(entries: Iterable<KeyringEntry>, secrets: boolean): KeyringJSON {
  const keys: KeyEntryJSON[] = [];
  for (const { key, status } of entries) {
    const entry: KeyEntryJSON = {
      id: key.id,
      alg: key.alg,
      status,
      created: key.created.toISOString(),
    };
    const m = materialOf(key);
    if (secrets && m.secret) entry.secret = base64urlEncode(m.secret);
    if (secrets && m.private) entry.private = base64urlEncode(m.private);
    if (m.public) entry.public = base64urlEncode(m.public);
    keys.push(entry);
  }
  return { format: KEYRING_FORMAT, version: KEYRING_VERSION, secrets, keys };
}

function bad(message: string): never {
  throw new InvalidInputError('ERR_INVALID_FORMAT', `keyring JSON: ${message}`);
}

function field(
  entry: Record<string, unknown>,
  name: keyof KeyEntryJSON,
  index: number,
): Uint8Array | undefined {
  const value = entry[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') bad(`keys[${index}].${name} must be a string`);
  return base64urlDecode(value, `keys[${index}].${name}`);
}

function readKey(
  entry: Record<string, unknown>,
  index: number,
): { key: Key; status: KeyStatus } | undefined {
  const id = checkKeyId(entry['id'], `keys[${index}].id`);
  const alg = entry['alg'];
  if (typeof alg !== 'string' || !(ALG_NAMES as readonly string[]).includes(alg)) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_ALGORITHM',
      `keyring JSON: keys[${index}].alg is not a known algorithm`,
    );
  }
  const status = entry['status'];
  if (status !== 'primary' && status !== 'active' && status !== 'disabled')
    bad(`keys[${index}].status is invalid`);
  const created = typeof entry['created'] === 'string' ? Date.parse(entry['created']) : Number.NaN;
  if (Number.isNaN(created)) bad(`keys[${index}].created is not a date`);
  const origin = { id, created };
  const info = ALGORITHMS[alg as Alg];
  const secret = field(entry, 'secret', index);
  const priv = field(entry, 'private', index);
  const pub = field(entry, 'public', index);
  let key: Key | undefined;
  if (info.family === 'secret') {
    if (priv || pub) bad(`keys[${index}] mixes secret and asymmetric material`);
    key = secret && secretKey(alg as SymmetricAlg, secret, origin);
  } else if (secret) {
    bad(`keys[${index}]: an asymmetric key has no "secret"`);
  } else if (info.family === 'rsa') {
    if (priv) bad(`keys[${index}]: RSA keys are public only`);
    if (pub) {
      const spki = new DerReader(pub, 'RSA key').enter();
      spki.enter();
      const { n, e } = parseRsaPublicKey(spki.readBitString());
      key = rsaPublicKey(alg as RsaAlg, n, e, origin);
    }
  } else if (priv) {
    key = privateKey(alg as AsymmetricAlg, priv, pub, origin);
  } else if (pub) {
    key = publicKey(alg as AsymmetricAlg, pub, origin);
  }
  return key && { key, status };
}

/**
 * Parses and validates a keyring document. Entries without material (secret keys in the
 * safe form) are dropped; private keys without `private` become public keys.
 */
export function keyringFromJSON(input: unknown): {
  entries: KeyringEntry[];
  droppedPrimary: boolean;
} {
  let json = input;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch {
      // No `cause`: V8's SyntaxError quotes the input, which here holds key material.
      throw new InvalidInputError('ERR_INVALID_FORMAT', 'keyring JSON is not valid JSON');
    }
  }
  assertObject(json, 'json');
  if (json['format'] !== KEYRING_FORMAT) bad(`"format" must be "${KEYRING_FORMAT}"`);
  if (json['version'] !== KEYRING_VERSION) {
    throw new UnsupportedError(
      'ERR_UNSUPPORTED_VERSION',
      `keyring JSON version ${typeof json['version'] === 'number' ? json['version'] : typeof json['version']} is not supported (this release reads version ${KEYRING_VERSION})`,
    );
  }
  if (typeof json['secrets'] !== 'boolean') bad('"secrets" must be true or false');
  const keys = json['keys'];
  if (!Array.isArray(keys) || keys.length === 0) bad('"keys" must be a non-empty array');
  if (keys.length > MAX_KEYS) bad(`more than ${MAX_KEYS} keys`);
  const entries: KeyringEntry[] = [];
  const ids = new Set<string>();
  let primaries = 0;
  let droppedPrimary = false;
  keys.forEach((raw: unknown, index: number) => {
    assertObject(raw, `keys[${index}]`);
    const read = readKey(raw, index);
    if (raw['status'] === 'primary') primaries++;
    if (ids.has(raw['id'] as string)) bad(`duplicate key id "${String(raw['id'])}"`);
    ids.add(raw['id'] as string);
    if (read) entries.push(read);
    else if (raw['status'] === 'primary') droppedPrimary = true;
  });
  if (primaries !== 1) bad(`exactly one key must be primary, found ${primaries}`);
  return { entries, droppedPrimary };
}
